/// Builds the section tree of a plan from its numbering labels.
///
/// Takes a normalized `Document`, returns an `OutlinedDocument`: every line that starts with a
/// label (`一、`, `（一）`, `1．`, `（1）`, `①`, `第一章`, `第一条`, `专栏1`) opens a section; a
/// label closes the open sections of the same or a deeper rank, so numbering that continues
/// across chapters (（三）…（二十二）) needs no special case. A 专栏 box nests under the section
/// that holds it. Does not interpret what the sections say.
public struct Outliner: Sendable {
  private let patterns = OutlinePatterns()
  private let maxTitleLength: Int
  /// Text length from which a document without headings gets an `unknownStructure` warning.
  private let minimumOutlinedLength: Int

  /// Creates an outliner.
  public init(options: ExtractionOptions = ExtractionOptions()) {
    self.maxTitleLength = options.maxTitleLength
    self.minimumOutlinedLength = options.minimumOutlinedLength
  }

  /// Outlines one document.
  public func outline(_ document: Document, diagnostics: inout Diagnostics) -> OutlinedDocument {
    let folded = document.folded.scalars
    var sections: [Section] = []
    var stack: [Int] = []
    var lineStart = 0
    var inTaskTable = false
    while lineStart <= folded.count {
      var lineEnd = lineStart
      while lineEnd < folded.count, folded[lineEnd] != "\n" { lineEnd += 1 }
      var start = lineStart
      while start < lineEnd, Self.isIndent(folded[start]) { start += 1 }
      let line = folded[start..<lineEnd]
      var found = patterns.match(folded, at: start, end: lineEnd)
      if patterns.isTableLine(line) {
        if patterns.isTaskTableHeader(line) {
          // A task-division table (often an attachment) is not part of the item above it.
          inTaskTable = true
          stack.removeAll()
        } else if inTaskTable, let row = patterns.tableRow(folded, at: start, end: lineEnd) {
          found = row
        }
      } else if found == nil {
        inTaskTable = false
      }
      if let match = found {
        while let top = stack.last,
          sections[top].kind.rank >= match.kind.rank
            || (match.kind == .box && sections[top].kind == .box)
        {
          stack.removeLast()
        }
        let parent = stack.last
        let labelSpan = SourceSpan(start: start, end: start + match.length)
        let label = document.text[labelSpan].filter { !$0.isWhitespace }
        let titleSpan = title(in: folded, after: labelSpan.end, lineEnd: lineEnd)
        let path = (parent.map { sections[$0].path } ?? []) + [label]
        sections.append(
          Section(
            index: sections.count, kind: match.kind, path: path,
            title: document.text[titleSpan],
            span: SourceSpan(start: start, end: max(titleSpan.end, labelSpan.end)),
            body: SourceSpan(start: start, end: folded.count), parent: parent,
            labelLength: match.length))
        stack.append(sections.count - 1)
      }
      lineStart = lineEnd + 1
    }
    // A section's own body runs to the next label of any level.
    for index in sections.indices.dropLast() {
      sections[index].body.end = sections[index + 1].body.start
    }
    let preambleEnd = sections.first?.body.start ?? folded.count
    if sections.isEmpty, folded.count >= minimumOutlinedLength {
      // News items and portal pages often carry no numbering: say so, since every task-level
      // fact (departments) then hangs on the document as a whole.
      diagnostics.report(
        .unknownStructure,
        "no outline headings (一、 （一） 1． 第一条 …) found in \(folded.count) characters: the text has no task structure"
      )
    }
    return OutlinedDocument(
      document: document, sections: sections,
      preamble: SourceSpan(start: 0, end: preambleEnd))
  }

  /// The inline title after a label: up to the first 。, cell break or the end of the line,
  /// spaces trimmed.
  private func title(in s: [Unicode.Scalar], after start: Int, lineEnd: Int) -> SourceSpan {
    var begin = start
    // A pipe table's first cell break (`1 | 任务 |`) is not part of the title.
    while begin < lineEnd, Self.isIndent(s[begin]) || s[begin] == "|" { begin += 1 }
    var end = begin
    while end < lineEnd, s[end] != "。", s[end] != "\t", s[end] != "|", end - begin < maxTitleLength
    {
      end += 1
    }
    while end > begin, Self.isIndent(s[end - 1]) { end -= 1 }
    return SourceSpan(start: begin, end: end)
  }

  private static func isIndent(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\u{3000}" || scalar == "\u{00A0}"
  }
}

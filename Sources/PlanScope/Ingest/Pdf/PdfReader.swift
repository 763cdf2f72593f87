/// Reads a plan published as a PDF with a text layer (`.pdf`), in reading order.
///
/// poppler gives each character and its box (`PdfPages`); the layout here is planscope's own:
/// - characters on one baseline form a line, split into segments at wide gaps; a page whose
///   lines mostly split at one gutter is read column by column;
/// - running headers and footers (the same line, digits aside, at the top or bottom of most
///   pages) and page numbers (`— 3 —`, `第3页`, `3/12`) are dropped;
/// - lines are re-joined inside paragraphs: Chinese lines wrap at the right margin without a
///   space, so a line that reaches the margin and does not end a sentence continues on the
///   next one, unless that one starts an outline item (一、 （一） 1． 第一条 …), across pages too.
///
/// A PDF without a text layer fails alone: "scanned PDF: no text layer (run OCR first)".
public struct PdfReader: DocumentReader {
  /// Share of a page's height at its top and bottom where running headers and footers sit.
  static let marginShare = 0.1

  /// Creates a reader.
  public init() {}

  /// Reads one PDF.
  /// - Throws: `IngestError.unreadablePdf`.
  public func read(_ input: DocumentInput) throws -> SourceDocument {
    let pages: [PdfPage]
    do {
      pages = try PdfPages.read(input.bytes)
    } catch {
      switch error {
      case .unreadable(let message):
        throw IngestError.unreadablePdf(path: input.path, reason: message)
      }
    }
    guard pages.contains(where: { $0.glyphs.contains { !Self.isSpace($0.scalar) } }) else {
      throw IngestError.unreadablePdf(
        path: input.path, reason: "scanned PDF: no text layer (run OCR first)")
    }
    let text = PdfLayout(pages: pages).text()
    return SourceDocument(
      source: SourceInfo(path: input.path, sha256: "", format: .pdf), text: text)
  }

  static func isSpace(_ scalar: Unicode.Scalar) -> Bool { ScalarSet.isSpace(scalar.value) }
}

/// Turns positioned characters into lines of text (see `PdfReader`).
struct PdfLayout {
  let pages: [PdfPage]

  /// A run of characters on one line without a wide gap.
  struct Segment {
    var text: String
    var x0: Double
    var x1: Double
    var y: Double
    var height: Double
  }

  /// A line of a page in reading order, with the edges of the block it belongs to.
  struct Line {
    var text: String
    var x1: Double
    var margin: Double
    var height: Double
    var left: Double = 0
  }

  /// The document's text, lines joined inside paragraphs, a final line break.
  func text() -> String {
    let perPage = pages.map(readingOrder)
    let running = runningLines(perPage)
    var paragraphs: [String] = []
    var open: Line?
    for (page, lines) in perPage.enumerated() {
      for (index, line) in lines.enumerated() {
        if running.contains(PageLine(page: page, index: index)) { continue }
        if let previous = open, Self.continues(previous, with: line) {
          paragraphs[paragraphs.count - 1] += Self.joiner(previous.text, line.text) + line.text
          open = line
          continue
        }
        paragraphs.append(line.text)
        open = line
      }
    }
    return paragraphs.isEmpty ? "" : paragraphs.joined(separator: "\n") + "\n"
  }

  // MARK: - Lines and columns

  /// A page's lines, column by column when it has two.
  func readingOrder(_ page: PdfPage) -> [Line] {
    let segmentsByLine = lines(of: page)
    let top = page.height * PdfReader.marginShare
    let bottom = page.height * (1 - PdfReader.marginShare)
    let body = segmentsByLine.filter { line in
      line.first.map { $0.y > top && $0.y < bottom } ?? false
    }
    // Two columns: most body lines split in two, the second halves starting at one x (the
    // right column's edge) to the right of every first half.
    let split = body.filter { $0.count == 2 }
    if body.count >= 2, split.count * 10 >= body.count * 6 {
      let starts = split.map { $0[1].x0 }
      let ends = split.map { $0[0].x1 }
      if let low = starts.min(), let high = starts.max(), let end = ends.max(),
        high - low <= page.width * 0.05, end < low
      {
        let gutter = (end + low) / 2
        let all = segmentsByLine.flatMap { $0 }
        let spanning = all.filter { $0.x0 < gutter && $0.x1 > gutter }
        let left = all.filter { $0.x1 <= gutter }
        let right = all.filter { $0.x0 >= gutter }
        return block(spanning.filter { $0.y <= top }) + block(left) + block(right)
          + block(spanning.filter { $0.y > top })
      }
    }
    let merged = segmentsByLine.map { line -> Segment in
      var first = line[0]
      for next in line.dropFirst() {
        first.text += " " + next.text
        first.x1 = next.x1
      }
      return first
    }
    return block(merged)
  }

  /// Segments in one column, top to bottom, with the column's right margin.
  private func block(_ segments: [Segment]) -> [Line] {
    let sorted = segments.sorted { $0.y < $1.y }
    let margin = sorted.map(\.x1).max() ?? 0
    let left = sorted.map(\.x0).min() ?? 0
    return sorted.map {
      Line(text: $0.text, x1: $0.x1, margin: margin, height: $0.height, left: left)
    }
  }

  /// The page's characters as lines (top to bottom) of segments (left to right).
  func lines(of page: PdfPage) -> [[Segment]] {
    let glyphs = page.glyphs.filter { !PdfReader.isSpace($0.scalar) && $0.x1 > $0.x0 }
      .sorted { ($0.y0 + $0.y1) < ($1.y0 + $1.y1) }
    var rows: [[PdfGlyph]] = []
    for glyph in glyphs {
      let center = (glyph.y0 + glyph.y1) / 2
      if let last = rows.last?.last,
        abs((last.y0 + last.y1) / 2 - center) <= (last.y1 - last.y0) / 2
      {
        rows[rows.count - 1].append(glyph)
      } else {
        rows.append([glyph])
      }
    }
    return rows.map { row in
      let ordered = row.sorted { $0.x0 < $1.x0 }
      let height = ordered.map { $0.y1 - $0.y0 }.max() ?? 1
      var segments: [Segment] = []
      var previous: PdfGlyph?
      for glyph in ordered {
        let gap = previous.map { glyph.x0 - $0.x1 } ?? 0
        if let previous, gap <= height * 2, !segments.isEmpty {
          let spaced =
            gap > height * 0.25 && !Self.isWide(previous.scalar) && !Self.isWide(glyph.scalar)
          segments[segments.count - 1].text += (spaced ? " " : "") + String(Character(glyph.scalar))
          segments[segments.count - 1].x1 = glyph.x1
        } else {
          segments.append(
            Segment(
              text: String(Character(glyph.scalar)), x0: glyph.x0, x1: glyph.x1,
              y: (glyph.y0 + glyph.y1) / 2, height: height))
        }
        previous = glyph
      }
      return segments
    }
  }

  // MARK: - Running headers and footers

  struct PageLine: Hashable {
    var page: Int
    var index: Int
  }

  /// The header, footer and page-number lines of every page.
  private func runningLines(_ perPage: [[Line]]) -> Set<PageLine> {
    var candidates: [(PageLine, String)] = []
    for (page, lines) in perPage.enumerated() {
      // The first and last two lines of a page are where running lines sit (reading order).
      let edge = Set(Array(lines.indices.prefix(2)) + Array(lines.indices.suffix(2)))
      for index in edge.sorted() {
        candidates.append((PageLine(page: page, index: index), Self.shape(lines[index].text)))
      }
    }
    var pagesByShape: [String: Set<Int>] = [:]
    for (line, shape) in candidates { pagesByShape[shape, default: []].insert(line.page) }
    var running = Set<PageLine>()
    for (line, shape) in candidates {
      let text = perPage[line.page][line.index].text
      let repeated =
        perPage.count >= 2 && (pagesByShape[shape]?.count ?? 0) * 2 >= perPage.count
        && (pagesByShape[shape]?.count ?? 0) >= 2
      if repeated || Self.isPageNumber(text) { running.insert(line) }
    }
    return running
  }

  /// A line with its digits as `#`, to compare running lines across pages.
  static func shape(_ text: String) -> String {
    String(text.unicodeScalars.map { ("0"..."9").contains($0) ? "#" : Character($0) })
  }

  /// `3`, `— 3 —`, `- 3 -`, `第3页`, `第 3 页 共 12 页`, `3/12`, `Page 3`.
  static func isPageNumber(_ text: String) -> Bool {
    let compact = text.filter { !$0.isWhitespace }
    guard compact.contains(where: \.isNumber), compact.count <= 16 else { return false }
    let allowed = Set("0123456789-—–－/第页共Pagepage.·")
    return compact.allSatisfy { allowed.contains($0) }
  }

  // MARK: - Paragraphs

  /// Whether `line` continues the paragraph whose last line is `previous`.
  static func continues(_ previous: Line, with line: Line) -> Bool {
    guard let last = previous.text.unicodeScalars.last else { return false }
    if "。！？；：!?;:".unicodeScalars.contains(last) { return false }
    // Reached the right margin: within a seventh of the block's width (digits and Latin
    // letters are narrower than Chinese characters, so full lines end a little short).
    let width = previous.margin - previous.left
    guard previous.x1 >= previous.margin - max(previous.height * 1.5, width / 7) else {
      return false
    }
    return !startsOutlineItem(line.text)
  }

  /// Whether a line opens an outline item: 一、 （一） 1． （1） ① 第一章 第三条 专栏.
  static func startsOutlineItem(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars.prefix(8))
    guard let first = scalars.first else { return false }
    let numerals = Set("一二三四五六七八九十百零〇".unicodeScalars)
    func afterRun(from start: Int, in set: (Unicode.Scalar) -> Bool) -> Int {
      var index = start
      while index < scalars.count, set(scalars[index]) { index += 1 }
      return index
    }
    let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) || ("０"..."９").contains($0) }
    if numerals.contains(first) {
      let end = afterRun(from: 0) { numerals.contains($0) }
      return end < scalars.count && "、.．".unicodeScalars.contains(scalars[end])
    }
    if isDigit(first) {
      let end = afterRun(from: 0, in: isDigit)
      return end < scalars.count && "、.．)）".unicodeScalars.contains(scalars[end])
        && !(end + 1 < scalars.count && isDigit(scalars[end + 1]))
    }
    if first == "（" || first == "(" {
      return scalars.count > 1 && (numerals.contains(scalars[1]) || isDigit(scalars[1]))
    }
    if (0x2460...0x2473).contains(first.value) { return true }  // ① … ⑳
    if first == "第" {
      let end = afterRun(from: 1) { numerals.contains($0) || isDigit($0) }
      return end > 1 && end < scalars.count && "章节条部分".unicodeScalars.contains(scalars[end])
    }
    return text.hasPrefix("专栏")
  }

  /// What goes between two joined lines: a space between Latin words, else nothing.
  static func joiner(_ left: String, _ right: String) -> String {
    guard let last = left.unicodeScalars.last, let first = right.unicodeScalars.first else {
      return ""
    }
    return last.properties.isAlphabetic && first.properties.isAlphabetic && !isWide(last)
      && !isWide(first) ? " " : ""
  }

  /// Chinese characters and full-width forms.
  static func isWide(_ scalar: Unicode.Scalar) -> Bool { ScalarSet.isWide(scalar) }
}

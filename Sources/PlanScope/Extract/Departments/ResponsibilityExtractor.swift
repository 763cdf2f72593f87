/// Finds the departments responsible for each task and their roles (责任分工).
///
/// Takes an outlined document and its sentences; returns, per section index, the departments
/// with roles. Explicit assignments win: parentheticals `（A牵头；B、C配合）`, label lines
/// `牵头单位：…`, and a default set once for `以下各项`. Only tasks without one get departments
/// inferred from running text, and only from a sentence that opens with a body's name
/// (`市发展改革局加强组织协调…` → lead). Each department appears once per task. Does not
/// resolve generic references (有关部门).
public struct ResponsibilityExtractor: Sendable {
  /// Compiled once per pipeline (a regex literal is parsed again each time it is created).
  private let patterns = ResponsibilityPatterns()
  private let lexicon: DepartmentLexicon
  private let parser: DepartmentListParser

  /// Creates an extractor.
  public init(lexicon: DepartmentLexicon) {
    self.lexicon = lexicon
    self.parser = DepartmentListParser(lexicon: lexicon)
  }

  /// The key of the preamble's departments when `includePreamble` is set.
  public static let preambleIndex = -1

  /// Departments per section index; with `includePreamble` (snippets without numbering) the
  /// text before the first section counts as a task keyed `preambleIndex`.
  public func extract(
    from outline: OutlinedDocument, sentences: [Sentence], jurisdiction: String?,
    includePreamble: Bool = false, diagnostics: inout Diagnostics
  ) -> [Int: [Responsibility]] {
    let document = outline.document
    // The rule applies from the item that states it on (its earlier items keep their roles).
    let rulePosition = patterns.firstListedLeads.firstMatch(in: document.folded.scalars)?.range
      .lowerBound
    var explicit: [Int: [ListedDepartment]] = [:]
    var defaults: [ListedDepartment] = []
    var sections = outline.sections
    if includePreamble {
      sections.insert(
        Section(
          index: Self.preambleIndex, kind: .box, path: [], title: "", span: outline.preamble,
          body: outline.preamble, parent: nil), at: 0)
    }
    for section in sections {
      let firstListedLeads = rulePosition.map { section.body.end > $0 } ?? false
      var found: [ListedDepartment] = []
      if section.kind == .tableRow || isPipeRow(section, in: document) {
        found = tableRow(section, in: document, firstListedLeads: firstListedLeads)
        if !found.isEmpty { explicit[section.index] = found }
        continue
      }
      for (range, rule) in assignmentRanges(in: document, body: section.body, patterns: patterns) {
        let listed = parser.parse(document, range: range, firstListedLeads: firstListedLeads)
        found.append(contentsOf: listed.map { $0.with(rule) })
        if let clause = defaultClause(in: document, range: range, patterns: patterns) {
          defaults = parser.parse(document, range: clause).map { $0.with(.defaultForFollowing) }
        }
      }
      if !found.isEmpty {
        explicit[section.index] =
          found + defaults.filter { d in !found.contains { $0.name == d.name } }
      }
    }
    var result: [Int: [Responsibility]] = [:]
    for (index, listed) in explicit {
      result[index] = responsibilities(listed, jurisdiction: jurisdiction)
    }
    var inferred: [Int: [ListedDepartment]] = [:]
    for sentence in sentences {
      guard let index = sentence.sectionIndex ?? (includePreamble ? Self.preambleIndex : nil),
        explicit[index] == nil
      else { continue }
      inferred[index, default: []].append(
        contentsOf: infer(sentence, document: document, patterns: patterns).map {
          $0.with(.runningText)
        })
    }
    for (index, listed) in inferred where !listed.isEmpty {
      result[index] = responsibilities(listed, jurisdiction: jurisdiction)
    }
    return result
  }

  /// Departments once each, in order of first mention.
  private func responsibilities(_ listed: [ListedDepartment], jurisdiction: String?)
    -> [Responsibility]
  {
    listed.firstOfEach(key: \.name).map { item in
      Responsibility(
        name: item.name, canonical: lexicon.canonical(item.name, jurisdiction: jurisdiction),
        role: item.role, span: item.span, rule: item.rule.rawValue)
    }
  }

  // MARK: - Explicit assignments

  /// Departments of a task-division table row: by the header's 牵头单位/配合单位/责任单位
  /// columns when the row has as many cells as the header, else from the role words in its
  /// cells (`市金融办牵头，各相关单位配合`).
  private func tableRow(_ section: Section, in document: Document, firstListedLeads: Bool)
    -> [ListedDepartment]
  {
    let s = document.folded.scalars
    var lineEnd = section.span.start
    while lineEnd < s.count, s[lineEnd] != "\n" { lineEnd += 1 }
    let cells = Self.cells(s, in: section.span.start..<lineEnd)
    let header = headerRoles(before: section.span.start, in: s)
    var found: [ListedDepartment] = []
    for (column, cell) in cells.enumerated().dropFirst(2) {
      let role = header.count == cells.count ? header[column] : nil
      if header.count == cells.count && role == nil { continue }
      var listed = parser.parse(
        document, range: cell, firstListedLeads: firstListedLeads && role == nil)
      if let role {
        listed = listed.map {
          var item = $0
          item.role = role
          return item
        }
      }
      found.append(contentsOf: listed.map { $0.with(role == nil ? .tableCell : .tableColumn) })
    }
    return found
  }

  /// The role of each column of the nearest table header above `position` (nil: not a role).
  private func headerRoles(before position: Int, in s: [Unicode.Scalar]) -> [Responsibility.Role?] {
    var end = position
    while end > 0 {
      var start = end - 1
      while start > 0, s[start - 1] != "\n" { start -= 1 }
      let line = start..<max(start, end - 1)
      let text = ScalarText.string(s[line])
      if text.includes("\t") || text.includes("|"), text.includes("单位") || text.includes("部门") {
        return Self.cells(s, in: line).map { cell in
          let name = ScalarText.string(s[cell])
          return lexicon.roleWords.first { name.includes($0.phrase) && $0.phrase.count >= 2 }?.role
        }
      }
      end = start
    }
    return []
  }

  /// Whether a section is a row of a table copied with `|` between cells:
  /// `（1） | 任务 | 市发展改革委 | 各县区政府 |`.
  private func isPipeRow(_ section: Section, in document: Document) -> Bool {
    let s = document.folded.scalars
    var count = 0
    var index = section.span.start
    while index < s.count, s[index] != "\n" {
      if s[index] == "|" { count += 1 }
      index += 1
    }
    return count >= 2
  }

  /// The cells of a line, separated by TABs or by `|`.
  private static func cells(_ s: [Unicode.Scalar], in line: Range<Int>) -> [Range<Int>] {
    var cells: [Range<Int>] = []
    var start = line.lowerBound
    for index in line where s[index] == "\t" || s[index] == "|" {
      cells.append(start..<index)
      start = index + 1
    }
    cells.append(start..<line.upperBound)
    return cells
  }

  /// The clause of an assignment that sets a default for the tasks that follow
  /// (`以下各项任务责任单位均含各市县人民政府`), if there is one.
  private func defaultClause(
    in document: Document, range: Range<Int>, patterns: ResponsibilityPatterns
  )
    -> Range<Int>?
  {
    let s = document.folded.scalars
    guard let match = patterns.defaultForFollowing.firstMatch(in: s, range: range) else {
      return nil
    }
    var start = match.range.lowerBound
    var end = start
    while start > range.lowerBound, ![",", ";", "。"].contains(s[start - 1]) { start -= 1 }
    while end < range.upperBound, ![",", ";", "。"].contains(s[end]) { end += 1 }
    return start..<end
  }

  /// Ranges of a section's body holding an explicit assignment: the inside of each top-level
  /// parenthetical that names a body, and the rest of each `牵头单位：` line.
  private func assignmentRanges(
    in document: Document, body: SourceSpan, patterns: ResponsibilityPatterns
  )
    -> [(Range<Int>, ResponsibilityRule)]
  {
    let s = document.folded.scalars
    var ranges: [(Range<Int>, ResponsibilityRule)] = []
    var depth = 0
    var open = body.start
    for index in body.start..<body.end {
      switch s[index] {
      case "(", "【", "[":
        if depth == 0 { open = index + 1 }
        depth += 1
      case ")", "】", "]":
        depth = max(0, depth - 1)
        if depth == 0, index > open, namesBody(s[open..<index]) {
          ranges.append((open..<index, .parenthetical))
        }
      case "\n":
        // （市发改委牵头，市财政局… cut before its closing bracket: the rest of the line.
        if depth == 1, index > open, namesBody(s[open..<index]) {
          ranges.append((open..<index, .parenthetical))
        }
        depth = 0
      default: break
      }
    }
    if depth == 1, body.end > open, namesBody(s[open..<body.end]) {
      var end = body.end
      while end > open, s[end - 1].properties.isWhitespace { end -= 1 }
      ranges.append((open..<end, .parenthetical))
    }
    // `牵头单位：…`: every label is four characters, then optional spaces, then a colon.
    for index in body.start..<body.end where s[index] == ":" || s[index] == "：" {
      var labelEnd = index
      while labelEnd > body.start, s[labelEnd - 1].properties.isWhitespace { labelEnd -= 1 }
      let start = labelEnd - 4
      guard start >= body.start,
        patterns.assignmentLabels.contains(ScalarText.string(s[start..<labelEnd]))
      else { continue }
      var end = index + 1
      while end < body.end, s[end] != "\n", s[end] != "。" { end += 1 }
      if !ranges.contains(where: { $0.0.contains(start) }) {
        ranges.append((start..<end, .labelLine))
      }
    }
    return ranges.sorted { $0.0.lowerBound < $1.0.lowerBound }
  }

  /// Whether a parenthetical names at least one body or role (not `（含网约车）`).
  private func namesBody(_ slice: ArraySlice<Unicode.Scalar>) -> Bool {
    guard slice.count >= 3, slice.count <= 400 else { return false }
    return slice.split(whereSeparator: { ["、", ",", ";", "。"].contains($0) }).contains { piece in
      let name = piece.split(separator: "等").first ?? piece
      return lexicon.isBody(lexicon.strippingRole(name))
    }
  }

  // MARK: - Running text

  /// Departments a sentence assigns by opening a clause with their names:
  /// `市发展改革委要加强组织协调…` (lead), `县农业农村局负责，县水利局配合` (responsible, support),
  /// `市发展改革委会同市财政局…` (the partners support).
  private func infer(_ sentence: Sentence, document: Document, patterns: ResponsibilityPatterns)
    -> [ListedDepartment]
  {
    let s = sentence.scalars
    var found: [ListedDepartment] = []
    var clauseStart = sentence.contentStart
    while clauseStart < s.count {
      var clauseEnd = clauseStart
      while clauseEnd < s.count, ![",", ";", "。"].contains(s[clauseEnd]) { clauseEnd += 1 }
      found += inferClause(
        s, from: clauseStart, to: clauseEnd, sentence: sentence, document: document,
        patterns: patterns)
      clauseStart = clauseEnd + 1
    }
    return found
  }

  private func inferClause(
    _ s: [Unicode.Scalar], from start: Int, to end: Int, sentence: Sentence, document: Document,
    patterns: ResponsibilityPatterns
  ) -> [ListedDepartment] {
    var index = start
    while index < end, s[index] == " " { index += 1 }
    if index < end, s[index] == "由" { index += 1 }
    // A cheap test before the name search: a jurisdiction, or a body suffix close by (建筑署).
    guard index < end else { return [] }
    let head = s[index..<min(end, index + 12)]
    guard lexicon.startsWithJurisdiction(head) || patterns.strongSuffixes.containsAny(of: head)
    else { return [] }
    guard let (items, listEnd) = subject(s, from: index, to: end) else { return [] }
    let rest = s[listEnd..<end]
    var role: Responsibility.Role
    if let word = lexicon.role(opening: rest) {
      role = word
    } else {
      guard patterns.actingCues.contains(where: { rest.starts(with: $0) }) else { return [] }
      var verb = rest
      for modal in patterns.modals where verb.first == modal { verb = verb.dropFirst() }
      role =
        items.count == 1 && patterns.inferredLeadCues.contains { verb.starts(with: $0) }
        ? .lead : .responsible
    }
    if rest.starts(with: patterns.answersFor) { role = .responsible }
    var found = parser.parse(
      document,
      range: (sentence.span.start + items[0].lowerBound)..<(sentence.span.start
        + (items.last?.upperBound ?? 0))
    ).map {
      var item = $0
      item.role = role
      return item
    }
    // 市发展改革委会同市财政局制定…: the partners named after 会同 support.
    if rest.starts(with: patterns.together),
      let (partners, _) = subject(s, from: listEnd + 2, to: end)
    {
      found += parser.parse(
        document,
        range: (sentence.span.start + partners[0].lowerBound)..<(sentence.span.start
          + (partners.last?.upperBound ?? 0))
      ).map {
        var item = $0
        item.role = .support
        return item
      }
    }
    return found
  }

  /// The names a clause opens with (`市生态环境局、工业和信息化局等部门`) and where they end.
  private func subject(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> ([Range<Int>], Int)?
  {
    var index = start
    var items: [Range<Int>] = []
    while index < end, let nameEnd = nameEnd(s, from: index), nameEnd <= end {
      items.append(index..<nameEnd)
      index = nameEnd
      guard index < end, ["、", "和", "及", "与"].contains(s[index]) else { break }
      index += 1
    }
    guard !items.isEmpty else { return nil }
    if let last = items.last { index = last.upperBound }
    if index + 1 < end, s[index] == "等" {
      index += 1
      while index < end, ["部", "门", "单", "位", "有", "关", "相"].contains(s[index]) { index += 1 }
    }
    return (items, index)
  }

  /// End of a body's name starting at `start`: the shortest prefix that is a body, unless a
  /// longer suffix continues it (委 → 委员会, 中心 → 中心支行); nil when there is none.
  private func nameEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
    let limit = min(s.count, start + 30)
    var end = start + 2
    while end <= limit {
      let last = s[end - 1]
      if last == "，" || last == "," || last == "。" || last == "、" || last == ";" || last == "\n"
        || last == "("
      {
        return nil
      }
      if lexicon.mayEndBody(last), lexicon.isBody(s[start..<end]) {
        var best = end
        for extra in 1...3 where end + extra <= limit {
          let extended = s[start..<(end + extra)]
          if let suffix = lexicon.bodySuffixLength(of: extended), suffix > extra,
            lexicon.isBody(extended)
          {
            best = end + extra
          }
        }
        return best
      }
      end += 1
    }
    return nil
  }
}

extension ListedDepartment {
  /// The same department, assigned by `rule`.
  fileprivate func with(_ rule: ResponsibilityRule) -> ListedDepartment {
    var copy = self
    copy.rule = rule
    return copy
  }
}

/// A plan's metadata: title, jurisdiction, period, document number, issue date, issuers.
public struct PlanMetadata: Sendable, Hashable {
  /// The plan's own title (not the forwarding notice's).
  public var title: String?
  /// 天津市, 广西壮族自治区.
  public var jurisdiction: String?
  /// The period from the title.
  public var period: Period?
  /// 文号.
  public var docNumber: String?
  /// `YYYY-MM-DD`.
  public var issued: String?
  /// 印发单位.
  public var issuers: [String] = []
  /// The one year the title names (`2024年工作要点` → 2024), if it names exactly one: the year
  /// of dates written without one.
  public var titleYear: Int?
}

/// Reads a plan's metadata from its front matter (the text before the first numbered
/// heading), its lead (the opening lines, news framing included) and its last lines.
///
/// Title, jurisdiction and issuers each follow a table of rules tried in order (see
/// `title(front:lead:)`, `jurisdiction(title:issuers:docNumber:document:lead:)` and
/// `issuers(front:signature:lead:portal:)`). Document number: a portal field, the number of
/// the notice a forwarding notice passes on, or a line holding only one. Issue date: a
/// portal's 成文日期, else a date line (signature or under the title), else the portal's page
/// date. The word lists live in `MetadataCues`. Does not read the body's tasks.
public struct MetadataExtractor: Sendable {
  /// How much of a document counts as its lead (scalars).
  static let leadLength = 2000
  /// How much of a long front matter is read (scalars): a front matter is a few pages.
  static let frontLength = 20_000

  /// Compiled once per pipeline (a regex literal is parsed again each time it is created).
  let patterns = MetadataPatterns()
  let planWords: [String]
  let places: PlaceLexicon
  let bodySuffixIndex: AffixIndex
  let cues: MetadataCues

  /// Creates an extractor from the plan-type words, places, body suffixes and cue words.
  public init(planWords: [String], places: PlaceLexicon, bodySuffixes: [String], cues: MetadataCues)
  {
    self.planWords = planWords.sorted { $0.count > $1.count }
    self.places = places
    self.cues = cues
    bodySuffixIndex = AffixIndex(bodySuffixes)
  }

  /// Extracts the metadata of one document; `rocYears` reads 2–3 digit years as Republic of
  /// China years (Taiwan's plans).
  public func extract(
    from outline: OutlinedDocument, rocYears: Bool = false, diagnostics: inout Diagnostics
  )
    -> PlanMetadata
  {
    let document = outline.document
    let count = document.folded.count
    let front = MetadataLine.lines(
      of: document, in: SourceSpan(start: 0, end: min(outline.preamble.end, Self.frontLength)))
    let lead = MetadataLine.lines(
      of: document, in: SourceSpan(start: 0, end: min(count, Self.leadLength)))
    let tailStart = max(min(outline.preamble.end, Self.frontLength), count - 400)
    let tail = MetadataLine.lines(of: document, in: SourceSpan(start: tailStart, end: count))
    var metadata = PlanMetadata()

    metadata.title = title(front: front, lead: lead).map(DisplayText.clean)
    let portal = portalFields(front)
    metadata.docNumber =
      portal.docNumber ?? forwardedNumber(lead)
      ?? front.lazy.compactMap { self.documentNumber(in: $0) }.first
    let candidates = splittingSignatures(front + tail)
    let dated = issueDate(candidates, roc: rocYears)
    let dateLineIndex = dated?.line
    metadata.issued =
      portal.signed.flatMap { date($0, roc: rocYears, timed: true) } ?? dated?.date
      ?? portal.published.flatMap { date($0, roc: rocYears, timed: true) }
    // A signature block: the bodies on the lines right above the date.
    var signature: [String] = []
    if let index = dateLineIndex {
      var cursor = index - 1
      while cursor >= 0 {
        let names = issuerLine(candidates[cursor])
        guard !names.isEmpty else { break }
        signature.insert(contentsOf: names, at: 0)
        cursor -= 1
      }
    }
    metadata.issuers = issuers(
      front: front, signature: signature, lead: lead, portal: portal.issuers
    )
    .map(DisplayText.clean)
    if let title = metadata.title {
      let years = patterns.titleYear.matches(in: title).compactMap { $0.int("year") }
      metadata.titleYear = years.count == 1 ? years[0] : nil
      metadata.period =
        Self.period(in: title, patterns: patterns, roc: rocYears)
        ?? metadata.titleYear.map { Period(start: $0, end: $0) }
    }
    metadata.jurisdiction = jurisdiction(
      title: metadata.title, issuers: metadata.issuers, docNumber: metadata.docNumber,
      document: document, lead: lead)
    return metadata
  }

  // MARK: - Numbers and dates

  /// The fields of a portal's page header: cells split on `|` and runs of spaces, a label
  /// cell's value in the same cell (`发文字号：…`) or the next (`| 文 号: | … |`, `| 文号 | … |`).
  private func portalFields(_ lines: [MetadataLine]) -> PortalHeader {
    var header = PortalHeader()
    for line in lines
    where line.text.includes(":") || line.text.includes("：") || line.text.includes("|") {
      let cells = line.text.split(separator: "|").flatMap {
        $0.split(separator: "  ", omittingEmptySubsequences: true)
      }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      var pending: MetadataCues.PortalField?
      for cell in cells {
        if let match = patterns.portalCell.wholeMatch(in: cell), let label = match["label"],
          let field = cues.portalField(label)
        {
          let value = (match["value"] ?? "").trimmingSpaces()
          pending = value.isEmpty ? field : nil
          if !value.isEmpty { header.set(field, value) }
        } else if let field = cues.portalField(cell) {
          // | 发布机构 | 甲市人民政府办公厅 |: a label cell without a colon.
          pending = field
        } else if let field = pending {
          header.set(field, cell)
          pending = nil
        }
      }
    }
    return header
  }

  /// `甲市人民政府 2023年3月1日` on one line: the names and the date as two lines.
  private func splittingSignatures(_ lines: [MetadataLine]) -> [MetadataLine] {
    lines.flatMap { line -> [MetadataLine] in
      let scalars = Array(line.text.unicodeScalars)
      guard let space = scalars.lastIndex(of: " "), space > 0, space + 1 < scalars.count else {
        return [line]
      }
      let head = MetadataLine(
        text: ScalarText.string(scalars[..<space]), quote: line.quote(0..<space), span: line.span)
      let date = MetadataLine(
        text: ScalarText.string(scalars[(space + 1)...]),
        quote: line.quote((space + 1)..<scalars.count), span: line.span)
      guard patterns.dateLine.wholeMatch(in: date.text) != nil, !issuerLine(head).isEmpty else {
        return [line]
      }
      return [head, date]
    }
  }

  /// The issue date and its line: a date under a signature first, then a written date
  /// (`2023年5月10日`, `（2023年5月10日）` under a title), then a bare timestamp (`2023-05-10`),
  /// which is more often a page's or an upload's than the document's.
  private func issueDate(_ lines: [MetadataLine], roc: Bool) -> (date: String, line: Int)? {
    var best: (rank: Int, date: String, line: Int)?
    for (index, line) in lines.enumerated() {
      guard let found = date(line.text, roc: roc) else { continue }
      let written = patterns.dateLine.wholeMatch(in: line.text) != nil
      let signed = written && index > 0 && !issuerLine(lines[index - 1]).isEmpty
      let rank = signed ? 0 : written ? 1 : 2
      if best.map({ rank < $0.rank }) ?? true { best = (rank, found, index) }
      if rank == 0 { break }
    }
    return best.map { ($0.date, $0.line) }
  }

  /// A line holding only a document number, quoted.
  private func documentNumber(in line: MetadataLine) -> String? {
    guard let match = patterns.documentNumber.wholeMatch(in: line.text),
      let number = match.range("number")
    else { return nil }
    return line.quote(number)
  }

  /// `…的通知》(甲府办〔2019〕5号)转发给你们`: the forwarded notice's number.
  private func forwardedNumber(_ lines: [MetadataLine]) -> String? {
    for line in lines {
      if let match = patterns.forwardedNumber.firstMatch(in: line.text),
        let number = match.range("number")
      {
        return line.quote(number)
      }
    }
    return nil
  }

  /// A date line's ISO date (`2023年12月27日`, `二〇二三年…`, `中华民国112年5月10日`, `2023-05-10`);
  /// `timed` accepts a time after a numeric date (a portal field's `2023-05-10 09:30`).
  private func date(_ line: String, roc: Bool, timed: Bool = false) -> String? {
    if let match = patterns.dateLine.wholeMatch(in: line), var year = match["year"] {
      if year.unicodeScalars.count < 4 {
        guard roc || line.contains("民国"), let value = Int(year) else { return nil }
        year = String(value + 1911)
      }
      return Self.isoDate(year: year, month: match["month"], day: match["day"])
    }
    // A portal's value may carry a time (`2023-05-10 09:30`); a line with more is no date line.
    let trimmed = timed && line.count > 10 ? String(line.prefix(10)) : line
    if let match = patterns.numericDate.wholeMatch(in: line)
      ?? patterns.numericDate.wholeMatch(in: trimmed)
    {
      return Self.isoDate(year: match["year"], month: match["month"], day: match["day"])
    }
    return nil
  }

  /// The period a title names: `（2023-2025年）`, `（2021-2030）`, `十四五` (2021–2025).
  static func period(in title: String, patterns: MetadataPatterns, roc: Bool = false) -> Period? {
    let folded = title.replacing("（", with: "(").replacing("）", with: ")")
    let year: (Int?) -> Int? = { value in
      guard let value else { return nil }
      return value >= 1900 ? value : (roc && value >= 60 ? value + 1911 : nil)
    }
    if let match = patterns.periodRange.firstMatch(in: folded), let start = year(match.int("y1")),
      let end = year(match.int("y2")), start < end
    {
      return Period(start: start, end: end)
    }
    if let match = patterns.bareYearRange.firstMatch(in: folded), let start = match.int("y1"),
      let end = match.int("y2"), start < end
    {
      return Period(start: start, end: end)
    }
    // “十四五”, or spelled out: 第十四个五年规划.
    if let match = patterns.fiveYearPlan.firstMatch(in: folded)
      ?? patterns.ordinalFiveYearPlan.firstMatch(in: folded),
      let n = match["n"].flatMap({ CalendarMath.smallCount(Substring($0)) })
    {
      let start = 2021 + (n - 4) * 5
      return Period(start: start, end: start + 4)
    }
    return nil
  }

  private static func isoDate(year: String?, month: String?, day: String?) -> String? {
    guard let year, let month, let day,
      let y = Int(year) ?? CalendarMath.digitByDigit(Substring(year)),
      let m = Int(month) ?? CalendarMath.smallCount(Substring(month)),
      let d = Int(day) ?? CalendarMath.smallCount(Substring(day)),
      CalendarMath.isValid(year: y, month: m, day: d)
    else { return nil }
    return CalendarMath.iso(y, m, d)
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and ideographic spaces.
  func trimmingSpaces() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
    guard let first = first, let last = last, isSpace(first) || isSpace(last) else { return self }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}

/// The fields a portal's page header gave.
struct PortalHeader {
  var docNumber: String?
  var issuers: [String] = []
  var signed: String?
  var published: String?

  mutating func set(_ field: MetadataCues.PortalField, _ value: String) {
    switch field {
    case .docNumber: docNumber = docNumber ?? value
    case .issuer:
      if issuers.isEmpty { issuers = value.split { $0 == " " || $0 == "、" }.map(String.init) }
    case .signed: signed = signed ?? value
    case .published: published = published ?? value
    case .generated, .title, .other: break
    }
  }
}

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

/// Reads a plan's metadata from its front matter (the text before the first numbered heading)
/// and its last lines.
///
/// Title: the last line of the front matter that ends with a plan word (方案, 措施, 规划 …),
/// with a following `（2021—2023年）` line joined and draft markers (送审稿) dropped; else the
/// plan named in 关于印发《…》的通知. Jurisdiction: the place the title (or first issuer) starts
/// with. Document number and issue date: lines holding only one. Issuers: front-matter lines
/// holding only a body's name. Does not look into the body text.
public struct MetadataExtractor: Sendable {
  /// Compiled once per pipeline (a regex literal is parsed again each time it is created).
  private let patterns = MetadataPatterns()
  private let planWords: [String]
  private let places: PlaceLexicon
  private let bodySuffixIndex: AffixIndex

  /// Creates an extractor from the plan-type words, places and body suffixes.
  public init(planWords: [String], places: PlaceLexicon, bodySuffixes: [String]) {
    self.planWords = planWords.sorted { $0.count > $1.count }
    self.places = places
    bodySuffixIndex = AffixIndex(bodySuffixes)
  }

  /// Extracts the metadata of one document; `rocYears` reads 2–3 digit years as Republic of
  /// China years (Taiwan's plans).
  public func extract(
    from outline: OutlinedDocument, rocYears: Bool = false, diagnostics: inout Diagnostics
  )
    -> PlanMetadata
  {
    let text = outline.document.text
    let folded = outline.document.folded
    let lines = Self.lines(folded, in: outline.preamble)
    let tailStart = max(outline.preamble.end, folded.count - 400)
    let tail = Self.lines(folded, in: SourceSpan(start: tailStart, end: folded.count))
    var metadata = PlanMetadata()

    metadata.title = title(lines: lines, text: text, patterns: patterns).map(DisplayText.clean)
    // A portal's page header states the fields outright.
    var portalIssuers: [String] = []
    // Several fields may share a line, separated by runs of spaces.
    // Every field has a colon: lines without one are skipped unsplit.
    let fields = lines.filter { $0.text.includes(":") || $0.text.includes("：") }.flatMap { line in
      line.text.split(separator: "  ", omittingEmptySubsequences: true).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
    }
    for field in fields {
      guard let match = patterns.portalField.wholeMatch(in: field),
        let label = match["label"], let written = match["value"]
      else { continue }
      let value = written.trimmingSpaces()
      switch label {
      case "发文字号", "文号": metadata.docNumber = metadata.docNumber ?? value
      case "发文机关", "发布机构", "发文单位":
        let names = value.split { $0 == " " || $0 == "、" }
        portalIssuers = names.map { String($0) }
      case "成文日期", "发文日期", "印发日期":
        metadata.issued = date(value, patterns: patterns, roc: rocYears) ?? metadata.issued
      default:
        if metadata.issued == nil {
          metadata.issued = date(value, patterns: patterns, roc: rocYears)
        }
      }
    }
    for line in lines where metadata.docNumber == nil {
      if let match = patterns.documentNumber.wholeMatch(in: line.text),
        let number = match.range("number")
      {
        let span = SourceSpan(
          start: line.span.start + number.lowerBound, end: line.span.start + number.upperBound)
        metadata.docNumber = text[span]
      }
    }
    var dateLineIndex: Int?
    let candidates = lines + tail
    for (index, line) in candidates.enumerated() where metadata.issued == nil {
      if let issued = date(line.text, patterns: patterns, roc: rocYears) {
        metadata.issued = issued
        dateLineIndex = index
      }
    }
    metadata.issuers =
      portalIssuers.isEmpty
      ? lines.compactMap { issuer(in: $0, text: text, patterns: patterns) } : portalIssuers
    // A signature block at the end: the bodies on the lines right above the date.
    if metadata.issuers.isEmpty, let index = dateLineIndex {
      var cursor = index - 1
      var block: [String] = []
      while cursor >= 0, let name = issuer(in: candidates[cursor], text: text, patterns: patterns) {
        block.insert(name, at: 0)
        cursor -= 1
      }
      metadata.issuers = block
    }
    metadata.issuers = metadata.issuers.map(DisplayText.clean)
    if let title = metadata.title {
      let years = patterns.titleYear.matches(in: title).compactMap { $0.int("year") }
      metadata.titleYear = years.count == 1 ? years[0] : nil
      metadata.period =
        Self.period(in: title, patterns: patterns, roc: rocYears)
        ?? metadata.titleYear.map { Period(start: $0, end: $0) }
      metadata.jurisdiction = jurisdiction(of: title, patterns: patterns)
    }
    if metadata.jurisdiction == nil, let first = metadata.issuers.first {
      metadata.jurisdiction = jurisdiction(of: first, patterns: patterns)
    }
    return metadata
  }

  /// The jurisdiction a title starts with: a listed place, extended by the district or county
  /// that follows it (杭州市余杭区), else a county or county-level city (长兴县, 义乌市).
  private func jurisdiction(of title: String, patterns: MetadataPatterns) -> String? {
    if let key = places.longestPlace(prefixOf: title),
      let official = places.jurisdiction(startingIn: title)
    {
      let rest = String(
        title.dropFirst(key.count).drop { "市省".contains($0) && official.hasSuffix(String($0)) })
      // 杭州市余杭区: a district or county after its city (not 银川市节水型城市).
      if let local = patterns.localDivision.firstMatch(in: rest)?["name"], !local.hasPrefix("全"),
        !local.hasSuffix("市")
      {
        return official + local
      }
      return official
    }
    if let local = patterns.localDivision.firstMatch(in: title)?["name"],
      !["关于", "全", "本", "我"].contains(where: { local.hasPrefix($0) })
    {
      return local
    }
    return nil
  }

  /// A date line's ISO date (`2023年12月27日`, `二〇二三年…`, `中华民国112年5月10日`, `2023-05-10`).
  private func date(_ line: String, patterns: MetadataPatterns, roc: Bool) -> String? {
    if let match = patterns.dateLine.wholeMatch(in: line), var year = match["year"] {
      if year.unicodeScalars.count < 4 {
        guard roc || line.contains("民国"), let value = Int(year) else { return nil }
        year = String(value + 1911)
      }
      return Self.isoDate(year: year, month: match["month"], day: match["day"])
    }
    if let match = patterns.numericDate.wholeMatch(in: line) {
      return Self.isoDate(year: match["year"], month: match["month"], day: match["day"])
    }
    return nil
  }

  // MARK: - Fields

  private func title(lines: [Line], text: ScalarText, patterns: MetadataPatterns) -> String? {
    var chosen: Int?
    for (index, line) in lines.enumerated() where isTitleLine(line.text) {
      chosen = index
    }
    if let index = chosen {
      var title = text[lines[index].span]
      // 广州市推进新型城镇化 / 建设实施方案（2021—2025年）: a title wrapped onto two lines.
      if index > 0, places.longestPlace(prefixOf: lines[index].text) == nil {
        let previous = lines[index - 1].text
        if previous.count <= 30, places.longestPlace(prefixOf: previous) != nil,
          !isTitleLine(previous),
          !previous.contains(where: { "，,。：:；;《》".contains($0) }), !previous.hasPrefix("关于")
        {
          title = text[lines[index - 1].span] + title
        }
      }
      var next = index + 1
      while next < lines.count, patterns.titleQualifier.wholeMatch(in: lines[next].text) != nil {
        title += text[lines[next].span]
        next += 1
      }
      let folded = title.replacing("（", with: "(").replacing("）", with: ")")
      if patterns.draftMarker.contains(in: folded) {
        return patterns.draftMarker.replacingMatches(in: folded, with: "").trimmingSpaces()
          .replacing("(", with: "（").replacing(")", with: "）")
      }
      return title.trimmingSpaces()
    }
    for line in lines {
      if let title = patterns.forwardedTitle.firstMatch(in: line.text)?["title"] {
        return title
      }
    }
    return nil
  }

  private func isTitleLine(_ line: String) -> Bool {
    let count = line.count
    guard count >= 6, count <= 80, !line.includes("《"), !line.hasPrefix("关于"),
      !line.includes("。"), !line.includes(",")
    else { return false }
    var core = Substring(line)
    if core.hasSuffix(")"), let open = core.lastIndex(of: "(") { core = core[..<open] }
    // 香港气候行动蓝图2050: a horizon year after the plan word.
    while let last = core.last, last.isASCII, last.isNumber { core = core.dropLast() }
    return planWords.contains { core.hasSuffix($0) }
  }

  private func issuer(in line: Line, text: ScalarText, patterns: MetadataPatterns) -> String? {
    // The name starts the line (lines are trimmed): no place there, no issuer.
    guard places.longestPlace(prefixOf: line.text) != nil else { return nil }
    var name = patterns.issuerTrailer.replacingMatches(in: line.text, with: "")
    name = name.trimmingSpaces()
    guard name.count >= 4, name.count <= 40, places.jurisdiction(startingIn: name) != nil,
      bodySuffixIndex.longestSuffixLength(of: ScalarText.scalars(of: name)[...]) != nil,
      !name.contains(where: { "，,。：:、；;《》()".contains($0) })
    else { return nil }
    // Quote the Simplified text (unfolded) at the same offsets.
    let start = line.span.start
    return text[SourceSpan(start: start, end: start + name.unicodeScalars.count)]
  }

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
    if let match = patterns.fiveYearPlan.firstMatch(in: folded),
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

  // MARK: - Lines

  /// A trimmed line of folded text and where it is.
  struct Line {
    var text: String
    var span: SourceSpan
  }

  static func lines(_ folded: ScalarText, in span: SourceSpan) -> [Line] {
    var result: [Line] = []
    var start = span.start
    let scalars = folded.scalars
    while start < span.end {
      var end = start
      while end < span.end, scalars[end] != "\n" { end += 1 }
      var lower = start
      var upper = end
      while lower < upper, isSpace(scalars[lower]) { lower += 1 }
      while upper > lower, isSpace(scalars[upper - 1]) { upper -= 1 }
      if lower < upper {
        result.append(
          Line(
            text: ScalarText.string(scalars[lower..<upper]),
            span: SourceSpan(start: lower, end: upper)))
      }
      start = end + 1
    }
    return result
  }

  private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\u{3000}" || scalar == "\u{00A0}"
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

/// What a deadline extractor needs to know about the whole plan.
public struct DeadlineContext: Sendable, Hashable {
  /// The plan period; bare years outside it (past achievements) are not deadlines.
  public var period: Period?
  /// Whether 2–3 digit years are Republic of China years (`109年` is 2020): Taiwan's plans.
  public var rocYears: Bool
  /// The year of dates written without one (`6月底前`) before the plan names any year:
  /// the single year of a title like `2024年工作要点`.
  public var defaultYear: Int?
  /// The year the plan was issued: 今年 and 明年 count from it.
  public var issueYear: Int?

  /// Creates a context.
  public init(period: Period?, rocYears: Bool, defaultYear: Int? = nil, issueYear: Int? = nil) {
    self.period = period
    self.rocYears = rocYears
    self.defaultYear = defaultYear
    self.issueYear = issueYear
  }
}

/// Finds deadlines (完成时限) in every sentence of a plan.
///
/// Takes an outlined document (and its sentences), returns deadlines in document order:
/// 到2025年 / 2023年底前 / 于2021年11月底前 (`by`), 2022年制定… (`in`), full dates (`on`),
/// “十四五”期间 and 2023-2025年 (`period`), 名单公布后1个月内 (`relative`), 每年 (`recurring`).
/// Does not resolve relative limits against the issue date, and skips baselines (较2020年),
/// years inside 《book titles》 and periods in parentheses (a title's own period).
public struct DeadlineExtractor: Sendable {
  /// Compiled once per pipeline (a regex literal is parsed again each time it is created).
  let patterns = DeadlinePatterns()
  /// Creates an extractor.
  public init() {}

  /// Deadlines of all sentences in document order, ids by task (`d/二、#1`, see `FactID`).
  public func extract(
    from sentences: [Sentence], context: DeadlineContext, diagnostics: inout Diagnostics
  ) -> [Deadline] {
    var result: [Deadline] = []
    var year = context.defaultYear
    for sentence in sentences where Self.mayHoldTime(sentence.scalars) {
      let found = deadlines(in: sentence, context: context, patterns: patterns, contextYear: &year)
      result.append(contentsOf: found)
    }
    FactID.assign(&result, prefix: "d", path: \.path, id: \.id)
    return result
  }

  /// Deadlines of one sentence (ids left empty), for `planscope extract` and tests.
  func deadlines(
    in sentence: Sentence, context: DeadlineContext, patterns: DeadlinePatterns,
    contextYear: inout Int?
  ) -> [Deadline] {
    let text = sentence.scalars
    let shielded = Self.shieldedRanges(sentence.scalars)
    var candidates: [DeadlineCandidate] = []
    // Cheap scalar tests decide which patterns can match at all (regexes are slow on long texts).
    var has = Set<Unicode.Scalar>()
    for scalar in sentence.scalars where Self.patternCues.contains(scalar) { has.insert(scalar) }
    let hasNumber = sentence.scalars.contains {
      ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "〇" || $0 == "○"
    }
    var tagged = 0  // candidates before this index carry their rule
    for match in hasNumber && has.contains("月") ? patterns.dateRange.matches(in: text) : [] {
      let range = match.range
      guard let y1 = match.int("y1"), let m1 = match.int("m1"), let d1 = match.int("d1"),
        let m2 = match.int("m2"),
        let d2 = match.int("d2"), CalendarMath.isValid(year: y1, month: m1, day: d1)
      else { continue }
      let y2 = match.int("y2") ?? y1
      guard CalendarMath.isValid(year: y2, month: m2, day: d2) else { continue }
      candidates.append(
        DeadlineCandidate(
          range: range, kind: .period, date: CalendarMath.iso(y2, m2, d2),
          start: CalendarMath.iso(y1, m1, d1)))
    }
    Self.tag(&candidates, from: &tagged, as: .dateRange)
    for match in hasNumber && has.contains("月") ? patterns.monthRange.matches(in: text) : [] {
      guard let y1 = match.int("y1"), let m1 = match.int("m1"), let m2 = match.int("m2"),
        (1...12).contains(m1), (1...12).contains(m2)
      else { continue }
      let y2 = match.int("y2") ?? y1
      guard y2 > y1 || (y2 == y1 && m2 > m1) else { continue }
      candidates.append(
        DeadlineCandidate(
          range: match.range, kind: .period,
          date: CalendarMath.iso(y2, m2, CalendarMath.lastDay(year: y2, month: m2)),
          start: CalendarMath.iso(y1, m1, 1)))
    }
    Self.tag(&candidates, from: &tagged, as: .monthRange)
    for match in hasNumber ? patterns.yearRange.matches(in: text) : [] {
      let range = match.range
      guard let y1 = Self.year(match["y1"], roc: context.rocYears),
        let y2 = Self.year(match["y2"], roc: context.rocYears),
        y1 < y2, y2 - y1 <= 30
      else { continue }
      if shielded.contains(where: { $0.overlaps(range) }) { continue }
      candidates.append(
        DeadlineCandidate(
          range: range, kind: .period, date: CalendarMath.iso(y2, 12, 31),
          start: CalendarMath.iso(y1, 1, 1)))
    }
    Self.tag(&candidates, from: &tagged, as: .yearRange)
    for match in has.contains("五") ? patterns.fiveYearPlan.matches(in: text) : [] {
      let range = match.range
      guard let n = match["n"].flatMap({ CalendarMath.smallCount(Substring($0)) }) else { continue }
      if shielded.contains(where: { $0.overlaps(range) }) { continue }
      let first = 2021 + (n - 4) * 5
      if let period = context.period, first + 4 < period.start { continue }
      let isEnd = match["suffix"] == "末" || match["suffix"] == "期末"
      candidates.append(
        DeadlineCandidate(
          range: range, kind: isEnd ? .by : .period, date: CalendarMath.iso(first + 4, 12, 31),
          start: isEnd ? nil : CalendarMath.iso(first, 1, 1)))
    }
    // A quoted one counts only where it opens a clause (“十四五”深入攻坚), not inside a name
    // (某县“十四五”节水规划).
    let quotedPlans = patterns.quotedFiveYearPlan.matches(in: text).filter {
      $0.range.lowerBound == sentence.contentStart
        || patterns.clauseOpeners.contains(text[$0.range.lowerBound - 1])
    }
    Self.tag(&candidates, from: &tagged, as: .fiveYearPlan)
    let listedPlans =
      has.contains("五") ? patterns.fiveYearPlanListed.matches(in: text) + quotedPlans : []
    for match in listedPlans {
      let range = match.range
      guard let n = match["n"].flatMap({ CalendarMath.smallCount(Substring($0)) }) else { continue }
      if shielded.contains(where: { $0.overlaps(range) }) { continue }
      let first = 2021 + (n - 4) * 5
      if let period = context.period, first + 4 < period.start { continue }
      candidates.append(
        DeadlineCandidate(
          range: range, kind: .period, date: CalendarMath.iso(first + 4, 12, 31),
          start: CalendarMath.iso(first, 1, 1)))
    }
    var previousYear: Int?
    // Years of the calendar dates so far, by where they end: a listed date takes the nearest.
    var yearsByEnd: [(end: Int, year: Int)] = []
    let pastSentence =
      sentence.scalars.contains("已") || sentence.scalars.includes(Self.cumulative)
    Self.tag(&candidates, from: &tagged, as: .fiveYearPlanListed)
    for match in hasNumber || has.contains("月") ? patterns.calendar.matches(in: text) : [] {
      let range = match.range
      if shielded.contains(where: { $0.overlaps(range) }) { continue }
      let prefix = match["prefix"]
      if prefix == nil,
        patterns.baselineCue.contains(
          in: text, range: max(0, range.lowerBound - 2)..<range.lowerBound)
      {
        continue
      }
      // 以2005年为基准, 2005年的水平: a baseline.
      let after = String(String.UnicodeScalarView(sentence.scalars[range.upperBound...].prefix(4)))
      if after.hasPrefix("为基") || after.hasPrefix("的水平") || after.hasPrefix("水平") { continue }
      // 2026年3月5日发布, …印发: a publication date, no limit.
      if match.range("before") == nil, match.range("end") == nil,
        patterns.publicationAfterDate.contains(
          in: text, range: range.upperBound..<min(text.count, range.upperBound + 4))
      {
        // It still dates the months written later without a year.
        if context.defaultYear == nil, let year = Self.year(match["year"], roc: context.rocYears) {
          contextYear = year
        }
        continue
      }
      // 截至2022年底，全市已建成…: a statement of the past.
      if let prefix, prefix.hasPrefix("截"), pastSentence { continue }
      guard let year = Self.year(match["year"], roc: context.rocYears) else { continue }
      let before = match.range("before") != nil
      let end = match.range("end") != nil
      // A deadline the plan set in an earlier period (“十三五”…到2020年) is history.
      if let period = context.period, year < period.start, prefix != nil || before {
        continue
      }
      previousYear = year
      yearsByEnd.append((range.upperBound, year))
      if context.defaultYear == nil, sentence.scalars[range.upperBound...].first != "度" {
        contextYear = year
      }
      if let part = match["half"] ?? match["quarter"].map({ "Q" + $0 }) {
        let month = Self.lastMonth(of: part)
        let hasBound =
          before || end || prefix.map { ["到", "不晚于", "截至"].contains($0) } == true
        candidates.append(
          DeadlineCandidate(
            range: range, kind: hasBound ? .by : .in,
            date: CalendarMath.iso(year, month, CalendarMath.lastDay(year: year, month: month))))
        continue
      }
      var day = match.int("day")
      let month = match["month"].flatMap { Int($0) ?? CalendarMath.smallCount(Substring($0)) }
      if let part = match["part"], let month {
        day = Self.day(of: part, year: year, month: month)
      }
      // 2023年度: the year as a reporting period (an object of the work), not a time limit.
      if sentence.scalars[range.upperBound...].first == "度" { continue }
      if let candidate = calendarDeadlineCandidate(
        year: year, month: month, day: day,
        prefix: prefix, hasEnd: end,
        hasBefore: before, range: range, sentence: sentence, context: context)
      {
        candidates.append(candidate)
      }
    }
    // Dates without a year take the last year the plan named; with none named yet they are
    // still deadlines, undated.
    let year = contextYear
    Self.tag(&candidates, from: &tagged, as: .calendar)
    for match in has.contains("月") ? patterns.bareMonth.matches(in: text) : [] {
      let range = match.range
      if range.lowerBound > 0, Self.isYearContext(sentence.scalars[range.lowerBound - 1]) {
        continue
      }
      guard let month = match.int("month"), (1...12).contains(month) else { continue }
      var date: String?
      if let year {
        var day = match.int("day") ?? CalendarMath.lastDay(year: year, month: month)
        if let part = match["part"] { day = Self.day(of: part, year: year, month: month) }
        guard CalendarMath.isValid(year: year, month: month, day: day) else { continue }
        date = CalendarMath.iso(year, month, day)
      }
      candidates.append(DeadlineCandidate(range: range, kind: .by, date: date))
    }
    Self.tag(&candidates, from: &tagged, as: .bareMonth)
    for match in has.contains("底") || has.contains("末") || has.contains("内")
      ? patterns.yearEnd.matches(in: text) : []
    {
      let range = match.range
      if range.lowerBound > 0, Self.isYearContext(sentence.scalars[range.lowerBound - 1]) {
        continue
      }
      let within = match.text.hasSuffix("年内")
      candidates.append(
        DeadlineCandidate(
          range: range, kind: within ? .in : .by, date: year.map { CalendarMath.iso($0, 12, 31) }))
    }
    Self.tag(&candidates, from: &tagged, as: .yearEnd)
    if let base = context.issueYear ?? context.defaultYear, text.contains("年") {
      candidates += relativeYears(in: text, base: base, hasIssueYear: context.issueYear != nil)
    }
    Self.tag(&candidates, from: &tagged, as: .relativeYear)
    if previousYear != nil {
      for match in patterns.partialDate.matches(in: text) {
        var range = match.range
        range = (range.lowerBound + 1)..<range.upperBound  // the 、 is not part of the date
        // 2026年6月30日、12月15日和2027年3月1日: 12月15日 keeps 2026 (the year before it).
        guard let month = match.int("month"),
          let year = yearsByEnd.last(where: { $0.end <= range.lowerBound })?.year
        else { continue }
        let day = match.int("day") ?? CalendarMath.lastDay(year: year, month: month)
        guard CalendarMath.isValid(year: year, month: month, day: day) else { continue }
        let isBy = match.range("before") != nil || match.range("end") != nil
        candidates.append(
          DeadlineCandidate(
            range: range, kind: isBy ? .by : .on, date: CalendarMath.iso(year, month, day)))
      }
    }
    Self.tag(&candidates, from: &tagged, as: .listedDate)
    for match in has.contains("内") && Self.mayHoldLimit(text)
      ? patterns.relative.matches(in: text) : []
    {
      var range = match.range
      var anchor = match["anchor"]
      if anchor == nil,
        patterns.pastCue.contains(in: text, range: max(0, range.lowerBound - 2)..<range.lowerBound)
      {
        continue
      }
      guard let count = match["n"], let unit = match["unit"],
        let duration = Self.duration(count: Substring(count), unit: Substring(unit))
      else { continue }
      if let value = anchor, let trimmed = Self.trimAnchor(value) {
        let lower = range.lowerBound + value.unicodeScalars.count - trimmed.unicodeScalars.count
        range = lower..<range.upperBound
        anchor = trimmed
      } else if anchor != nil {
        anchor = nil
      }
      candidates.append(
        DeadlineCandidate(range: range, kind: .relative, duration: duration, anchor: anchor))
    }
    Self.tag(&candidates, from: &tagged, as: .relative)
    for match in has.contains("每") || has.contains("按") ? patterns.recurring.matches(in: text) : []
    {
      let range = match.range
      guard let unit = match["unit"],
        let recurrence = Self.recurrence(
          count: match["n"].map { Substring($0) }, unit: Substring(unit))
      else { continue }
      candidates.append(DeadlineCandidate(range: range, kind: .recurring, recurrence: recurrence))
    }
    Self.tag(&candidates, from: &tagged, as: .recurring)
    for match in has.contains("度") ? patterns.annualDeliverable.matches(in: text) : [] {
      // 2020年度计划: a dated plan (its year is the calendar match's), not a yearly one.
      if match.range.lowerBound > 0, Self.isYearContext(text[match.range.lowerBound - 1]) {
        continue
      }
      candidates.append(DeadlineCandidate(range: match.range, kind: .recurring, recurrence: "P1Y"))
    }
    Self.tag(&candidates, from: &tagged, as: .annualDeliverable)
    var resolved = Self.resolveOverlaps(candidates)
    // 分别于2024年3月31日、9月30日和12月31日前: the closing 前 bounds every listed date.
    for index in resolved.indices.dropLast().reversed() {
      let next = resolved[index + 1]
      if resolved[index].kind == .on, next.kind == .by,
        next.range.lowerBound == resolved[index].range.upperBound + 1,
        patterns.dateListSeparators.contains(sentence.scalars[resolved[index].range.upperBound])
      {
        resolved[index].kind = .by
      }
    }
    // 每年1月15日、7月15日前: one 每年 makes every date listed after it recurring.
    for index in resolved.indices.dropFirst() {
      let previous = resolved[index - 1]
      if previous.kind == .recurring, resolved[index].rule == .bareMonth,
        resolved[index].range.lowerBound == previous.range.upperBound + 1,
        patterns.dateListSeparators.contains(sentence.scalars[previous.range.upperBound])
      {
        resolved[index].kind = .recurring
        resolved[index].recurrence = previous.recurrence
        resolved[index].date = nil
        resolved[index].rule = .recurringListed
      }
    }
    return resolved.map { candidate in
      let span = sentence.documentSpan(candidate.range)
      return Deadline(
        id: "", path: sentence.path,
        text: ScalarText.string(sentence.scalars[candidate.range]), kind: candidate.kind,
        date: candidate.date, start: candidate.start, duration: candidate.duration,
        anchor: candidate.anchor, recurrence: candidate.recurrence, span: span,
        rule: candidate.rule.rawValue)
    }
  }

}

/// A deadline found in a sentence, before it gets its document span.
extension DeadlineExtractor {
  /// Gives the candidates found since `start` the rule that found them.
  static func tag(
    _ candidates: inout [DeadlineCandidate], from start: inout Int, as rule: DeadlineRule
  ) {
    for index in start..<candidates.count { candidates[index].rule = rule }
    start = candidates.count
  }
}

/// A deadline found by one pattern, before overlaps are resolved.
struct DeadlineCandidate {
  var range: Range<Int>
  var kind: Deadline.Kind
  var date: String? = nil
  var start: String? = nil
  var duration: String? = nil
  var anchor: String? = nil
  var recurrence: String? = nil
  var rule: DeadlineRule = .calendar
}

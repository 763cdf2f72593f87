/// Reading the matches of `DeadlinePatterns`: which calendar points are limits, shielded
/// ranges, durations, recurrences and overlaps.
extension DeadlineExtractor {
  func calendarDeadlineCandidate(
    year: Int, month: Int?, day: Int?, prefix: String?, hasEnd: Bool, hasBefore: Bool,
    range: Range<Int>, sentence: Sentence, context: DeadlineContext
  ) -> DeadlineCandidate? {
    let byPrefix = prefix.map { ["到", "至", "截至", "截止到", "截止", "力争到", "不晚于"].contains($0) } ?? false
    if let month {
      if let day {
        guard CalendarMath.isValid(year: year, month: month, day: day) else { return nil }
        let kind: Deadline.Kind = hasBefore || byPrefix ? .by : .on
        return DeadlineCandidate(range: range, kind: kind, date: CalendarMath.iso(year, month, day))
      }
      guard (1...12).contains(month) else { return nil }
      let date = CalendarMath.iso(year, month, CalendarMath.lastDay(year: year, month: month))
      return DeadlineCandidate(
        range: range, kind: hasEnd || hasBefore || byPrefix ? .by : .in, date: date)
    }
    let date = CalendarMath.iso(year, 12, 31)
    // 2000年底前建成的小区: a date that picks what the work applies to, not a time limit.
    if hasBefore,
      patterns.scopeAfterDate.contains(
        in: sentence.scalars,
        range: range.upperBound..<min(sentence.scalars.count, range.upperBound + 5))
    {
      return nil
    }
    if hasEnd || hasBefore || byPrefix {
      return DeadlineCandidate(range: range, kind: .by, date: date)
    }
    // A bare year is a deadline only when the plan's own work happens in it (2022年制定…),
    // not when it recalls the past (2020年全市…) or is followed by 以来/的.
    // 2030年的减排目标: the year the goals are set for.
    if patterns.goalAfterYear.contains(
      in: sentence.scalars,
      range: range.upperBound..<min(sentence.scalars.count, range.upperBound + 12))
    {
      return DeadlineCandidate(range: range, kind: .in, date: date)
    }
    let after = sentence.scalars[range.upperBound...].prefix(2)
    if let next = after.first,
      ["以", "的", "起", "开", "来", "、", "-", "—", "至", "到"].contains(Character(next))
    {
      return nil
    }
    if let period = context.period, year < period.start || year > period.end + 5 { return nil }
    return DeadlineCandidate(range: range, kind: .in, date: date)
  }

  /// Ranges inside 《…》 (titles of other documents) and periods inside （…）.
  static func shieldedRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var openBook: Int?
    var openParen: Int?
    for (index, scalar) in scalars.enumerated() {
      switch scalar {
      case "《": openBook = openBook ?? index
      case "》":
        if let start = openBook { ranges.append(start..<(index + 1)) }
        openBook = nil
      case "(": openParen = index
      case ")":
        if let start = openParen, isBareYearRange(scalars[(start + 1)..<index]) {
          ranges.append(start..<(index + 1))
        }
        openParen = nil
      default: break
      }
    }
    return ranges
  }

  /// `2023-2025年` alone inside parentheses: a title's period, not a time frame of the text.
  static func isBareYearRange(_ slice: ArraySlice<Unicode.Scalar>) -> Bool {
    slice.count <= 14
      && slice.allSatisfy {
        ($0.value >= 0x30 && $0.value <= 0x39) || "-—–~至到年 ".unicodeScalars.contains($0)
      }
  }

  /// A scalar before a month or 年底 that ties it to a year or a recurrence: 2024年6月, 每年年底.
  static func isYearContext(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value >= 0x30 && scalar.value <= 0x39) || scalar == "年" || scalar == "每"
      || scalar == "月"
  }

  /// The last month of 上半年 (6), 下半年 (12), 年中 (6) or quarter `Qn` (3n).
  static func lastMonth(of part: String) -> Int {
    switch part {
    case "上半年", "年中": 6
    case "下半年": 12
    default: 3 * (CalendarMath.smallCount(Substring(part.dropFirst())) ?? 4)
    }
  }

  /// The last day of 上旬 (10), 中旬 (20), 下旬 (month end).
  static func day(of part: String, year: Int, month: Int) -> Int {
    switch part {
    case "上旬": 10
    case "中旬": 20
    default: CalendarMath.lastDay(year: year, month: month)
    }
  }

  static func year(_ written: String?, roc: Bool) -> Int? {
    guard let written else { return nil }
    let text = Substring(written)
    if text.count == 4, let value = Int(text) {
      return (1900...2100).contains(value) ? value : nil
    }
    if text.count == 4 { return CalendarMath.digitByDigit(text) }
    guard roc, let value = Int(text), (60...150).contains(value) else { return nil }
    return value + 1911
  }

  static func duration(count: Substring, unit: Substring) -> String? {
    if count == "半" {
      return unit == "年" ? "P6M" : unit == "月" ? "P15D" : nil
    }
    guard let n = CalendarMath.smallCount(count), n > 0 else { return nil }
    switch unit {
    case "年": return "P\(n)Y"
    case "月": return "P\(n)M"
    case "季度": return quarters(n)
    case "周": return "P\(n)W"
    case "日", "天", "工作日": return "P\(n)D"
    default: return nil
    }
  }

  /// `n` quarters as an ISO 8601 duration in months (ISO has no quarter designator): 2 → P6M.
  /// nil when the months overflow `Int`: the count is a run of digits (“4000000000000000000个季度内”),
  /// no time limit.
  static func quarters(_ n: Int) -> String? {
    let (months, overflow) = n.multipliedReportingOverflow(by: 3)
    return overflow ? nil : "P\(months)M"
  }

  static func recurrence(count: Substring?, unit: Substring) -> String? {
    let n = count.flatMap { CalendarMath.smallCount($0) } ?? 1
    switch unit {
    case "年": return "P\(n)Y"
    case "半年": return "P6M"
    case "季度": return quarters(n)
    case "月": return "P\(n)M"
    case "周": return "P\(n)W"
    case "日", "天": return "P\(n)D"
    default: return nil
    }
  }

  /// The event a relative limit counts from, without leading modal words: 应在名单公布 → 名单公布.
  static func trimAnchor(_ anchor: String) -> String? {
    var value = Substring(anchor)
    for cue in ["应当在", "应在", "须在", "必须在", "要在", "并在", "在", "于", "自", "从"] {
      if let range = value.range(of: cue, options: .backwards) {
        value = value[range.upperBound...]
        break
      }
    }
    return value.count >= 2 ? String(value) : nil
  }

  static func resolveOverlaps(_ candidates: [DeadlineCandidate]) -> [DeadlineCandidate] {
    let ordered = candidates.sorted {
      ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count)
    }
    var kept: [DeadlineCandidate] = []
    for candidate in ordered {
      if let last = kept.last, last.range.overlaps(candidate.range) { continue }
      kept.append(candidate)
    }
    return kept
  }

  /// Characters without which a sentence holds no deadline (a cheap filter before the regexes).
  static func mayHoldTime(_ scalars: [Unicode.Scalar]) -> Bool {
    timeScalars.containsAny(of: scalars)
  }

  static let cumulative = Array("累计".unicodeScalars)
  static let timeScalars = ScalarBitmap("年月日天周每五内季旬".unicodeScalars)

  /// Whether `relative` can match: each of its matches ends in a unit (工作日 月 年 周 日 天
  /// 季度) and 内 or 以内, so a sentence without that pair skips the pattern, whose optional
  /// anchor (up to 12 scalars before 后 or 起) is tried at every position (“区内”, “国内”,
  /// “内容” made it a tenth of an extraction).
  static func mayHoldLimit(_ scalars: [Unicode.Scalar]) -> Bool {
    for index in scalars.indices where scalars[index] == "内" && index > 0 {
      let before = scalars[index - 1]
      if limitUnitEnds.contains(before) { return true }
      if before == "以", index > 1, limitUnitEnds.contains(scalars[index - 2]) { return true }
    }
    return false
  }

  /// The last scalar of each unit `relative` accepts.
  static let limitUnitEnds = ScalarBitmap("日月年周天度".unicodeScalars)
  /// Scalars whose presence decides which patterns run on a sentence.
  static let patternCues = ScalarBitmap("月五内每按度底末旬季".unicodeScalars)

  /// 今年, 明年初, 今年6月底前, 次年上半年: years counted from the issue year (`base`). Without an
  /// issue year only 今年/本年 resolve, against the year of a one-year plan's title.
  func relativeYears(in text: [Unicode.Scalar], base: Int, hasIssueYear: Bool)
    -> [DeadlineCandidate]
  {
    var found: [DeadlineCandidate] = []
    for match in patterns.relativeYear.matches(in: text) {
      guard let word = match["word"], let offset = patterns.relativeYearOffsets[word],
        hasIssueYear || offset == 0
      else { continue }
      let year = base + offset
      let before = match.range("before") != nil
      if let month = match.int("month"), (1...12).contains(month) {
        let day = match.int("day") ?? CalendarMath.lastDay(year: year, month: month)
        guard CalendarMath.isValid(year: year, month: month, day: day) else { continue }
        let bounded = before || match.range("end") != nil
        found.append(
          DeadlineCandidate(
            range: match.range, kind: bounded ? .by : .in, date: CalendarMath.iso(year, month, day))
        )
        continue
      }
      let part = match["part"] ?? ""
      let month = patterns.relativeYearPartMonths[part] ?? 12
      let kind: Deadline.Kind = part.isEmpty && !before ? .in : .by
      found.append(
        DeadlineCandidate(
          range: match.range, kind: kind,
          date: CalendarMath.iso(year, month, CalendarMath.lastDay(year: year, month: month))))
    }
    return found
  }
}

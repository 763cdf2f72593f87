/// Finds quantified targets (目标指标) in a plan's sentences.
///
/// Takes sentences and the plan's deadlines; returns targets with indicator, value, unit,
/// comparator, change, baseline and target year. Understands `X达到85%以上`, `A、B分别下降a、b`
/// (one target per item, a shared prefix or measure distributed), `A、B均达到…`, `较2020年`
/// baselines, `新增…9万亩`, `创建5—10个示范园区` (the counted thing follows the number),
/// `A、B市各完成1个…` (one target per place), `城市…达到95%、县城达到90%` (an elided indicator).
/// Does not report past values (已, 截至), incentives (给予…奖励), qualifiers (`…以上的企业`),
/// vague amounts (一批) or durations.
public struct TargetExtractor: Sendable {
  /// Compiled once per pipeline (a regex literal is parsed again each time it is created).
  private let patterns = TargetPatterns()
  let scanner: QuantityScanner
  let cues: TargetCues
  let places: PlaceLexicon
  let maxIndicatorLength: Int

  /// Creates an extractor.
  public init(
    scanner: QuantityScanner, cues: TargetCues, places: PlaceLexicon, options: ExtractionOptions
  ) {
    self.scanner = scanner
    self.cues = cues
    self.places = places
    self.maxIndicatorLength = options.maxIndicatorLength
  }

  /// Targets of all sentences in document order, ids by task (`g/二、/（一）#1`, see `FactID`).
  public func extract(
    from sentences: [Sentence], document: Document, context: TargetContext,
    diagnostics: inout Diagnostics
  ) -> [Target] {
    var result: [Target] = []
    var table: IndicatorTable?
    // A report of a year before the period (2016年，全市有…；…) runs on over ；-sentences;
    // a paragraph that opens looking back (两年来，…) reports to its end.
    var reporting = false
    var reviewingParagraph = false
    for sentence in sentences {
      if sentence.startsLine { reviewingParagraph = false }
      if sentence.startsLine, opensLookingBack(sentence) { reviewingParagraph = true }
      // …到2027年，… or 力争… turns from the review to the plan's own goals.
      if reviewingParagraph, looksAhead(sentence, context: context) { reviewingParagraph = false }
      if reviewingParagraph { continue }
      if let start = context.period?.start,
        opensWithYear(before: start, sentence, patterns: patterns)
      {
        reporting = true
      }
      if reporting {
        reporting = sentence.scalars.last.map(patterns.reportContinuers.contains) ?? false
        continue
      }
      // Indicator tables: a header row with years, then one target per row.
      if sentence.scalars.contains("\t") {
        let cells = sentence.text.split(separator: "\t", omittingEmptySubsequences: false).map(
          String.init)
        if let current = table, let row = current.target(row: cells, patterns: patterns) {
          let span = sentence.span
          result.append(
            Target(
              id: "", path: sentence.path, indicator: DisplayText.clean(row.indicator),
              value: row.value,
              unit: row.unit, comparator: row.comparator,
              change: IndicatorTable.change(of: row.indicator),
              targetYear: current.year ?? context.period?.end, quote: document.text[span],
              span: span, rule: TargetRule.indicatorTable.rawValue))
          continue
        }
        if let header = IndicatorTable(header: cells, period: context.period, patterns: patterns) {
          table = header
          continue
        }
      } else {
        table = nil
      }
      guard Self.digitLike.containsAny(of: sentence.scalars) else { continue }
      result.append(
        contentsOf: targets(in: sentence, document: document, context: context, patterns: patterns))
    }
    result = result.firstOfEach {
      "\($0.span.start)|\($0.indicator)|\($0.value)|\($0.unit)|\($0.scope ?? "")"
    }
    FactID.assign(&result, prefix: "g", path: \.path, id: \.id)
    return result
  }

  /// Targets of one sentence (ids left empty).
  func targets(
    in sentence: Sentence, document: Document, context: TargetContext, patterns: TargetPatterns
  )
    -> [Target]
  {
    let s = sentence.scalars
    var quantities: [Quantity] = []
    var rejectedEnd: Int?
    for quantity in scanner.scan(s) where quantity.span.start >= sentence.contentStart {
      // 八次、九次全会: a number listed after a rejected one shares its fate.
      if let end = rejectedEnd, quantity.span.start >= end, quantity.span.start - end <= 2,
        s[end..<quantity.span.start].allSatisfy({ patterns.listSeparators.contains($0) })
      {
        rejectedEnd = quantity.span.end
        continue
      }
      if isCandidate(quantity, in: s, patterns: patterns) {
        quantities.append(quantity)
        rejectedEnd = nil
      } else {
        rejectedEnd = quantity.span.end
      }
    }
    var result: [Target] = []
    var previousEnd = sentence.contentStart
    for run in Self.runs(quantities, in: s, patterns: patterns) {
      let found = targets(
        for: run, after: previousEnd, previous: result.last, in: sentence, document: document,
        context: context, patterns: patterns)
      result.append(contentsOf: found)
      previousEnd = run.last?.span.end ?? previousEnd
    }
    return result
  }

  // MARK: - One run of numbers

  private func targets(
    for run: [Quantity], after previousEnd: Int, previous: Target?, in sentence: Sentence,
    document: Document, context: TargetContext, patterns: TargetPatterns
  ) -> [Target] {
    let s = sentence.scalars
    guard let first = run.first, let last = run.last else { return [] }
    // The clause: back to a delimiter, the previous number or the sentence's label.
    var clauseStart = first.span.start
    let floor = max(previousEnd, sentence.contentStart)
    while clauseStart > floor, !patterns.clauseDelimiters.contains(s[clauseStart - 1]) {
      clauseStart -= 1
    }
    let reachedPrevious = clauseStart == previousEnd && previous != nil
    while clauseStart < first.span.start, patterns.listSeparators.contains(s[clauseStart]) {
      clauseStart += 1
    }
    let elliptic = clauseStart == previousEnd + 1 || clauseStart == previousEnd
    // 新建30家A、新建20家B: the words up to the 、 name what the previous number counts.
    if reachedPrevious,
      let dun = s[clauseStart..<first.span.start].lastIndex(where: {
        patterns.nounListSeparators.contains($0)
      })
    {
      clauseStart = dun + 1
    }
    // 已完成…, 预计共有…: a report or a forecast, not a goal.
    if cues.occurs(in: s[clauseStart..<first.span.start], kinds: [.past, .projection]) {
      return []
    }
    // 给予…奖励: money handed out is an instrument, not a target (资助2000幢楼宇 still is one).
    if first.unit.hasSuffix("元"),
      cues.occurs(in: s[clauseStart..<first.span.start], kinds: [.incentive])
    {
      return []
    }
    // “十三五”期间，累计完成…: a review of an earlier plan.
    if cues.occurs(in: s[sentence.contentStart..<first.span.start], kinds: [.pastPeriod]) {
      return []
    }

    var (lower, stretch) = stripLeading(
      from: clauseStart, to: first.span.start, in: sentence, context: context)
    var pre = textSkippingDeadlines(lower..<first.span.start, in: sentence, context: context)
    var baselineYear: Int?
    if let match = patterns.baseline.firstMatch(in: pre) {
      baselineYear = Self.year(Self.yearValue(match["year"]), roc: context.rocYears)
      var kept = match.scalars
      kept.removeSubrange(match.range)
      pre = ScalarText.string(kept[...])
    } else {
      // 以2005年为基准，碳强度降低65%: a baseline set earlier in the sentence.
      let earlier = sentence.contentStart..<clauseStart
      // Only a clause that states a base (以…为基准) reaches past its comma; 较2020年大幅提升 does not.
      baselineYear = patterns.baseline.matches(in: s, range: earlier)
        .last { $0.text.includes("为基") }
        .flatMap { Self.year(Self.yearValue($0["year"]), roc: context.rocYears) }
    }
    var comparatorInWords: Target.Comparator?
    if let word = patterns.comparatorWords.first(where: { pre.includes($0.word) }) {
      comparatorInWords = word.comparator
      pre = pre.replacingOccurrences(of: word.word, with: "")
    }
    let preScalars = Array(pre.unicodeScalars)
    var change = Target.Change.level
    var head = pre
    var tail = ""
    var cueKind: TargetCues.Kind?
    var cueText = ""
    if let cue = cues.governingCue(in: preScalars[...], trailing: patterns.fillers) {
      head = ScalarText.string(preScalars[..<cue.range.lowerBound])
      tail = trimFillers(ScalarText.string(preScalars[cue.range.upperBound...]), patterns: patterns)
      cueText = ScalarText.string(preScalars[cue.range])
      cueKind = cue.kind
      switch cue.kind {
      case .increase: change = .increase
      case .decrease: change = .decrease
      case .maintain: change = .maintain
      default: change = .level
      }
    }
    if cueKind == nil, pre.isEmpty, reachedPrevious, let previous {
      // 新增30个A、30个B: a count listed after another shares its verb.
      change = previous.change
    } else if change == .level, cueKind != .action, first.unit != "%",
      cues.hasIncreaseInside(Array((head + tail).unicodeScalars)[...])
    {
      // 实现城镇新增就业50万人: 新增 inside the indicator makes the amount an increase (a
      // share of new loans, 新增贷款的70%, stays a level).
      change = .increase
    }
    // 成都、绵阳市各完成…, A、B分别下降…: the distributive word closes the subject (各地组织… does not).
    let each =
      patterns.distributive.contains { head.hasSuffix($0) }
      && !patterns.fillerWords.contains { head.hasSuffix($0) }
    head = trimFillers(head, patterns: patterns)

    let (noun, nounEnd) = postNoun(after: last.span.end, in: s, patterns: patterns)
    var base: String
    switch cueKind {
    case .action?:
      // 培育环保装备制造规模企业30家, 创建5—10个示范园区: the action's object is measured;
      // 既有住宅小区改造100个: with nothing after the verb, what comes before it.
      base = tail.isEmpty ? (noun.isEmpty ? head : noun) : tail
    case .increase?, .decrease?, .maintain?:
      base = head.isEmpty ? (tail.isEmpty ? noun : cueText + tail) : head + tail
    case .level? where head.isEmpty && !tail.isEmpty && cues.hasMeasure(tail):
      // 占GDP比重40%: a share keeps its verb (占).
      base = cueText + tail
    default:
      base = head.isEmpty ? (tail.isEmpty ? noun : tail) : head + tail
      // 年度目标为引进3600名高层次人才: with no verb before the number, the counted thing
      // after it completes the indicator.
      if cueKind == nil, !head.isEmpty, !noun.isEmpty, tail.isEmpty { base = head + noun }
    }
    if base.hasSuffix("等") { base = noun }
    // 新建5座污水处理厂: a verb alone is no indicator; the counted thing follows the number.
    if base.count <= 2, !noun.isEmpty, base != noun { base += noun }
    // 城市污水处理率达到95%、县城达到90%: the second clause names only its scope;
    // …达到80%，较2020年提高8个百分点: or nothing at all.
    var rule: TargetRule =
      !noun.isEmpty && base.hasSuffix(noun)
      ? .countedNoun : (cueKind == nil ? .clause : .governingVerb)
    if elliptic, let previous {
      if base.isEmpty {
        base = previous.indicator
        rule = .elided
      } else if !cues.hasMeasure(base), base.count <= 6, noun.isEmpty, first.unit == previous.unit {
        // 公共充电桩达到2万个 after …保有量30万辆: another unit measures another thing.
        base = elide(previous.indicator, scope: base, patterns: patterns)
        rule = .elided
      }
    }

    // One target per place: 成都、绵阳市各完成1个…; 乐山市完成1个….
    let placeScopes = cueKind == nil ? nil : scopes(head)
    var indicators: [(indicator: String, scope: String?)]
    if let placeScopes, !noun.isEmpty, cueKind != .increase, cueKind != .decrease {
      let indicator = tail.isEmpty ? noun : tail + noun
      indicators = placeScopes.map { (indicator, $0) }
      rule = .perPlace
    } else if each || run.count > 1 {
      indicators = distribute(base, count: run.count, patterns: patterns).map { ($0, nil) }
      if run.count > 1 { rule = .listed }
    } else {
      indicators = [(base, nil)]
    }
    indicators = indicators.map {
      (String(DisplayText.clean($0.indicator).prefix(maxIndicatorLength)), $0.scope)
    }
    guard !indicators.contains(where: { $0.indicator.isEmpty }) else { return [] }

    let usesNoun = rule == .countedNoun || placeScopes != nil
    let spanEnd = usesNoun ? max(last.span.end, nounEnd) : last.span.end
    while lower < first.span.start, s[lower] == " " { lower += 1 }
    let span = sentence.documentSpan(lower..<spanEnd)
    let quote = document.text[span]
    let year = targetYear(
      at: sentence.span.start + first.span.start, in: document, context: context)
    var result: [Target] = []
    let perItem = indicators.count == run.count
    for (position, entry) in indicators.enumerated() {
      let quantities =
        placeScopes != nil || (!perItem && run.count == 1) ? run : (perItem ? [run[position]] : run)
      for quantity in quantities
      where placeScopes != nil || perItem || run.count == 1 || position == 0 {
        var comparator = quantity.comparator
        if comparator == .equal, let word = comparatorInWords { comparator = word }
        var target = Target(
          id: "", path: sentence.path, indicator: entry.indicator, value: quantity.value,
          valueMax: quantity.valueMax, unit: quantity.unit, comparator: comparator,
          change: change, baselineYear: baselineYear, targetYear: year, scope: entry.scope,
          stretch: stretch, quote: quote, span: span, rule: rule.rawValue)
        target.cue = cueText.isEmpty ? nil : cueText
        result.append(target)
      }
    }
    return result
  }

  /// Whether the sentence opens with a look back (`两年来，`, `过去一年，`): a review.
  private func opensLookingBack(_ sentence: Sentence) -> Bool {
    cues.match(sentence.scalars[...], at: sentence.contentStart, kinds: [.review]) != nil
  }

  /// Whether the sentence opens with a deadline or 力争 (`到2027年，…`, `力争…`).
  private func looksAhead(_ sentence: Sentence, context: TargetContext) -> Bool {
    let start = sentence.span.start + sentence.contentStart
    if let deadline = context.deadlineStarting[start], deadline.kind != .relative { return true }
    return cues.match(sentence.scalars[...], at: sentence.contentStart, kinds: [.stretch]) != nil
  }

  /// Whether the sentence opens with a year before `start` (`2016年，全市有…`).
  private func opensWithYear(before start: Int, _ sentence: Sentence, patterns: TargetPatterns)
    -> Bool
  {
    let s = sentence.scalars
    let head = s[sentence.contentStart..<min(s.count, sentence.contentStart + 8)]
    guard let match = patterns.yearOpening.firstMatch(in: Array(head)),
      let year = match.int("year")
    else { return false }
    return year < start
  }

  /// Skips leading spaces, deadlines, subjects (全市) and 力争 before the indicator.
  private func stripLeading(
    from start: Int, to end: Int, in sentence: Sentence, context: TargetContext
  )
    -> (Int, Bool)
  {
    let s = sentence.scalars
    var lower = start
    var stretch = false
    while lower < end {
      if s[lower] == " " || s[lower] == "\t" {
        lower += 1
        continue
      }
      let position = sentence.span.start + lower
      if let deadline = context.deadlineStarting[position],
        deadline.span.end <= sentence.span.start + end
      {
        lower = deadline.span.end - sentence.span.start
        continue
      }
      if let (length, kind) = cues.match(s[...], at: lower, kinds: [.subject, .stretch]) {
        if kind == .stretch { stretch = true }
        lower += length
        continue
      }
      break
    }
    return (lower, stretch)
  }

  /// The words of `range` without the deadlines inside them (原则上在2023年前完成 → 原则上完成).
  private func textSkippingDeadlines(
    _ range: Range<Int>, in sentence: Sentence, context: TargetContext
  ) -> String {
    var view = String.UnicodeScalarView()
    var cursor = range.lowerBound
    while cursor < range.upperBound {
      let position = sentence.span.start + cursor
      if let deadline = context.deadlineStarting[position],
        deadline.span.end <= sentence.span.start + range.upperBound
      {
        cursor = deadline.span.end - sentence.span.start
        continue
      }
      if sentence.scalars[cursor] != " " { view.append(sentence.scalars[cursor]) }
      cursor += 1
    }
    return String(view)
  }

  /// A year as written, in Arabic or Chinese digits (二○○五 → 2005).
  static func yearValue(_ text: String?) -> Int? {
    guard let text else { return nil }
    return Int(text) ?? CalendarMath.digitByDigit(Substring(text))
  }

  static func year(_ value: Int?, roc: Bool) -> Int? {
    guard let value else { return nil }
    if value >= 1900 { return value }
    return roc && value >= 60 && value <= 150 ? value + 1911 : nil
  }

  /// Digits and the numerals and signs a number can be written with.
  private static let digitLike = ScalarBitmap("0123456789一二三四五六七八九十两百千万零〇%".unicodeScalars)
}

/// Text as it is shown in names and indicators: the variant 巿 (U+5DFF) read as 市.
enum DisplayText {
  static func clean(_ text: String) -> String {
    // A scalar test first: Foundation's `contains` on strings searches through `NSString`.
    text.unicodeScalars.contains("巿") ? text.replacingOccurrences(of: "巿", with: "市") : text
  }
}

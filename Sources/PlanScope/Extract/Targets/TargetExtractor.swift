/// What the target extractor needs besides the sentences.
public struct TargetContext: Sendable {
  /// The plan period: its end is the target year of targets without their own year.
  public var period: Period?
  /// The plan's deadlines (their spans date the targets around them).
  public var deadlines: [Deadline]

  /// Creates a context.
  public init(period: Period?, deadlines: [Deadline]) {
    self.period = period
    self.deadlines = deadlines
  }
}

/// Finds quantified targets (目标指标) in a plan's sentences.
///
/// Takes sentences and the plan's deadlines; returns targets with indicator, value, unit,
/// comparator, change, baseline and target year. Understands `X达到85%以上`, `A、B分别下降a、b`
/// (one target per item, a shared prefix distributed), `较2020年` baselines, `新增…9万亩`,
/// `创建5—10个示范园区` (indicator after the number), `A、B市各完成1个…` (one target per place).
/// Does not report past values (已, 截至), incentives (给予…奖励), qualifiers (`…以上的企业`),
/// vague amounts (一批) or durations.
public struct TargetExtractor: Sendable {
  private let scanner: QuantityScanner
  private let cues: TargetCues
  private let places: PlaceLexicon
  private let maxIndicatorLength: Int

  /// Creates an extractor.
  public init(scanner: QuantityScanner, cues: TargetCues, places: PlaceLexicon, options: ExtractionOptions) {
    self.scanner = scanner
    self.cues = cues
    self.places = places
    self.maxIndicatorLength = options.maxIndicatorLength
  }

  /// Targets of all sentences, ids `g001`… in document order.
  public func extract(
    from sentences: [Sentence], document: Document, context: TargetContext,
    diagnostics: inout Diagnostics
  ) -> [Target] {
    let patterns = TargetPatterns()
    var result: [Target] = []
    for sentence in sentences where sentence.scalars.contains(where: Self.isDigitLike) {
      result.append(contentsOf: targets(in: sentence, document: document, context: context, patterns: patterns))
    }
    var seen = Set<String>()
    result = result.filter { seen.insert("\($0.span.start)|\($0.indicator)|\($0.value)|\($0.unit)|\($0.scope ?? "")").inserted }
    for index in result.indices { result[index].id = Self.id(index) }
    return result
  }

  /// Targets of one sentence (ids left empty).
  func targets(in sentence: Sentence, document: Document, context: TargetContext, patterns: TargetPatterns)
    -> [Target]
  {
    let s = sentence.scalars
    var quantities: [Quantity] = []
    var rejectedEnd: Int?
    for quantity in scanner.scan(s) {
      // 八次、九次全会: a number listed after a rejected one shares its fate.
      if let end = rejectedEnd, quantity.span.start - end <= 2, quantity.span.start >= end,
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
    for run in Self.runs(quantities, in: s, patterns: patterns) {
      result.append(contentsOf: targets(for: run, in: sentence, document: document, context: context, patterns: patterns))
    }
    return result
  }

  // MARK: - One run of numbers

  private func targets(
    for run: [Quantity], in sentence: Sentence, document: Document, context: TargetContext,
    patterns: TargetPatterns
  ) -> [Target] {
    let s = sentence.scalars
    guard let first = run.first, let last = run.last else { return [] }
    var clauseStart = first.span.start
    while clauseStart > 0, !patterns.clauseDelimiters.contains(s[clauseStart - 1]) { clauseStart -= 1 }
    if cues.occurs(in: s[clauseStart..<first.span.start], kinds: [.past, .incentive]) { return [] }

    // Leading deadlines, subjects and 力争 are not part of the indicator.
    var lower = clauseStart
    var stretch = false
    stripping: while lower < first.span.start {
      if s[lower] == " " || s[lower] == "\t" {
        lower += 1
        continue
      }
      let position = sentence.span.start + lower
      if let deadline = context.deadlines.first(where: { $0.span.start == position }), deadline.span.end <= sentence.span.start + first.span.start {
        lower = deadline.span.end - sentence.span.start
        continue
      }
      if let (length, kind) = cues.match(s[...], at: lower, kinds: [.subject, .stretch]) {
        if kind == .stretch { stretch = true }
        lower += length
        continue
      }
      break stripping
    }

    // Deadlines inside the words before the number (原则上在2023年前完成) are not indicator text.
    var preView = String.UnicodeScalarView()
    var cursor = lower
    while cursor < first.span.start {
      let position = sentence.span.start + cursor
      if let deadline = context.deadlines.first(where: { $0.span.start == position }),
        deadline.span.end <= sentence.span.start + first.span.start
      {
        cursor = deadline.span.end - sentence.span.start
        continue
      }
      preView.append(s[cursor])
      cursor += 1
    }
    var pre = String(preView)
    var baselineYear: Int?
    if let match = pre.firstMatch(of: patterns.baseline) {
      baselineYear = Int(match.year)
      pre.removeSubrange(match.range)
    }
    let preScalars = Array(pre.unicodeScalars)
    var change = Target.Change.level
    var head = pre
    var tail = ""
    var cueKind: TargetCues.Kind?
    var cueText = ""
    if let cue = cues.lastChange(in: preScalars[...]) {
      head = ScalarText.string(preScalars[..<cue.range.lowerBound])
      tail = ScalarText.string(preScalars[cue.range.upperBound...])
      cueText = ScalarText.string(preScalars[cue.range])
      cueKind = cue.kind
      switch cue.kind {
      case .increase: change = .increase
      case .decrease: change = .decrease
      case .maintain: change = .maintain
      default: change = .level
      }
    }
    head = trimFillers(head, patterns: patterns)
    let distributive = patterns.distributive.contains { pre.contains($0) }

    let (noun, nounEnd) = postNoun(after: last.span.end, in: s, patterns: patterns)
    var base: String
    switch cueKind {
    case .action?:
      // 培育环保装备制造规模企业30家, 创建5—10个示范园区: the action's object is measured.
      base = tail.isEmpty ? noun : tail
    case .increase?, .decrease?, .maintain?:
      base = head.isEmpty ? cueText + tail : head + tail
    default:
      base = head.isEmpty ? (tail.isEmpty ? noun : tail) : head + tail
    }
    if base.hasSuffix("等") { base = noun }
    // 新建5座污水处理厂: a verb alone is no indicator; the counted thing follows the number.
    if base.count <= 2, !noun.isEmpty, base != noun { base += noun }

    // One target per place: 成都、绵阳市各完成1个…; 乐山市完成1个….
    let placeScopes = cueKind == nil ? nil : scopes(head)
    var indicators: [(indicator: String, scope: String?)]
    if let placeScopes, !noun.isEmpty, cueKind != .increase, cueKind != .decrease {
      let indicator = tail.isEmpty ? noun : tail + noun
      indicators = placeScopes.map { (indicator, $0) }
    } else if distributive || run.count > 1 {
      indicators = distribute(base, count: run.count, patterns: patterns).map { ($0, nil) }
    } else {
      indicators = [(base, nil)]
    }
    indicators = indicators.map { (String($0.indicator.prefix(maxIndicatorLength)), $0.scope) }
    guard !indicators.contains(where: { $0.indicator.isEmpty }) else { return [] }

    let usesNoun = base == noun || placeScopes != nil
    let spanEnd = usesNoun ? max(last.span.end, nounEnd) : last.span.end
    let span = sentence.documentSpan(lower..<spanEnd)
    let quote = document.text[span]
    let year = targetYear(at: sentence.span.start + first.span.start, in: document, context: context)
    var result: [Target] = []
    for (position, entry) in indicators.enumerated() {
      let quantities = placeScopes != nil ? run : (indicators.count == run.count ? [run[position]] : run)
      for quantity in quantities where placeScopes != nil || indicators.count == run.count || position == 0 {
        result.append(
          Target(
            id: "", path: sentence.path, indicator: entry.indicator, value: quantity.value,
            valueMax: quantity.valueMax, unit: quantity.unit, comparator: quantity.comparator,
            change: change, baselineYear: baselineYear, targetYear: year, scope: entry.scope,
            stretch: stretch, quote: quote, span: span))
      }
    }
    return result
  }

  // MARK: - Parts

  /// Whether a number can be a target at all.
  private func isCandidate(_ quantity: Quantity, in s: [Unicode.Scalar], patterns: TargetPatterns) -> Bool {
    guard !quantity.unit.isEmpty, quantity.value > 0, !patterns.timeUnits.contains(quantity.unit) else {
      return false
    }
    let end = quantity.span.end
    if end < s.count, s[end] == "的" { return false }
    if cues.match(s[...], at: quantity.span.start, kinds: [.vague]) != nil { return false }
    let before = s[max(0, quantity.span.start - 4)..<quantity.span.start]
    if cues.occurs(in: before, kinds: [.incentive]) { return false }
    // 第2批, 十一届8次: ordinals; 新一轮: not a count.
    if let previous = before.last, ["第", "届", "新"].contains(previous) { return false }
    // “5000吨”: a quoted category name, not an amount.
    if let previous = before.last, previous == "“", end < s.count, s[end] == "”" { return false }
    // 一次烟气, 一次性: 一 with 次 is an adjective unless bounded (不少于1次).
    if quantity.unit == "次", quantity.comparator == .equal, s[quantity.span.start] == "一" { return false }
    return true
  }

  /// Numbers that follow each other with only list separators between them form one run.
  private static func runs(_ quantities: [Quantity], in s: [Unicode.Scalar], patterns: TargetPatterns) -> [[Quantity]] {
    var runs: [[Quantity]] = []
    for quantity in quantities {
      if let previous = runs.last?.last {
        let gap = s[previous.span.end..<max(previous.span.end, quantity.span.start)]
        if gap.count <= 2, gap.allSatisfy({ patterns.listSeparators.contains($0) }) {
          runs[runs.count - 1].append(quantity)
          continue
        }
      }
      runs.append([quantity])
    }
    return runs
  }

  /// The noun phrase after a number (`创建5—10个清洁生产示范园区（基地）` → 清洁生产示范园区):
  /// up to the clause end or a parenthesis, after the last 的, before the first 、.
  private func postNoun(after index: Int, in s: [Unicode.Scalar], patterns: TargetPatterns) -> (String, Int) {
    var end = index
    while end < s.count, !patterns.clauseDelimiters.contains(s[end]), s[end] != "(", end - index < 60 {
      end += 1
    }
    var start = index
    if let de = s[index..<end].lastIndex(of: "的") { start = de + 1 }
    if let dun = s[start..<end].firstIndex(of: "、") { end = dun }
    var phrase = ScalarText.string(s[start..<end])
    for word in ["以上", "左右", "以内"] where phrase.hasPrefix(word) { phrase.removeFirst(word.count) }
    return (phrase, end)
  }

  /// Indicators for each number of a `分别` list: `规上工业单位增加值能耗、水耗` gives
  /// 规上工业单位增加值能耗 and 规上工业单位增加值水耗; `A、B等主要污染物减排量` gives A减排量, B减排量.
  private func distribute(_ subject: String, count: Int, patterns: TargetPatterns) -> [String] {
    var list = subject
    var shared = ""
    if let cut = subject.range(of: "等", options: .backwards) {
      list = String(subject[..<cut.lowerBound])
      shared = String(subject[cut.upperBound...])
      if let category = cues.match(Array(shared.unicodeScalars)[...], at: 0, kinds: [.category]) {
        shared = String(shared.unicodeScalars.dropFirst(category.length))
      }
    }
    var items = list.split(whereSeparator: { $0 == "、" || $0 == "和" || $0 == "及" || $0 == "与" }).map(String.init)
    guard items.count > 1 else { return Array(repeating: subject, count: count) }
    // A prefix the first item shares with shorter items that end alike: 能耗、水耗.
    let first = items[0]
    for index in items.indices.dropFirst() {
      let item = items[index]
      if item.count < first.count, item.count <= 4, item.last == first.last {
        items[index] = String(first.dropLast(item.count)) + item
      }
    }
    items = items.map { $0 + shared }
    if items.count == count { return items }
    return Array(repeating: subject, count: count)
  }

  /// Places a subject lists (`成都、绵阳市各`), each as written with a shared 市 restored.
  private func scopes(_ head: String) -> [String]? {
    let trimmed = head.hasSuffix("各") ? String(head.dropLast()) : head
    guard !trimmed.isEmpty else { return nil }
    var names = trimmed.split(whereSeparator: { $0 == "、" || $0 == "和" }).map(String.init)
    guard names.allSatisfy({ places.longestPlace(prefixOf: $0) == $0 || places.longestPlace(prefixOf: $0 + "市") != nil && $0.count <= 4 }) else {
      return nil
    }
    if let last = names.last, let suffix = ["市", "州", "县", "区"].first(where: { last.hasSuffix($0) }) {
      names = names.map { $0.hasSuffix(suffix) ? $0 : $0 + suffix }
    }
    return names
  }

  private func trimFillers(_ text: String, patterns: TargetPatterns) -> String {
    var value = text
    var changed = true
    while changed {
      changed = false
      for word in patterns.fillers where value.hasSuffix(word) && value.count > word.count {
        value.removeLast(word.count)
        changed = true
      }
    }
    return value.trimmingSpaces()
  }

  /// The year a target is due: the nearest deadline before it in its paragraph (none for a
  /// recurring one), else the first after it in the same sentence, else the plan period's end.
  private func targetYear(at position: Int, in document: Document, context: TargetContext) -> Int? {
    let scalars = document.folded.scalars
    var paragraphStart = position
    while paragraphStart > 0, scalars[paragraphStart - 1] != "\n" { paragraphStart -= 1 }
    let before = context.deadlines.last { $0.span.end <= position && $0.span.start >= paragraphStart && $0.kind != .relative }
    if let deadline = before {
      if deadline.kind == .recurring { return nil }
      return deadline.date.flatMap { Int($0.prefix(4)) }
    }
    return context.period?.end
  }

  private static func isDigitLike(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value >= 0x30 && scalar.value <= 0x39) || "一二三四五六七八九十两百千万零〇%".unicodeScalars.contains(scalar)
  }

  static func id(_ index: Int) -> String {
    let number = String(index + 1)
    return "g" + String(repeating: "0", count: max(0, 3 - number.count)) + number
  }
}

extension TargetExtractor {
  // MARK: - Which numbers

  /// Whether a number can be a target at all.
  func isCandidate(_ quantity: Quantity, in s: [Unicode.Scalar], patterns: TargetPatterns) -> Bool {
    guard quantity.value > 0, !patterns.timeUnits.contains(quantity.unit) else { return false }
    if quantity.unit.isEmpty, !isUnitlessLevel(quantity, in: s) { return false }
    let end = quantity.span.end
    if end < s.count, s[end] == "的" { return false }
    if cues.match(s[...], at: quantity.span.start, kinds: [.vague]) != nil { return false }
    let before = s[max(0, quantity.span.start - 4)..<quantity.span.start]
    if quantity.unit.hasSuffix("元"), cues.occurs(in: before, kinds: [.incentive]) { return false }
    // 第2批, 十一届8次: ordinals; 新一轮: not a count.
    // (Spaced PDF copies put a space after 第: “第 三 次”.)
    if let previous = before.last(where: { $0 != " " }), ["第", "届", "新"].contains(previous) {
      return false
    }
    // “5000吨”: a quoted category name, not an amount.
    if let previous = before.last, previous == "“", end < s.count, s[end] == "”" { return false }
    // 一次烟气, 一次性: 一 with 次 is an adjective unless bounded (不少于1次).
    if quantity.unit == "次", quantity.comparator == .equal, s[quantity.span.start] == "一" {
      return false
    }
    if isNameOrPart(quantity, in: s, patterns: patterns) { return false }
    // 由2020年的28%提高到35%: the starting value is not the target.
    let wider = max(0, quantity.span.start - 10)..<quantity.span.start
    if patterns.startingValue.contains(in: s, range: wider) { return false }
    // …下降到2020年的38.1立方米: a value dated in the past (a year followed by 的) is history.
    if patterns.datedValue.contains(in: s, range: wider) { return false }
    return true
  }

  /// Numbers that name or count rather than set a goal: sessions (`十四届人大二次会议`),
  /// slogans in quotes (`“三个一批”`), the plan's own parts (`以下9个方面`, `分三个阶段`),
  /// grades and radii (`5000吨级`, `30公里范围内`) and thresholds that qualify a noun
  /// (`人口20万以上城市`, `投资5000万元以上项目1400个`: the count is the target).
  func isNameOrPart(_ quantity: Quantity, in s: [Unicode.Scalar], patterns: TargetPatterns) -> Bool
  {
    let start = quantity.span.start
    let end = quantity.span.end
    if quantity.unit == "次",
      s[max(0, start - patterns.sessionReach)..<start].contains(patterns.sessionMarker)
    {
      return true
    }
    if isQuoted(start..<end, in: s, patterns: patterns) { return true }
    if cues.isWord(quantity.unit, of: [.partUnit, .part]) { return true }
    // 10的18次方: an exponent.
    if quantity.unit == "次", end < s.count, s[end] == patterns.exponentMarker { return true }
    if countsListedItems(quantity, in: s, patterns: patterns) { return true }
    if cues.match(s[...], at: end, kinds: [.part, .parameter]) != nil { return true }
    var lead = start
    while lead > 0, start - lead < 2, patterns.partLeadFillers.contains(s[lead - 1]) { lead -= 1 }
    for offset in 2...4 where lead - offset >= 0 {
      if let cue = cues.match(s[...], at: lead - offset, kinds: [.partLead]), cue.length == offset {
        return true
      }
    }
    // A threshold: `…以上` followed at once by the noun it qualifies.
    guard patterns.thresholdSuffixes.contains(where: { quantity.text.hasSuffix($0) }),
      end < s.count, s[end].properties.isIdeographic, s[end] != "的",
      !patterns.listSeparators.contains(s[end])
    else { return false }
    if scanner.units.dimensions[quantity.unit] != "count" { return true }
    var next = end
    while next < s.count, next - end < 30, !patterns.clauseDelimiters.contains(s[next]) {
      if NumeralTable.arabicDigit(s[next]) != nil { return true }
      next += 1
    }
    return false
  }

  /// Whether a count only numbers the items listed right before it: `基础类、完善类、提升类3类`,
  /// `支持甲、乙、丙3个` (the list has as many items as the count).
  func countsListedItems(_ quantity: Quantity, in s: [Unicode.Scalar], patterns: TargetPatterns)
    -> Bool
  {
    let start = quantity.span.start
    guard quantity.comparator == .equal, quantity.value >= 2, quantity.value <= 12, start > 0,
      s[start - 1].properties.isIdeographic
    else { return false }
    var clauseStart = start
    while clauseStart > 0, start - clauseStart < 80,
      !patterns.clauseDelimiters.contains(s[clauseStart - 1])
    {
      clauseStart -= 1
    }
    var items = 1
    var lastItem = clauseStart
    for index in clauseStart..<start where s[index] == "、" {
      items += 1
      lastItem = index + 1
    }
    if s[clauseStart..<start].contains(where: { NumeralTable.arabicDigit($0) != nil }) {
      return false
    }
    // 甲、乙、丙新建3个中心: a verb between the list and the number counts something new.
    let verbs: TargetCues.Kinds = [.action, .level, .increase, .decrease, .maintain]
    if cues.occurs(in: s[lastItem..<start], kinds: verbs) { return false }
    if cues.occurs(in: s[lastItem..<start], kinds: [.buildVerb]) { return false }
    return items >= 2 && Double(items) == quantity.value
  }

  /// Whether `range` sits inside a short quotation (`“最后一公里”`, `“四件大事”`).
  func isQuoted(_ range: Range<Int>, in s: [Unicode.Scalar], patterns: TargetPatterns) -> Bool {
    var open = range.lowerBound
    while open > 0, range.lowerBound - open < patterns.quoteReach {
      let scalar = s[open - 1]
      if scalar == patterns.closeQuote || patterns.clauseDelimiters.contains(scalar) {
        return false
      }
      if scalar == patterns.openQuote { break }
      open -= 1
    }
    guard open > 0, s[open - 1] == patterns.openQuote else { return false }
    var close = range.upperBound
    while close < s.count, close - range.upperBound < patterns.quoteReach {
      if s[close] == patterns.closeQuote { return true }
      if s[close] == patterns.openQuote || patterns.clauseDelimiters.contains(s[close]) {
        return false
      }
      close += 1
    }
    return false
  }

  /// A decimal without a unit set as a level: `灌溉水有效利用系数达到0.58`, `死亡率控制在0.011以下`
  /// (a bare integer such as `第3` or `19+6` stays out).
  func isUnitlessLevel(_ quantity: Quantity, in s: [Unicode.Scalar]) -> Bool {
    guard quantity.text.unicodeScalars.contains(".") else { return false }
    if quantity.comparator != .equal { return true }
    let start = quantity.span.start
    let window = s[max(0, start - 6)..<start]
    guard let cue = cues.governingCue(in: window, trailing: []) else { return false }
    return cue.range.upperBound == start && cue.kind != .action
  }

  /// Numbers that follow each other with only list separators between them form one run.
  static func runs(_ quantities: [Quantity], in s: [Unicode.Scalar], patterns: TargetPatterns)
    -> [[Quantity]]
  {
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

  // MARK: - Indicators

  /// The noun phrase after a number (`创建5—10个清洁生产示范园区（基地）` → 清洁生产示范园区,
  /// `建设1个具有（含分院）二级水平的救治中心` → 救治中心): up to the clause end, over
  /// parentheses, after the last 的; before a 、 that another number follows (`3个A、5个B`),
  /// not one that lists modifiers (`开展100户高龄、失能老人家庭改造`).
  func postNoun(after index: Int, in s: [Unicode.Scalar], patterns: TargetPatterns) -> (String, Int)
  {
    var end = index
    var depth = 0
    var lastOpen: Int?
    var firstNumberAfterDun: Int?
    var firstDun: Int?
    while end < s.count, depth > 0 || !patterns.clauseDelimiters.contains(s[end]),
      end - index < 60
    {
      if s[end] == "(" {
        if depth == 0 { lastOpen = end }
        depth += 1
      } else if s[end] == ")" {
        depth = max(0, depth - 1)
      } else if depth == 0, s[end] == "、", firstDun == nil {
        firstDun = end
      } else if firstDun != nil, firstNumberAfterDun == nil, NumeralTable.arabicDigit(s[end]) != nil
      {
        firstNumberAfterDun = end
      }
      end += 1
    }
    // A parenthesis that opens the phrase, or is left open, ends it: 示范园区（基地）.
    if let open = lastOpen, depth > 0 || s[max(index, end - 1)] == ")" { end = open }
    if let dun = firstDun, dun < end, firstNumberAfterDun != nil { end = dun }
    var start = index
    // 兴建2万个公屋单位的目标: what follows the last 的 may only name the goal itself.
    if let de = s[index..<end].lastIndex(of: "的"),
      !cues.isWord(ScalarText.string(s[(de + 1)..<end]).trimmingSpaces(), of: [.goalNoun, .part])
    {
      start = de + 1
    } else if let de = s[index..<end].lastIndex(of: "的") {
      end = de
    }
    if let dun = s[start..<end].firstIndex(of: "、"), start == index, firstNumberAfterDun != nil {
      end = dun
    }
    var phrase = ScalarText.string(s[start..<end]).trimmingSpaces()
    for word in ["以上", "左右", "以内"] where phrase.hasPrefix(word) { phrase.removeFirst(word.count) }
    return (phrase, end)
  }

  /// Indicators for each listed item: `规上工业单位增加值能耗、水耗` gives 规上工业单位增加值能耗
  /// and 规上工业单位增加值水耗; `A、B等主要污染物减排量` gives A减排量, B减排量;
  /// `二氧化硫、氮氧化物排放总量` gives 二氧化硫排放总量, 氮氧化物排放总量.
  func distribute(_ subject: String, count: Int, patterns: TargetPatterns) -> [String] {
    var list = subject
    var shared = ""
    if let cut = subject.range(of: "等", options: .backwards) {
      list = String(subject[..<cut.lowerBound])
      shared = String(subject[cut.upperBound...])
      if let category = cues.match(Array(shared.unicodeScalars)[...], at: 0, kinds: [.category]) {
        shared = String(shared.unicodeScalars.dropFirst(category.length))
      }
    }
    var items = list.split(whereSeparator: {
      patterns.itemSeparators.contains($0.unicodeScalars.first ?? " ")
    })
    .map(String.init)
    guard items.count > 1 else { return Array(repeating: subject, count: count) }
    // A prefix the first item shares with shorter items that end alike: 能耗、水耗.
    let first = items[0]
    for index in items.indices.dropFirst() {
      let item = items[index]
      if item.count < first.count, item.count <= 4, item.last == first.last {
        items[index] = String(first.dropLast(item.count)) + item
      }
    }
    // A measure the last item carries for all: 二氧化硫、氮氧化物排放总量.
    if shared.isEmpty, let last = items.last, let start = cues.measureStart(in: last),
      items.dropLast().allSatisfy({ !cues.hasMeasure($0) })
    {
      let measure = String(last.unicodeScalars.dropFirst(start))
      items = items.dropLast().map { $0 + measure } + [last]
    }
    items = items.map { $0 + shared }
    if items.count == count || count == 1 { return items }
    return Array(repeating: subject, count: count)
  }

  /// An elided indicator: `县城` after `城市污水处理率` gives 县城污水处理率.
  func elide(_ previous: String, scope: String, patterns: TargetPatterns) -> String {
    if let word = patterns.scopeWords.first(where: { previous.hasPrefix($0) }) {
      return scope + previous.dropFirst(word.count)
    }
    if let start = cues.measureStart(in: previous) {
      return scope + String(previous.unicodeScalars.dropFirst(start))
    }
    return scope + previous
  }

  /// Places a subject lists (`成都、绵阳市各`), each as written with a shared 市 restored.
  func scopes(_ head: String) -> [String]? {
    let trimmed = head.hasSuffix("各") ? String(head.dropLast()) : head
    guard !trimmed.isEmpty else { return nil }
    var names = trimmed.split(whereSeparator: { $0 == "、" || $0 == "和" }).map(String.init)
    guard
      names.allSatisfy({
        places.longestPlace(prefixOf: $0) == $0
          || places.longestPlace(prefixOf: $0 + "市") != nil && $0.count <= 4
      })
    else {
      return nil
    }
    if let last = names.last,
      let suffix = ["市", "州", "县", "区"].first(where: { last.hasSuffix($0) })
    {
      names = names.map { $0.hasSuffix(suffix) ? $0 : $0 + suffix }
    }
    return names
  }

  func trimFillers(_ text: String, patterns: TargetPatterns) -> String {
    var value = text.trimmingSpaces()
    var changed = true
    while changed {
      changed = false
      for word in patterns.fillers where value.hasSuffix(word) && value.count > word.count {
        if patterns.fillerWords.contains(where: { value.hasSuffix($0) }) { continue }
        value.removeLast(word.count)
        changed = true
      }
      for word in ["到", "至", "为"] where value.hasPrefix(word) && value.count > word.count {
        value.removeFirst(word.count)
        changed = true
      }
    }
    return value.trimmingSpaces()
  }

  // MARK: - Years

  /// The year a target is due: the nearest deadline before it in its paragraph (none for a
  /// recurring one), else the plan period's end.
  func targetYear(at position: Int, in document: Document, context: TargetContext) -> Int? {
    let scalars = document.folded.scalars
    var paragraphStart = position
    // Bounded: a paragraph of a megabyte without a line break must not make every target
    // scan back over all of it (quadratic time); a year is carried over a few sentences.
    let floor = max(0, position - SentenceSplitter.defaultMaxSentenceLength * 2)
    while paragraphStart > floor, scalars[paragraphStart - 1] != "\n" { paragraphStart -= 1 }
    if let deadline = context.lastDeadline(endingBy: position, from: paragraphStart) {
      // 年度计划投资… in a one-year plan: that year.
      if deadline.kind == .recurring {
        guard let period = context.period, period.start == period.end else { return nil }
        return period.end
      }
      return deadline.date.flatMap { Int($0.prefix(4)) }
    }
    return context.period?.end
  }
}

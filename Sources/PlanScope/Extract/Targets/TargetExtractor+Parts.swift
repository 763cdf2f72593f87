extension TargetExtractor {
  // MARK: - Which numbers

  /// Whether a number can be a target at all.
  func isCandidate(_ quantity: Quantity, in s: [Unicode.Scalar], patterns: TargetPatterns) -> Bool {
    guard !quantity.unit.isEmpty, quantity.value > 0, !patterns.timeUnits.contains(quantity.unit)
    else {
      return false
    }
    let end = quantity.span.end
    if end < s.count, s[end] == "的" { return false }
    if cues.match(s[...], at: quantity.span.start, kinds: [.vague]) != nil { return false }
    let before = s[max(0, quantity.span.start - 4)..<quantity.span.start]
    if quantity.unit.hasSuffix("元"), cues.occurs(in: before, kinds: [.incentive]) { return false }
    // 第2批, 十一届8次: ordinals; 新一轮: not a count.
    if let previous = before.last, ["第", "届", "新"].contains(previous) { return false }
    // “5000吨”: a quoted category name, not an amount.
    if let previous = before.last, previous == "“", end < s.count, s[end] == "”" { return false }
    // 一次烟气, 一次性: 一 with 次 is an adjective unless bounded (不少于1次).
    if quantity.unit == "次", quantity.comparator == .equal, s[quantity.span.start] == "一" {
      return false
    }
    // 由2020年的28%提高到35%: the starting value is not the target.
    let wider = max(0, quantity.span.start - 10)..<quantity.span.start
    if patterns.startingValue.contains(in: s, range: wider) { return false }
    // …下降到2020年的38.1立方米: a value dated in the past (a year followed by 的) is history.
    if patterns.datedValue.contains(in: s, range: wider) { return false }
    return true
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

  /// The noun phrase after a number (`创建5—10个清洁生产示范园区（基地）` → 清洁生产示范园区):
  /// up to the clause end or a parenthesis, after the last 的, before the first 、.
  func postNoun(after index: Int, in s: [Unicode.Scalar], patterns: TargetPatterns) -> (String, Int)
  {
    var end = index
    while end < s.count, !patterns.clauseDelimiters.contains(s[end]), s[end] != "(",
      end - index < 60
    {
      end += 1
    }
    var start = index
    if let de = s[index..<end].lastIndex(of: "的") { start = de + 1 }
    if let dun = s[start..<end].firstIndex(of: "、") { end = dun }
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
      if deadline.kind == .recurring { return nil }
      return deadline.date.flatMap { Int($0.prefix(4)) }
    }
    return context.period?.end
  }
}

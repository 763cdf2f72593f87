/// A word matched scalar by scalar, with what it means.
struct ScalarWord<Meaning: Sendable & Hashable>: Sendable, Hashable {
  let scalars: [Unicode.Scalar]
  let meaning: Meaning
  init(_ word: String, _ meaning: Meaning) {
    scalars = Array(word.unicodeScalars)
    self.meaning = meaning
  }
}

/// Named matchers for `QuantityScanner`; each has rows in Cases/quantities.json.
///
/// These are small closed grammars matched over Unicode scalars (the scanner runs over every
/// character of every document, so no `Regex` here). Comparators follow 民法典 第1259条:
/// 以上/以下/以内 include the number.
struct QuantityPatterns: Sendable {
  /// Comparator words before a number: `不低于85%`, `至少3家`, `超过1000万元`, `约50%`.
  let prefixComparators: [ScalarWord<Target.Comparator>] = Self.words([
    "大于等于": .atLeast, "大于或等于": .atLeast, "大于或者等于": .atLeast,
    "不低于": .atLeast, "不少于": .atLeast, "不小于": .atLeast, "至少": .atLeast,
    "最少": .atLeast, "过": .greaterThan, "≥": .atLeast, "⩾": .atLeast,
    "超过": .greaterThan, "高于": .greaterThan, "多于": .greaterThan,
    "大于": .greaterThan, "逾": .greaterThan, ">": .greaterThan, "＞": .greaterThan,
    "小于等于": .atMost, "小于或等于": .atMost, "小于或者等于": .atMost,
    "不超过": .atMost, "不高于": .atMost, "不大于": .atMost, "不多于": .atMost,
    "最多": .atMost, ">=": .atLeast, "<=": .atMost, "＞＝": .atLeast, "＜＝": .atMost, "至多": .atMost,
    "控制在": .atMost, "≤": .atMost, "⩽": .atMost,
    "低于": .lessThan, "少于": .lessThan, "不足": .lessThan, "小于": .lessThan,
    "不到": .lessThan, "<": .lessThan, "＜": .lessThan,
    "约": .approximately, "大约": .approximately, "近": .approximately,
    "接近": .approximately, "将近": .approximately, "等于": .equal,
  ])

  /// One linking character allowed between a prefix comparator and the number:
  /// `超过了80`, `至少有10个`, `最多为5`.
  let prefixLinkers: Set<Unicode.Scalar> = ["了", "为", "是", "有", "达"]

  /// Characters that turn a one-character prefix into another word: 节约, 制约, 最近, 附近.
  let prefixBlockers: [Unicode.Scalar: Set<Unicode.Scalar>] = [
    "约": ["节", "制", "预", "签", "契", "公", "条", "邀", "简", "相", "婉", "隐"],
    "近": ["最", "附", "邻", "就", "临", "靠", "贴", "亲", "将", "接", "远", "新"],
    "逾": ["不"],
    "过": [
      "超", "通", "不", "经", "度", "越", "透", "错", "路", "难", "改", "跳", "熬", "胜", "闯", "放", "略", "看", "用",
      "做", "去", "为", "于", "太",
    ],
  ]

  /// 比 before a number and a comparative after it: `比三十大` → `>`, `比170低` → `<`.
  let comparativeMarker: Unicode.Scalar = "比"

  /// Comparatives closing `比…`: 大/高/多 → `>`, 小/低/少 → `<`.
  let comparatives: [Unicode.Scalar: Target.Comparator] = [
    "大": .greaterThan, "高": .greaterThan, "多": .greaterThan,
    "小": .lessThan, "低": .lessThan, "少": .lessThan,
  ]

  /// Comparator words after the number and unit: `85%以上`, `10个左右`, `5%以内`.
  let suffixComparators: [ScalarWord<Target.Comparator>] = Self.words([
    "以上": .atLeast, "及以上": .atLeast, "或以上": .atLeast, "或者以上": .atLeast,
    "或更多": .atLeast, "或者更多": .atLeast,
    "以下": .atMost, "及以下": .atMost, "或以下": .atMost, "以内": .atMost,
    "之内": .atMost, "之下": .lessThan, "左右": .approximately,
  ])

  /// Connectors between the two ends of a range: `5—10个`, `5-10`, `5～10`, `5至10`, `5到10`.
  let rangeConnectors: [ScalarWord<Bool>] = [
    "——", "—", "–", "-", "－", "‒", "―", "~", "～", "〜", "至", "到",
  ].map { ScalarWord($0, true) }.sorted { $0.scalars.count > $1.scalars.count }

  /// Connectors that make a range only when `之间`/`间` closes it: `20和30之间`, `10000与20000间`.
  let betweenConnectors: [ScalarWord<Bool>] = ["和", "与", "及"].map { ScalarWord($0, true) }

  /// Words closing a range: `5%至10%之间`.
  let betweenClosers: [ScalarWord<Bool>] = ["之间", "间"].map { ScalarWord($0, true) }

  /// Percent words before a number: `百分之八十五` → 85 `%`, `千分之五` → 5 `‰`.
  let percentPrefixes: [ScalarWord<String>] = Self.words([
    "百分之": "%", "千分之": "‰", "万分之": "‱", "萬分之": "‱", "仟分之": "‰",
    "佰分之": "%",
  ])

  /// Words that begin with a numeral but are not amounts: `一次性`, `一批`, `一系列`.
  let numeralIdioms: [ScalarWord<Bool>] = [
    "一次性", "一批", "一系列", "一揽子", "一站式", "一条龙", "一件事", "一张网", "一张图",
    "一把手", "一体化", "一盘棋", "一站", "一类", "一级", "二级", "三级", "一线", "千家万户",
    "千方百计", "一户一", "一村一", "一县一", "一区一", "一园一", "一企一", "一人一",
  ].map { ScalarWord($0, true) }

  /// Characters after a number that make it a date or document number, not an amount:
  /// `12月`, `27日`, `1524号`.
  let dateOrNumberSuffixes: Set<Unicode.Scalar> = ["月", "日", "号", "號"]

  /// Characters around a number that make it a technical specification: `3×200MW`.
  let specificationMarks: Set<Unicode.Scalar> = ["×", "*", "＊", "✕", "x", "X"]

  /// Opening brackets of document-number years: `〔2021〕`, `[2021]`, `【2021】`.
  let yearBrackets: Set<Unicode.Scalar> = ["〔", "[", "［", "【", "（", "("]

  /// Closing brackets after a section label or document-number year: `（一）`, `〔2021〕`.
  let closingBrackets: Set<Unicode.Scalar> = ["〕", "]", "］", "】", "）", ")"]

  /// Punctuation after a line-initial item label: `1．`, `2.`, `3、`.
  let labelPunctuation: Set<Unicode.Scalar> = ["．", ".", "、"]

  /// Characters before a number that put it inside a URL or code: `%25`, `q=30`, `&id=5`.
  let urlMarks: Set<Unicode.Scalar> = ["%", "=", "&", "?", "#", "_", "@"]

  /// Starts of web addresses, skipped up to the next space or ideograph.
  let urlStarts: [ScalarWord<Bool>] = ["http://", "https://", "www."].map { ScalarWord($0, true) }

  /// Negative signs before a number: `负3.9%`, `-5%`.
  let negativeSigns: Set<Unicode.Scalar> = ["负", "負", "-", "－"]

  /// Scalars that make a following 负 part of a word, not a sign: 减负, 担负, 自负, 抱负.
  let signBlockers: Set<Unicode.Scalar> = ["减", "減", "担", "擔", "自", "抱", "胜", "勝", "欠", "辜"]

  /// Words before a number that make it a label: `专栏1`, `附件2`.
  let labelWords: [ScalarWord<Bool>] = ["专栏", "附件", "附表", "附图"].map { ScalarWord($0, true) }

  /// Ordinal marker before a number: `第3条`, `第十四`.
  let ordinalMarker: Unicode.Scalar = "第"

  /// Year unit: `2025年` is a date (the deadline extractor's), `3年` a duration.
  let yearUnit: Unicode.Scalar = "年"

  /// Years a four-digit number is taken to be when it stands before 年 or alone: 1900…2199.
  let plausibleYears: ClosedRange<Double> = 1900...2199

  /// Arabic integers this long are telephone numbers (`02312345678`); 11 digits from `1`.
  let phoneDigits = 7

  /// Words with meanings, longest first so that `不低于` wins over `低于`.
  private static func words<Meaning>(
    _ pairs: KeyValuePairs<String, Meaning>
  ) -> [ScalarWord<Meaning>] {
    pairs.map { ScalarWord($0.key, $0.value) }.sorted { $0.scalars.count > $1.scalars.count }
  }

  /// Full-width percent written as the schema's `%`.
  func unitAsWritten(_ unit: String) -> String {
    unit.replacingPercent()
  }
}

extension String {
  fileprivate func replacingPercent() -> String {
    var view = String.UnicodeScalarView()
    for scalar in unicodeScalars { view.append(scalar == "％" ? "%" : scalar) }
    return String(view)
  }
}

extension Array where Element == Unicode.Scalar {
  /// Whether `word` is written at `index`.
  func has(_ word: [Unicode.Scalar], at index: Int) -> Bool {
    index >= 0 && index + word.count <= count
      && self[index..<(index + word.count)].elementsEqual(word)
  }

  /// Whether `word` is written just before `index`.
  func has(_ word: [Unicode.Scalar], endingAt index: Int) -> Bool {
    has(word, at: index - word.count)
  }
}

/// Named patterns for `TargetExtractor`. Each has rows in `Cases/targets.json`.
struct TargetPatterns: Sendable {
  /// A baseline year inside the words before a number: “较2020年”, “比2020年”, “与2020年相比”,
  /// “从2005年的水平”, “由二○○五年的水平”, “以2005年为基准”, “较94年” (a Taiwan plan's ROC year).
  let baseline =
    ScalarPattern(
      #"(?:较|比|与|同|相比|相较|从|由|以)(?:民国)?(?<year>\d{4}|[〇○零一二三四五六七八九]{4}|\d{2,3})年(?:的水平|水平|为基准|为基数|为基年|的基础上|基础上|相比|比)?"#
    )

  /// The starting value of a change, not its target: “由2020年的28%”, “从2005年的”.
  let startingValue = ScalarPattern(#"(?:由|从)(?:\d{4}年(?:底)?的)?$"#)

  /// A value dated by the year right before it: “到2020年的38.1立方米” (a report, not a goal).
  let datedValue = ScalarPattern(#"\d{4}年(?:底|末)?的$"#)

  /// Comparators written before the verb: “至少建成1个”, “不少于…”.
  let comparatorWords: [(word: String, comparator: Target.Comparator)] = [
    ("至少", .atLeast), ("最少", .atLeast), ("不少于", .atLeast), ("不低于", .atLeast),
    ("最多", .atMost), ("不超过", .atMost), ("不高于", .atMost), ("突破", .greaterThan),
  ]

  /// Words that open an indicator and name only its scope: 城市污水处理率 / 县城….
  let scopeWords: [String] = ["地级及以上城市", "中心城区", "建制镇", "城市", "县城", "城镇", "农村", "乡镇", "全市", "全省"]

  /// Scalars that end the clause a target sits in (on folded text).
  /// ꎬ and ꎮ stand for ， and 。 in some PDF transcriptions.
  /// A table's TAB and `|` end a cell's clause too.
  let clauseDelimiters: Set<Unicode.Scalar> = [
    ",", ";", ":", "。", "!", "?", "\n", "：", "；", "ꎬ", "ꎮ", "\t", "|",
  ]

  /// Words ending in a filler that keep it: 年均, 人均 (均 there is no distributive).
  let fillerWords: [String] = ["年均", "人均", "户均"]

  /// A sentence that opens with a year before the plan's period reports it:
  /// “2016年，全市有幼儿园1633所” in a 2017—2020 plan.
  let yearOpening = ScalarPattern(#"^(?<year>\d{4})年(?:度|底|末)?[,，]"#)

  /// Scalars that may separate the numbers of one `分别` list: “1.6万吨、0.04万吨和2.08万吨”.
  let listSeparators: Set<Unicode.Scalar> = ["、", "和", "及", "与", ",", " "]

  /// A session number follows a term number: “十四届人大二次会议” (届 within `sessionReach`).
  let sessionMarker: Unicode.Scalar = "届"
  let sessionReach = 8

  /// Quotation marks around slogans (“三个一批”) and how far a number may sit from them.
  let openQuote: Unicode.Scalar = "“"
  let closeQuote: Unicode.Scalar = "”"
  let quoteReach = 10

  /// Comparator words that can close a threshold qualifying a noun: “20万以上城市”.
  let thresholdSuffixes: [String] = ["以上", "以下"]

  /// Sentence ends after which a report of a past year goes on: “…1633所；毛入园率95.3%”.
  let reportContinuers: Set<Unicode.Scalar> = [";", "；"]

  /// 方 after 次 makes an exponent: “10的18次方”.
  let exponentMarker: Unicode.Scalar = "方"

  /// Words between a part-count lead and its number: “以下共9项”, “分为3个”.
  let partLeadFillers: Set<Unicode.Scalar> = ["共", "成", "为", "出"]

  /// Scalars after which a listed count starts its own clause: “新建30家A、新建20家B”.
  let nounListSeparators: Set<Unicode.Scalar> = ["、"]

  /// Scalars that separate listed items in a subject: “化学需氧量、氨氮和氮氧化物”.
  let itemSeparators: Set<Unicode.Scalar> = ["、", "和", "及", "与"]

  /// Words that distribute one target over each listed item or place: 分别, 各, 均, 都.
  let distributive: [String] = ["分别", "各", "均", "都"]

  /// Units of time: such quantities are deadlines or durations, not targets.
  let timeUnits: Set<String> = [
    "年", "个月", "月", "日", "天", "周", "小时", "分钟", "季度", "年度", "个工作日", "工作日",
  ]

  /// Words that may stand between a subject and its verb and are dropped from indicators.
  let fillers: [String] = ["分别", "各", "均", "都", "要", "将", "的", "总体", "整体"]

  /// A year in an indicator table's header cell: “2025年”, “2025年目标值”, “2025”.
  let tableYear = ScalarPattern(#"(?<year>\d{4})\s*年?(?:目标值?|预期值?)?"#)

  /// Any four-digit year inside a header cell: “目标值（2025年）”.
  let anyYear = ScalarPattern(#"(?<year>\d{4})"#)

  /// The unit in parentheses closing an indicator cell: “森林覆盖率（%）”.
  let cellUnit = ScalarPattern(#"\((?<unit>[^()]{1,12})\)$"#)
}

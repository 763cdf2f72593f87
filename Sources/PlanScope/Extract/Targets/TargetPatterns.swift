/// Named patterns for `TargetExtractor`. Each has rows in `Cases/targets.json`.
struct TargetPatterns {
  /// A baseline year inside the words before a number: “较2020年”, “比2020年”, “与2020年相比”.
  let baseline = #/(?:较|比|与|同|相比|相较)(?<year>\d{4})年(?:相比|比)?/#

  /// Scalars that end the clause a target sits in (on folded text).
  let clauseDelimiters: Set<Unicode.Scalar> = [",", ";", ":", "。", "!", "?", "\n", "：", "；"]

  /// Scalars that may separate the numbers of one `分别` list: “1.6万吨、0.04万吨和2.08万吨”.
  let listSeparators: Set<Unicode.Scalar> = ["、", "和", "及", "与", ",", " "]

  /// Scalars that separate listed items in a subject: “化学需氧量、氨氮和氮氧化物”.
  let itemSeparators: Set<Unicode.Scalar> = ["、", "和", "及", "与"]

  /// Words that distribute one target over each listed item or place: 分别, 各.
  let distributive: [String] = ["分别", "各"]

  /// Units of time: such quantities are deadlines or durations, not targets.
  let timeUnits: Set<String> = ["年", "个月", "月", "日", "天", "周", "小时", "分钟", "季度", "年度", "个工作日", "工作日"]

  /// Words that may stand between a subject and its verb and are dropped from indicators.
  let fillers: [String] = ["分别", "各", "均", "都", "要", "将", "的", "总体", "整体"]
}

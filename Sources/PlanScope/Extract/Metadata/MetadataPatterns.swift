/// Named patterns for `MetadataExtractor`, matched on one trimmed, width-folded line.
/// Each has rows in `Cases/metadata.json`.
struct MetadataPatterns: Sendable {
  /// A document number alone on its line: “渝发改规范〔2022〕8号”, “国办发[2021]1号”.
  let documentNumber =
    ScalarPattern(#"^\(?(?<number>[\p{Han}A-Za-z]{1,16}[〔\[(【](?<year>\d{4})[〕\])】]\s*第?\d{1,5}号)\)?$"#)

  /// A labelled field of a government portal's page header: “发文字号：浙政办发〔2022〕23号”.
  let portalField = ScalarPattern(#"^(?<label>发文字号|文号|成文日期|发文日期|印发日期|发布日期|发文机关|发布机构|发文单位)\s*[:：]\s*(?<value>.+)$"#)

  /// A date alone on its line: “2023年12月27日”, “二〇二三年十二月二十七日”.
  let dateLine =
    ScalarPattern(#"^(?:中华民国|民国)?(?<year>\d{4}|[〇○零一二三四五六七八九]{4}|\d{2,3})年(?<month>\d{1,2}|[一二三四五六七八九十]{1,3})月(?<day>\d{1,2}|[一二三四五六七八九十]{1,3})日$"#)

  /// An ISO-style date: “2023-05-10”, “2023/5/10”, “2023.05.10”.
  let numericDate = ScalarPattern(#"^(?<year>\d{4})[-/.](?<month>\d{1,2})[-/.](?<day>\d{1,2})$"#)

  /// A plan period in a title: “（2023-2025年）”, “2021—2023年”.
  let periodRange =
    ScalarPattern(#"(?:民国)?(?<y1>\d{4}|\d{2,3})\s*年?\s*(?:-|—|–|~|至|到)\s*(?:民国)?(?<y2>\d{4}|\d{2,3})\s*年"#)

  /// A period without 年 in a title's parentheses: “（2021-2030）”.
  let bareYearRange = ScalarPattern(#"\((?<y1>\d{4})\s*(?:-|—|–|~|至|到)\s*(?<y2>\d{4})\)"#)

  /// A county, county-level city or district a title starts with when the place list lacks
  /// it: 长兴县, 义乌市, 余杭区 (after 杭州市).
  let localDivision = ScalarPattern(#"^(?<name>[\p{Han}]{2,4}?(?:县|市|区|旗))"#)

  /// A five-year plan in a title: “十四五”.
  let fiveYearPlan = ScalarPattern(#"十(?<n>[一二三四五六七八九])五"#)

  /// A line that only qualifies the title above it: “（2021—2023年）”, “（送审稿）”, “（试行）”.
  let titleQualifier =
    ScalarPattern(#"^\((?:\d{4}\s*年?\s*(?:-|—|–|~|至|到)\s*\d{4}\s*年|送审稿|征求意见稿|讨论稿|草案|代拟稿|审议稿|修改稿|试行|暂行)\)$"#)

  /// Draft markers dropped from a title: “（送审稿）”, “（征求意见稿）”.
  let draftMarker = ScalarPattern(#"\((?:送审稿|征求意见稿|讨论稿|草案|代拟稿|审议稿|修改稿)\)"#)

  /// The book-title marks of a notice that only forwards the plan: “关于印发《…》的通知”.
  let forwardedTitle = ScalarPattern(#"关于印发《(?<title>[^》]{4,60})》的通知"#)

  /// Words after an issuer's name on its line: “重庆市发展和改革委员会发布”.
  let issuerTrailer = ScalarPattern(#"(?:联合)?(?:发布|印发|制定)$"#)

  /// A year a title names: “2024年工作要点”.
  let titleYear = ScalarPattern(#"(?<year>\d{4})年"#)
}

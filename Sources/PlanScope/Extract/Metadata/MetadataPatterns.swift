/// Named patterns for `MetadataExtractor`, matched on one trimmed, width-folded line.
/// Each has rows in `Cases/metadata.json`.
struct MetadataPatterns: Sendable {
  /// A document number alone on its line: “渝发改规范〔2022〕8号”, “国办发[2021]1号”, “沪民办发〔2025〕3 号”.
  let documentNumber =
    ScalarPattern(
      #"^\(?(?<number>[\p{Han}A-Za-z]{1,16}[〔\[(【](?<year>\d{4})[〕\])】]\s*第?\d{1,5}\s*号)\)?$"#)

  /// The number of the notice a forwarding notice passes on, in parentheses after its title:
  /// “…的通知》(甲府办〔2019〕5号)转发给你们”.
  let forwardedNumber =
    ScalarPattern(
      #"的通知》\((?<number>[\p{Han}A-Za-z]{1,16}[〔\[【]\d{4}[〕\]】]\s*第?\d{1,5}\s*号)\)\s*转发"#)

  /// One labelled cell of a portal's page header: “发文字号：浙政办发〔2022〕23号”, “文 号:”.
  let portalCell = ScalarPattern(#"^(?<label>[\p{Han}][\p{Han} ]{1,8}?)\s*[:：]\s*(?<value>.*)$"#)

  /// A date alone on its line, or in parentheses under a title: “2023年12月27日”,
  /// “二〇二三年十二月二十七日”, “（2025年3月1日）”.
  let dateLine =
    ScalarPattern(
      #"^\(?(?:中华民国|民国)?(?<year>\d{4}|[〇○零一二三四五六七八九]{4}|\d{2,3})年(?<month>\d{1,2}|[一二三四五六七八九十]{1,3})月(?<day>\d{1,2}|[一二三四五六七八九十]{1,3})日\)?$"#
    )

  /// An ISO-style date: “2023-05-10”, “2023/5/10”, “2023.05.10”.
  let numericDate = ScalarPattern(#"^(?<year>\d{4})[-/.](?<month>\d{1,2})[-/.](?<day>\d{1,2})$"#)

  /// A page date after a title on its line: “…的通知 ( 2025-01-27 )”.
  let trailingPageDate = ScalarPattern(#"\s*\(\s*\d{4}-\d{1,2}-\d{1,2}\s*\)$"#)

  /// A plan period in a title: “（2023-2025年）”, “2021—2023年”.
  let periodRange =
    ScalarPattern(
      #"(?:民国)?(?<y1>\d{4}|\d{2,3})\s*年?\s*(?:-|—|–|~|至|到)\s*(?:民国)?(?<y2>\d{4}|\d{2,3})\s*年"#)

  /// A period without 年 in a title's parentheses: “（2021-2030）”.
  let bareYearRange = ScalarPattern(#"\((?<y1>\d{4})\s*(?:-|—|–|~|至|到)\s*(?<y2>\d{4})\)"#)

  /// A county, county-level city or district a title starts with when the place list lacks
  /// it: 长兴县, 义乌市, 余杭区 (after 杭州市).
  let localDivision = ScalarPattern(#"^(?<name>[\p{Han}]{2,4}?(?:县|市|区|旗))"#)

  /// A place in parentheses inside a title: “国家…试验区（甲省）建设方案”.
  let parenthesizedPlace = ScalarPattern(#"\((?<name>[\p{Han}]{2,8})\)"#)

  /// A five-year plan in a title: “十四五”.
  let fiveYearPlan = ScalarPattern(#"十(?<n>[一二三四五六七八九])五"#)

  /// A five-year plan spelled out: “第十四个五年规划”.
  let ordinalFiveYearPlan = ScalarPattern(#"第十(?<n>[一二三四五六七八九])个五年"#)

  /// A line that only qualifies the title above it: “（2021—2023年）”, or a word in
  /// parentheses (“（送审稿）”, “（试行）”) that the cue lexicon lists as a qualifier or draft.
  let titleQualifier =
    ScalarPattern(#"^\((?:\d{4}\s*年?\s*(?:-|—|–|~|至|到)\s*\d{4}\s*年|(?<word>[\p{Han}]{2,6}))\)$"#)

  /// A word in parentheses ending a title: “…方案（送审稿）”.
  let trailingWord = ScalarPattern(#"\((?<word>[\p{Han}]{2,6})\)$"#)

  /// The plan a notice issues or forwards, with or without book-title marks:
  /// “关于印发《…》的通知”, “关于印发甲市…方案的通知”, “甲市委 甲市人民政府印发《…》的通知”.
  let noticeHeading = ScalarPattern(
    #"(?:(?:关于)?(?:印发|转发|颁布)|关于发布)(?<title>.{4,90}?)的通知"#)

  /// The verb of a notice that issues or forwards a plan, its title possibly on the next line:
  /// “甲省人民政府关于印发甲省…规划”.
  let noticeVerb = ScalarPattern(#"(?:关于)?(?:印发|转发|颁布)|关于发布"#)

  /// A title in book-title marks (also « » of PDF transcriptions and 「」 of Hong Kong releases):
  /// “《甲省…行动方案》”, “「甲区…蓝图」”.
  let bookTitle = ScalarPattern(#"[《«「](?<title>[^《》«»「」]{4,90})[》»」]"#)

  /// A page number glued before a line's text: “1、”, “12.”.
  let pageNumber = ScalarPattern(#"^\d{1,3}[、.]"#)

  /// Words after an issuer's name on its line: “重庆市发展和改革委员会发布”, and the letterhead
  /// of a 红头文件: “甲省人民政府文件”.
  let issuerTrailer = ScalarPattern(#"(?:(?:联合)?(?:发布|印发|制定)|文件)$"#)

  /// A date between an issuer and its verb in a news lead: “7月24日”.
  let leadDate = ScalarPattern(#"\d{1,2}月\d{1,2}日$"#)

  /// A year a title names: “2024年工作要点”.
  let titleYear = ScalarPattern(#"(?<year>\d{4})年"#)
}

/// Named patterns for `DeadlineExtractor`, matched on width-folded Simplified sentences.
/// Each has rows in `Cases/deadlines.json`.
struct DeadlinePatterns {
  /// A year range: “2023-2025年”, “2021—2023年”, “2023年至2025年”.
  let yearRange = #/(?<y1>\d{4})\s*年?\s*(?:-|—|–|~|至|到)\s*(?<y2>\d{4})\s*年/#

  /// A five-year-plan period used as a time frame: “十四五”期间, 十四五时期, “十四五”末.
  let fiveYearPlan = #/[“"]?十(?<n>[一二三四五六七八九])五[”"]?\s*(?<suffix>期间|时期|末|规划期内?)/#

  /// A calendar point, with what introduces and closes it:
  /// “到2025年”, “2023年底前”, “于2021年11月底前”, “2023年12月27日”, “在2023年前”, “二〇二五年”.
  let calendar =
    #/(?<prefix>到|至|截至|截止到|截止|在|于|力争到|力争)?(?<year>\d{4}|[〇○零一二三四五六七八九]{4}|\d{2,3})年(?:(?<month>\d{1,2})月)?(?:(?<day>\d{1,2})日)?(?<end>底|末)?(?<before>前|以前|之前)?/#

  /// A month (and day) after a listed date, taking its year from that date: “、9月30日前”.
  let partialDate = #/、(?<month>\d{1,2})月(?:(?<day>\d{1,2})日|(?<end>底|末))(?<before>前|以前|之前)?/#

  /// A time limit counted from an event: “名单公布后1个月内”, “1年内”, “30个工作日内”.
  let relative =
    #/(?:(?<anchor>[^,，。；;、：:\s]{1,12}?)(?:后|之日起|起))?(?<n>\d+|[一二两三四五六七八九十半]+)\s*个?(?<unit>工作日|月|年|周|日|天|季度)(?:内|以内)/#

  /// A recurring time frame: 每年, 每月10日前, 每季度, 每两年.
  let recurring =
    #/每(?<n>[一二两三四五六七八九十]|\d+)?个?(?<unit>年|季度|半年|月|周|日|天)(?:(?<month>\d{1,2})月)?(?:(?<day>\d{1,2})日|(?<end>底|末))?(?<before>前|以前|之前)?/#

  /// A yearly deliverable: 年度计划, 年度报告 (年度 alone is usually an adjective).
  let annualDeliverable = #/年度(?=计划|报告|预算|考核|评价|任务)/#

  /// Text right before a year that makes it a baseline, not a deadline: 较2020年, 比2020年.
  let baselineCue = #/(?:较|比|相比|相较|与|同)$/#

  /// Text right before a relative limit that makes it past, not a deadline: 近3年内.
  let pastCue = #/(?:近|最近|过去|前)$/#
}

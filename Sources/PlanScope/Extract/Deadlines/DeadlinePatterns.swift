/// Named patterns for `DeadlineExtractor`, matched on width-folded Simplified sentences.
/// Each has rows in `Cases/deadlines.json`.
struct DeadlinePatterns: Sendable {
  /// A year range: “2023-2025年”, “2021—2023年”, “2023年至2025年”.
  let yearRange =
    ScalarPattern(
      #"(?:民国)?(?<y1>\d{4}|\d{2,3})\s*年?\s*(?:-|—|–|~|至|到)\s*(?:民国)?(?<y2>\d{4}|\d{2,3})\s*年"#)

  /// A range of days: “2023年11月15日至12月15日”.
  let dateRange =
    ScalarPattern(
      #"(?<y1>\d{4})年(?<m1>\d{1,2})月(?<d1>\d{1,2})日\s*(?:-|—|–|~|至|到)\s*(?:(?<y2>\d{4})年)?(?<m2>\d{1,2})月(?<d2>\d{1,2})日"#
    )

  /// A range of months: “2021年1月至2021年12月”, “2023年3月—6月”.
  let monthRange =
    ScalarPattern(
      #"(?<y1>\d{4})年(?<m1>\d{1,2})月\s*(?:-|—|–|~|至|到)\s*(?:(?<y2>\d{4})年)?(?<m2>\d{1,2})月(?:底|末)?"#
    )

  /// A five-year-plan period used as a time frame: “十四五”期间, 十四五时期, “十四五”末.
  let fiveYearPlan = ScalarPattern(
    #"(?:到|至)?[“"]?十(?<n>[一二三四五六七八九])五[”"]?\s*(?<suffix>期间|时期|期末|末|规划期内?)"#)

  /// A five-year plan listed before another that carries the suffix:
  /// the 十四五 of “十四五”、“十五五”时期.
  let fiveYearPlanListed = ScalarPattern(
    #"[“"]?十(?<n>[一二三四五六七八九])五[”"]?(?=[、和及与至到]+[“"]?十[一二三四五六七八九]五)"#)

  /// A quoted five-year plan standing alone as a phase: “十四五”深入攻坚 (with a suffix,
  /// `fiveYearPlan` reads it).
  let quotedFiveYearPlan = ScalarPattern(#"“十(?<n>[一二三四五六七八九])五”(?!期间|时期|期末|末|规划|[、和及与至到])"#)

  /// Scalars after which a clause starts (a quoted 十四五 there is a phase, not a name's part).
  let clauseOpeners: Set<Unicode.Scalar> = ["。", ",", "，", ";", "；", ":", "：", "\n", " "]

  /// After a date, words that make it a publication date: “2026年3月5日发布”, “…印发”. (An
  /// effective date, 自2026年1月1日起施行, stays an `on` deadline.)
  let publicationAfterDate = ScalarPattern(#"^(?:发布|印发|公布|颁布|签发|成文)"#)

  /// After a bare year, the goals it dates: “2030年的减排目标”.
  let goalAfterYear = ScalarPattern(#"^的[^,，。；;]{0,6}?目标"#)

  /// After a dated limit, a participle that makes it a selection criterion:
  /// “2000年底前建成的小区”.
  let scopeAfterDate = ScalarPattern(#"^(?:建成|竣工|建设|投用|投入使用|交付|登记|注册|成立|开工|出生|入住)的"#)

  /// A calendar point, with what introduces and closes it:
  /// “到2025年”, “2023年底前”, “于2021年11月底前”, “2023年12月27日”, “在2023年前”, “二〇二五年”.
  let calendar =
    ScalarPattern(
      #"(?<prefix>到|至|截至|截止到|截止|在|于|不晚于|力争到|力争)?(?:中华民国|民国)?(?<year>\d{4}|[〇○零一二三四五六七八九]{4}|\d{2,3})年(?:(?<half>上半年|下半年|年中)|第?(?<quarter>[一二三四1234])季度)?(?:(?<month>\d{1,2}|十[一二]?|[一二三四五六七八九])月)?(?:(?<day>\d{1,2})日|(?<part>上旬|中旬|下旬))?(?<end>底|末)?(?<before>或之前|或以前|前(?!后)|以前|之前)?"#
    )

  /// A month (and day) without a year, bounded by 前: “6月底前”, “9月30日前”, “10月中旬前”;
  /// its year is the last one the plan named. (Not after a digit or 年: checked in code.)
  let bareMonth =
    ScalarPattern(
      #"(?<month>\d{1,2})月(?:(?<day>\d{1,2})日|(?<end>底|末)|(?<part>上旬|中旬|下旬))?(?<before>前|以前|之前)"#)

  /// The end of the current year: “年底前”, “今年年底前”, “年内”.
  let yearEnd = ScalarPattern(#"(?:今年|当年|本年度?)?(?:年底前|年末前|年内)"#)

  /// A year named relative to the issue date, with an optional part or month:
  /// “今年”, “明年初”, “今年6月底前”, “次年上半年”, “明年年底前”.
  let relativeYear = ScalarPattern(
    #"(?<word>今年|本年|明年|次年|来年)(?:(?<month>\d{1,2})月(?:(?<day>\d{1,2})日|(?<end>底|末))?|(?<part>年初|初|第[一二三四]季度?|[一二三四]季度|上半年|年中|下半年|年底|年末|底|末))?(?<before>前|以前|之前)?"#
  )

  /// How many years after the issue year each relative word means.
  let relativeYearOffsets: [String: Int] = ["今年": 0, "本年": 0, "明年": 1, "次年": 1, "来年": 1]

  /// The last month a part of a relative year covers (年初 taken as the first quarter).
  let relativeYearPartMonths: [String: Int] = [
    "年初": 3, "初": 3, "一季度": 3, "上半年": 6, "年中": 6, "下半年": 12, "年底": 12, "年末": 12, "底": 12,
    "末": 12, "第一季": 3, "第一季度": 3, "二季度": 6, "第二季": 6, "第二季度": 6, "三季度": 9,
    "第三季": 9, "第三季度": 9, "四季度": 12, "第四季": 12, "第四季度": 12,
  ]

  /// A month (and day) after a listed date, taking its year from that date: “、9月30日前”,
  /// “和12月15日”.
  let partialDate = ScalarPattern(
    #"[、和及](?<month>\d{1,2})月(?:(?<day>\d{1,2})日|(?<end>底|末))(?<before>前|以前|之前)?"#)

  /// Scalars between listed dates that one closing 前 bounds: “3月31日、9月30日和12月31日前”.
  let dateListSeparators: Set<Unicode.Scalar> = ["、", "和", "及"]

  /// A time limit counted from an event: “名单公布后1个月内”, “1年内”, “30个工作日内”.
  /// (`DeadlineExtractor.mayHoldLimit` relies on every match ending in a unit and 内/以内.)
  let relative =
    ScalarPattern(
      #"(?:(?<anchor>[^,，。；;、：:\s]{1,12}?)(?:后|之日起|起))?(?<n>\d+|[一二两三四五六七八九十半]+)\s*个?(?<unit>工作日|月|年|周|日|天|季度)(?:内|以内)"#
    )

  /// A recurring time frame: 每年, 每月10日前, 每季度, 每两年.
  let recurring =
    ScalarPattern(
      #"(?:每|按)(?<n>[一二两三四五六七八九十]|\d+)?个?(?<unit>年|季度|半年|月|周|日|天)(?:第?[一二三四1234]季度|上半年|下半年)?(?:(?<month>\d{1,2})月)?(?:(?<day>\d{1,2})日|(?<end>底|末))?(?<before>前|以前|之前)?"#
    )

  /// A yearly deliverable: 年度计划, 年度报告 (年度 alone is usually an adjective).
  let annualDeliverable = ScalarPattern(#"年度(?=计划|报告|预算|考核|评价|任务)"#)

  /// Text right before a year that makes it a baseline, not a deadline: 较2020年, 比2020年.
  let baselineCue = ScalarPattern(#"(?:较|比|相比|相较|与|同|以|从|由)$"#)

  /// Text right before a relative limit that makes it past, not a deadline: 近3年内.
  let pastCue = ScalarPattern(#"(?:近|最近|过去|前)$"#)
}

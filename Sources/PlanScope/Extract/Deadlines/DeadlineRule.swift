/// The named rules that make a deadline (`rule` in the dataset), one per pattern of
/// `DeadlinePatterns`. `planscope extract --explain` lists them with the facts they produced.
public enum DeadlineRule: String, Sendable, CaseIterable {
  /// `2023年11月15日至12月15日`.
  case dateRange = "deadline.date_range"
  /// `2021年1月至2021年12月`.
  case monthRange = "deadline.month_range"
  /// `2023-2025年`.
  case yearRange = "deadline.year_range"
  /// `“十四五”期间`, `到“十四五”期末`.
  case fiveYearPlan = "deadline.five_year_plan"
  /// `“十四五”、“十五五”时期` (the first), `“十四五”深入攻坚` (quoted at a clause start).
  case fiveYearPlanListed = "deadline.five_year_plan_listed"
  /// `到2025年`, `2023年底前`, `二○三○年的…目标`.
  case calendar = "deadline.calendar"
  /// `6月底前`, the year carried from the plan.
  case bareMonth = "deadline.bare_month"
  /// `年底前`, `年内`.
  case yearEnd = "deadline.year_end"
  /// `今年`, `明年初`, `今年6月底前`: counted from the issue year.
  case relativeYear = "deadline.relative_year"
  /// `、12月15日` after a dated one, its year carried from the date before it.
  case listedDate = "deadline.listed_date"
  /// `名单公布后1个月内`.
  case relative = "deadline.relative"
  /// `每年`, `每月20日前`.
  case recurring = "deadline.recurring"
  /// `、7月15日前` after `每年1月15日`: a date listed after a recurring one recurs too.
  case recurringListed = "deadline.recurring_listed"
  /// `年度计划`, `年度报告`.
  case annualDeliverable = "deadline.annual_deliverable"
}

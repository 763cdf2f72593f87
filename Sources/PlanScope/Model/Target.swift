/// A quantified target (目标指标): `农膜回收率达到85%以上`.
public struct Target: Codable, Sendable, Hashable {
  /// How the value relates to the indicator (`comparator` in the schema).
  public enum Comparator: String, Codable, Sendable, CaseIterable {
    /// 以上, 不低于, 不少于, 至少 (以上 includes the number).
    case atLeast = ">="
    /// 超过, 高于.
    case greaterThan = ">"
    /// 以下, 以内, 不超过, 控制在…以内.
    case atMost = "<="
    /// 低于, 少于.
    case lessThan = "<"
    /// 左右, 约.
    case approximately = "~"
    /// 5—10个: `value` to `valueMax`.
    case range
    /// A plain amount.
    case equal = "="
  }

  /// What kind of movement the target sets (`change` in the schema).
  public enum Change: String, Codable, Sendable, CaseIterable {
    /// 新增, 提高, 增长, 增加.
    case increase
    /// 下降, 降低, 减少, 削减.
    case decrease
    /// 稳定在, 维持在, 保持.
    case maintain
    /// 达到, 占, 为, plain amounts.
    case level
  }

  /// Id within the document by outline position (`g/二、/（一）#1`).
  public var id: String
  /// Path of the task the target sits in (empty in the preamble).
  public var path: [String]
  /// What is measured, complete: `规上工业单位增加值水耗`.
  public var indicator: String
  /// The number (Chinese numerals converted).
  public var value: Double
  /// Upper end of a range, else nil.
  public var valueMax: Double?
  /// Unit as written after the number (`%`, `万吨`, `个`).
  public var unit: String
  /// The comparator.
  public var comparator: Comparator
  /// The kind of change.
  public var change: Change
  /// The year compared against (`较2020年`), else nil.
  public var baselineYear: Int?
  /// The year the target is due, else the plan period's end; nil for recurring ones.
  public var targetYear: Int?
  /// The place a target applies to when a sentence lists several (`A、B市各完成1个`).
  public var scope: String?
  /// 力争: a stretch value.
  public var stretch: Bool
  /// The quoted text, `text[span]`.
  public var quote: String
  /// Where the quote is.
  public var span: SourceSpan
  /// The named extraction rule that produced it (`target.counted_noun`); see `TargetRule`.
  public var rule: String?
  /// The cue word that governed the number (达到, 新增), if any.
  public var cue: String? = nil

  /// Creates a target.
  public init(
    id: String, path: [String], indicator: String, value: Double, valueMax: Double? = nil,
    unit: String, comparator: Comparator, change: Change, baselineYear: Int? = nil,
    targetYear: Int? = nil, scope: String? = nil, stretch: Bool = false, quote: String,
    span: SourceSpan, rule: String? = nil
  ) {
    self.id = id
    self.path = path
    self.indicator = indicator
    self.value = value
    self.valueMax = valueMax
    self.unit = unit
    self.comparator = comparator
    self.change = change
    self.baselineYear = baselineYear
    self.targetYear = targetYear
    self.scope = scope
    self.stretch = stretch
    self.quote = quote
    self.span = span
    self.rule = rule
  }

  enum CodingKeys: String, CodingKey {
    case id, path, indicator, value, valueMax, unit, comparator, change, baselineYear,
      targetYear, scope, stretch, quote, span, rule, cue
  }

  public func encode(to encoder: any Encoder) throws { try encodeMembers(to: encoder) }
}

extension Target: JSONMembers {
  typealias MemberKey = CodingKeys

  func writeMembers(to writer: inout some JSONMemberWriter<CodingKeys>) throws {
    try writer.write(baselineYear, for: .baselineYear)
    try writer.write(change, for: .change)
    try writer.write(comparator, for: .comparator)
    try writer.write(ifPresent: cue, for: .cue)
    try writer.write(id, for: .id)
    try writer.write(indicator, for: .indicator)
    try writer.write(path, for: .path)
    try writer.write(quote, for: .quote)
    try writer.write(ifPresent: rule, for: .rule)
    try writer.write(ifPresent: scope, for: .scope)
    try writer.write(span, for: .span)
    try writer.write(stretch, for: .stretch)
    try writer.write(targetYear, for: .targetYear)
    try writer.write(unit, for: .unit)
    try writer.write(value, for: .value)
    try writer.write(valueMax, for: .valueMax)
  }
}

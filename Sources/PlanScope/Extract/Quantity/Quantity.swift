/// A number with its unit and comparator as written in running text: `85%以上`, `5—10个`,
/// `1.6万吨`, `不低于85%`, `百分之五到十`.
///
/// The number layer below `Target`: it knows nothing of indicators, change or years.
public struct Quantity: Codable, Sendable, Hashable {
  /// The text as written, comparator words included: `不低于85%`, `10个左右`.
  public var text: String
  /// Scalar offsets within the scanned text.
  public var span: SourceSpan
  /// The number before any 万/亿 kept in the unit: `1.6万吨` → 1.6; `百分之八十五` → 85.
  public var value: Double
  /// The upper end of a range (`5—10个` → 10), else nil.
  public var valueMax: Double?
  /// The unit as written after the number, 万/亿 kept (`万吨`, `%`, `个`, `亿元`), `""` if none.
  /// 百分之 gives `%`, 千分之 `‰`, 万分之 `‱`; a full-width `％` is given as `%`.
  public var unit: String
  /// How the value bounds the quantity: 以上 → `>=`, 超过 → `>`, 左右 → `~`, 5—10 → `range`.
  public var comparator: Target.Comparator

  /// Creates a quantity.
  public init(
    text: String, span: SourceSpan, value: Double, valueMax: Double? = nil, unit: String,
    comparator: Target.Comparator
  ) {
    self.text = text
    self.span = span
    self.value = value
    self.valueMax = valueMax
    self.unit = unit
    self.comparator = comparator
  }
}

/// One number read from text by `ChineseNumber.read(_:from:limit:stopsAt:)`.
///
/// For `三千五百万吨` the reading covers `三千五百万` (value 35000000); its core is `三千五百`
/// (3500) and `万` is the magnitude that the scanner keeps in the unit (`万吨`).
struct NumeralReading: Sendable, Hashable {
  /// How the number is written.
  enum Script: Sendable, Hashable {
    /// Arabic digits, possibly with 千/万/亿 (`1,200.5`, `3千`, `1.6万`).
    case arabic
    /// Chinese numerals with units (`一百二十三`, `两百`, `十四点五`).
    case chinese
    /// Chinese digits read one by one, as in years (`二〇二五`).
    case digitSequence
  }

  /// Offset of the first scalar.
  var start: Int
  /// Offset after the last scalar read (magnitude included).
  var end: Int
  /// The full value, magnitudes multiplied out (`三千五百万` → 35000000).
  var value: Double
  /// Where a trailing magnitude (万, 亿, 万亿) starts; `end` when there is none.
  var coreEnd: Int
  /// The value before the trailing magnitude (`三千五百万` → 3500).
  var coreValue: Double
  /// How the number is written.
  var script: Script
  /// Number of Arabic digits before any decimal point, 0 for Chinese numbers.
  var integerDigits: Int
  /// Whether the number is an Arabic integer with a leading zero (`0771`).
  var hasLeadingZero: Bool
  /// Whether the number had a decimal part.
  var hasFraction: Bool
  /// Whether 多/余/几 stood before a magnitude (`十余万`, `500多亿`).
  var more: Bool
}

/// A target's value in forms a pivot table can add up: signed by its direction and in base
/// units.
extension Target {
  /// The value with the target's direction as its sign: negative for a `decrease` (下降4.62万吨
  /// gives −4.62), else the value as written (a 减排量 of 1.6万吨 is an amount, not a change).
  public var signedValue: Double { change == .decrease ? -value : value }

  /// `signedValue` and the unit with a magnitude prefix taken out: 1.6 万吨 is 16000 吨, a
  /// decrease of 3 亿元 is −300000000 元, 5 万 (no unit after it) is 50000 with an empty unit.
  /// Other units, including `%` and `百分点` (a difference of percentages, kept apart from
  /// `%`), are as written.
  public var normalized: (value: Double, unit: String) {
    for (prefix, factor) in Self.magnitudes where unit.hasPrefix(prefix) {
      return (signedValue * factor, String(unit.dropFirst(prefix.count)))
    }
    return (signedValue, unit)
  }

  /// Magnitude prefixes, longest first. 千 and 百 alone are not among them: 千米, 千瓦 and 千克
  /// are units of their own.
  private static let magnitudes: [(String, Double)] = [
    ("万亿", 1e12), ("千万", 1e7), ("百万", 1e6), ("十万", 1e5), ("万", 1e4), ("亿", 1e8),
  ]
}

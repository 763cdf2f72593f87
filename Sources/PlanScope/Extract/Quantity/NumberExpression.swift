import Foundation

/// A whole number expression for `ChineseNumber.value(of:)`: an optional sign (负, `-`), a
/// number, and optionally a fraction (`三分之一`, `3又一千分之23`, `3/5`, `1 3/5`), an exponent
/// (`2e5`, `2^5`), a metric suffix (`40k`), 半 (`半百`) or 多/余/几 (`十余万`).
struct NumberExpression {
  private let words: [[Unicode.Scalar]]
  private let scalars: [Unicode.Scalar]

  init(_ text: String) {
    words = text.split(whereSeparator: \.isWhitespace).map { Array($0.unicodeScalars) }
    scalars = words.flatMap { $0 }
  }

  func value() -> Double? {
    // “1 3/5”, “4 6/3”: a whole number, a space, then a slash fraction.
    if words.count == 2, let whole = Self.plain(words[0]), let part = Self.slash(words[1]) {
      return whole < 0 ? whole - part : whole + part
    }
    if let slash = Self.slash(scalars) { return slash }
    return Self.mixed(scalars[...])
  }

  /// `a/b` with Arabic or full-width digits.
  private static func slash(_ scalars: [Unicode.Scalar]) -> Double? {
    guard let bar = scalars.firstIndex(where: { $0 == "/" || $0 == "／" }),
      let numerator = plain(Array(scalars[..<bar])),
      let denominator = plain(Array(scalars[(bar + 1)...])), denominator != 0
    else { return nil }
    return numerator / denominator
  }

  /// `一又二分之一`, `三分之一`, or a plain number.
  private static func mixed(_ scalars: ArraySlice<Unicode.Scalar>) -> Double? {
    let (sign, body) = signed(scalars)
    if let and = body.firstIndex(of: "又") {
      guard let whole = plain(Array(body[..<and])),
        let part = fraction(body[(and + 1)...])
      else { return nil }
      return sign * (whole + part)
    }
    if let part = fraction(body) { return sign * part }
    return plain(Array(scalars))
  }

  /// `三分之一`, `负3分之负一百五十七`: denominator before 分之, numerator after.
  private static func fraction(_ scalars: ArraySlice<Unicode.Scalar>) -> Double? {
    let body = Array(scalars)
    guard
      let mark = (0..<max(0, body.count - 1)).first(where: {
        body[$0] == "分" && body[$0 + 1] == "之"
      }), mark > 0
    else { return nil }
    guard let denominator = plain(Array(body[..<mark])), denominator != 0 else { return nil }
    guard let numerator = plain(Array(body[(mark + 2)...])) else { return nil }
    return numerator / denominator
  }

  /// 负/負/`-`/`－` signs in front; two minus signs cancel.
  private static func signed(
    _ scalars: ArraySlice<Unicode.Scalar>
  ) -> (Double, ArraySlice<Unicode.Scalar>) {
    var sign = 1.0
    var body = scalars
    while let first = body.first, first == "负" || first == "負" || first == "-" || first == "－" {
      sign = -sign
      body = body.dropFirst()
    }
    return (sign, body)
  }

  /// One signed number with an optional exponent or metric suffix.
  private static func plain(_ scalars: [Unicode.Scalar]) -> Double? {
    let (sign, unsigned) = signed(scalars[...])
    var body = Array(unsigned)
    // `.5` and `-.5`: a bare decimal point in front.
    if let first = body.first, NumeralTable.isArabicDecimalPoint(first) { body.insert("0", at: 0) }
    if let half = halfUnit(body) { return sign * half }
    guard !body.isEmpty, let reading = ChineseNumber.read(body, from: 0) else { return nil }
    var value = reading.value
    var rest = body[reading.end...]
    if let factor = rest.first.flatMap(metricFactor) {
      value *= factor
      rest = rest.dropFirst()
    }
    if let first = rest.first, first == "e" || first == "E" || first == "^" {
      let (exponentSign, digits) = signed(rest.dropFirst().drop(while: { $0 == "+" }))
      guard let exponent = ChineseNumber.read(Array(digits), from: 0),
        exponent.end == digits.count
      else { return nil }
      let power = exponentSign * exponent.value
      value = first == "^" ? pow(value, power) : value * pow(10, power)
      rest = rest[rest.endIndex...]
    }
    guard rest.isEmpty else { return nil }
    return sign * value
  }

  /// 半百 (50), 半千: half of a unit.
  private static func halfUnit(_ body: [Unicode.Scalar]) -> Double? {
    guard body.count == 2, body[0] == "半", let unit = NumeralTable.smallUnit(body[1]) else {
      return nil
    }
    return unit / 2
  }

  /// `k`/`K` (10³), `M` (10⁶), `G` (10⁹) after Arabic digits.
  private static func metricFactor(_ scalar: Unicode.Scalar) -> Double? {
    switch scalar {
    case "k", "K", "ｋ", "Ｋ": 1e3
    case "m", "M", "Ｍ": 1e6
    case "G": 1e9
    default: nil
    }
  }
}

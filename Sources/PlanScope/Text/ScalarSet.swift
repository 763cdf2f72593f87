/// The scalars one step of a `ScalarPattern` accepts: `年`, `[^》]`, `\d`, `[\p{Han}A-Za-z]`, `.`.
///
/// Ranges are kept sorted and merged so a lookup stops at the first range above the scalar;
/// `\d` and `\s` are Unicode properties (numeric, white space) with ASCII fast paths.
struct ScalarSet: Sendable, Hashable {
  /// Accepted scalar values, sorted and merged.
  private(set) var ranges: [ClosedRange<UInt32>] = []
  /// Whether numeric characters (`\d`) are accepted.
  var digits = false
  /// Whether Unicode white space (`\s`) is accepted.
  var spaces = false
  /// Whether the set is the complement of the above (`[^…]`).
  var negated = false

  /// An empty set.
  init() {}

  /// A set of the given ranges.
  init(ranges: [ClosedRange<UInt32>], negated: Bool = false) {
    for range in ranges { insert(range) }
    self.negated = negated
  }

  /// Adds a range of scalar values.
  mutating func insert(_ range: ClosedRange<UInt32>) {
    var merged = range
    var kept: [ClosedRange<UInt32>] = []
    for existing in ranges {
      if existing.upperBound + 1 < merged.lowerBound || merged.upperBound + 1 < existing.lowerBound {
        kept.append(existing)
      } else {
        merged =
          min(existing.lowerBound, merged.lowerBound)...max(existing.upperBound, merged.upperBound)
      }
    }
    kept.append(merged)
    ranges = kept.sorted { $0.lowerBound < $1.lowerBound }
  }

  /// Adds every scalar and property of `other` (both must be non-negated).
  mutating func formUnion(_ other: ScalarSet) {
    for range in other.ranges { insert(range) }
    digits = digits || other.digits
    spaces = spaces || other.spaces
  }

  /// Whether the set accepts `value`.
  @inline(__always)
  func contains(_ value: UInt32) -> Bool {
    var found = false
    for range in ranges {
      if value < range.lowerBound { break }
      if value <= range.upperBound {
        found = true
        break
      }
    }
    if !found, digits { found = Self.isDigit(value) }
    if !found, spaces { found = Self.isSpace(value) }
    return found != negated
  }

  /// `\d` as Swift `Regex` reads it: any numeric character, so 0-9, ０-９, but also 二, 〇, 万
  /// and ½ (Numeric_Type is set). Patterns that want ASCII digits check the captured text.
  @inline(__always)
  static func isDigit(_ value: UInt32) -> Bool {
    if value >= 0x30, value <= 0x39 { return true }
    if value < 0x80 { return false }
    if value < 0x10000 { return bmpDigits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 }
    return Unicode.Scalar(value)?.properties.numericType != nil
  }

  /// Chinese characters and full-width forms: no space is kept between two of them when lines
  /// are joined or HTML whitespace collapses.
  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    (0x2E80...0x9FFF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
      || (0xFF00...0xFFEF).contains(scalar.value) || (0x20000...0x3FFFF).contains(scalar.value)
  }

  /// `\s`: Unicode white space (space, tab, line breaks, ideographic space, …).
  @inline(__always)
  static func isSpace(_ value: UInt32) -> Bool {
    if value == 0x20 || (value >= 0x09 && value <= 0x0D) { return true }
    if value < 0x80 { return false }
    if value < 0x10000 { return bmpSpaces[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 }
    return Unicode.Scalar(value)?.properties.isWhitespace ?? false
  }

  /// The numeric and the white-space scalars of the BMP as bitmaps, read from the Unicode
  /// properties once per process (a property lookup per scalar was a tenth of deadline search).
  private static let bmpDigits = bmpBitmap { $0.numericType != nil }
  private static let bmpSpaces = bmpBitmap { $0.isWhitespace }

  private static func bmpBitmap(_ test: (Unicode.Scalar.Properties) -> Bool) -> [UInt64] {
    var bits = [UInt64](repeating: 0, count: 1024)
    for value in 0..<UInt32(0x10000) {
      if let scalar = Unicode.Scalar(value), test(scalar.properties) {
        bits[Int(value >> 6)] |= 1 << UInt64(value & 63)
      }
    }
    return bits
  }

  /// `.`: anything but a line break.
  static let notNewline = ScalarSet(
    ranges: [0x0A...0x0D, 0x85...0x85, 0x2028...0x2029], negated: true)

  /// `\p{Han}` as Swift `Regex` reads it: Script_Extensions includes Han, so the ideographs,
  /// radicals, 〇 and 々, and also the punctuation Chinese shares with its neighbours (、。《》
  /// 【】「」·). Generated from Swift 6.3's own `Regex` over every scalar.
  static let han = ScalarSet(ranges: [
    0xB7...0xB7, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x2FFF,
    0x3001...0x3003, 0x3005...0x3011, 0x3013...0x301F, 0x3021...0x302D, 0x3030...0x3030,
    0x3037...0x303F, 0x30FB...0x30FB, 0x3190...0x319F, 0x31C0...0x31E5, 0x31EF...0x31EF,
    0x3220...0x3247, 0x3280...0x32B0, 0x32C0...0x32CB, 0x32FF...0x32FF, 0x3358...0x3370,
    0x337B...0x337F, 0x33E0...0x33FE, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA700...0xA707,
    0xF900...0xFA6D, 0xFA70...0xFAD9, 0xFE45...0xFE46, 0xFF61...0xFF65, 0x16FE2...0x16FE3,
    0x16FF0...0x16FF1, 0x1D360...0x1D371, 0x1F250...0x1F251, 0x20000...0x2A6DF,
    0x2A700...0x2B739, 0x2B740...0x2B81D, 0x2B820...0x2CEA1, 0x2CEB0...0x2EBE0,
    0x2EBF0...0x2EE5D, 0x2F800...0x2FA1D, 0x30000...0x3134A, 0x31350...0x323AF,
  ])
}

/// Text held as an array of Unicode scalars, so spans index it in O(1).
///
/// All offsets in planscope are scalar offsets (the dataset contract counts
/// Unicode scalars, not UTF-16 units or grapheme clusters).
public struct ScalarText: Sendable, Hashable {
  /// The scalars of the text.
  public var scalars: [Unicode.Scalar]

  /// Wraps scalars.
  public init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

  /// Splits a string into scalars.
  public init(_ string: String) { self.scalars = Self.scalars(of: string) }

  /// The scalars of a string, decoded from its UTF-8 in one pass (a `String` is valid UTF-8,
  /// so no checks are needed; `Array(string.unicodeScalars)` is several times slower).
  public static func scalars(of string: String) -> [Unicode.Scalar] {
    var string = string
    return string.withUTF8 { bytes in
      var result: [Unicode.Scalar] = []
      result.reserveCapacity(bytes.count)
      var index = 0
      let count = bytes.count
      while index < count {
        let lead = UInt32(bytes[index])
        var value: UInt32
        switch lead {
        case 0..<0x80:
          value = lead
          index += 1
        case 0xC0..<0xE0:
          value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
          index += 2
        case 0xE0..<0xF0:
          value =
            (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
            | UInt32(bytes[index + 2] & 0x3F)
          index += 3
        default:
          value =
            (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
          index += 4
        }
        result.append(Unicode.Scalar(value) ?? "\u{FFFD}")
      }
      return result
    }
  }

  /// Number of scalars.
  public var count: Int { scalars.count }

  /// The whole text as a `String`.
  public var string: String { Self.string(scalars[...]) }

  /// The text covered by `span`, clamped to the text.
  public subscript(span: SourceSpan) -> String {
    let lower = min(max(0, span.start), scalars.count)
    let upper = min(max(lower, span.end), scalars.count)
    return Self.string(scalars[lower..<upper])
  }

  /// Builds a `String` from a run of scalars.
  public static func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
    var length = 0
    for scalar in slice { length += UTF8.width(scalar) }
    // Encoded straight into the string's storage (appending scalar by scalar to a
    // `UnicodeScalarView` was a tenth of a run).
    return String(unsafeUninitializedCapacity: length) { buffer in
      var index = 0
      for scalar in slice {
        let value = scalar.value
        switch value {
        case 0..<0x80:
          buffer[index] = UInt8(value)
          index += 1
        case 0x80..<0x800:
          buffer[index] = UInt8(0xC0 | value >> 6)
          buffer[index + 1] = UInt8(0x80 | value & 0x3F)
          index += 2
        case 0x800..<0x10000:
          buffer[index] = UInt8(0xE0 | value >> 12)
          buffer[index + 1] = UInt8(0x80 | (value >> 6) & 0x3F)
          buffer[index + 2] = UInt8(0x80 | value & 0x3F)
          index += 3
        default:
          buffer[index] = UInt8(0xF0 | value >> 18)
          buffer[index + 1] = UInt8(0x80 | (value >> 12) & 0x3F)
          buffer[index + 2] = UInt8(0x80 | (value >> 6) & 0x3F)
          buffer[index + 3] = UInt8(0x80 | value & 0x3F)
          index += 4
        }
      }
      return index
    }
  }
}

extension StringProtocol {
  /// Whether `word` occurs in the text, compared scalar by scalar (on UTF-8, which cannot
  /// match across scalar boundaries). Foundation's `contains(_:)` goes through `NSString`
  /// with canonical-equivalence folding and was a twentieth of an extraction.
  func includes(_ word: String) -> Bool {
    let text = utf8
    let needle = word.utf8
    guard let first = needle.first else { return true }
    var start = text.startIndex
    while let found = text[start...].firstIndex(of: first) {
      if text[found...].starts(with: needle) { return true }
      start = text.index(after: found)
    }
    return false
  }
}

extension Array where Element == Unicode.Scalar {
  /// Whether `word` occurs in the scalars.
  func includes(_ word: [Unicode.Scalar]) -> Bool {
    guard let first = word.first else { return true }
    guard count >= word.count else { return false }
    for start in 0...(count - word.count) where self[start] == first {
      if self[start..<(start + word.count)].elementsEqual(word) { return true }
    }
    return false
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A text encoding planscope can detect and decode (`source.encoding`).
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
  case utf8 = "utf-8"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  case gb18030
  case big5

  /// The name iconv knows it by.
  var iconvName: String {
    switch self {
    case .utf8: "UTF-8"
    case .utf16LE: "UTF-16LE"
    case .utf16BE: "UTF-16BE"
    case .gb18030: "GB18030"
    case .big5: "BIG5"
    }
  }
}

/// Text decoded from bytes, with the encoding chosen and how many byte sequences were invalid.
public struct DecodedText: Sendable, Hashable {
  /// The decoded text (BOM removed, line ends untouched).
  public var text: String
  /// The encoding used.
  public var encoding: TextEncoding
  /// Number of ill-formed byte sequences replaced by U+FFFD.
  public var replacements: Int
}

/// Detects the encoding of a plain-text plan and decodes it.
///
/// Order: a BOM (UTF-8, UTF-16LE/BE); valid UTF-8; UTF-8 that is mostly valid (a few bad
/// bytes become U+FFFD, never a re-decode as GB18030); otherwise GB18030 or Big5, whichever
/// decodes cleanly and yields more common Chinese characters (GB2312 level 1 and Big5's
/// frequent-character block, read from iconv itself). Does not reject binary content;
/// `TextReader` does that first.
public struct TextEncodingDetector: Sendable {
  private let commonCharacters: Set<UInt32>

  /// Builds the common-character set from iconv's GB2312 and Big5 tables.
  public init() {
    var common = Set<UInt32>()
    // GB2312 level 1 (3755 most frequent Simplified characters): rows B0–D7, cells A1–FE.
    var gb: [UInt8] = []
    for lead in UInt8(0xB0)...0xD7 {
      for trail in UInt8(0xA1)...0xFE where !(lead == 0xD7 && trail > 0xF9) {
        gb.append(lead)
        gb.append(trail)
      }
    }
    // Big5 frequent characters (5401 Traditional): A440–C67E.
    var big5: [UInt8] = []
    for lead in UInt8(0xA4)...0xC6 {
      let trails = Array(UInt8(0x40)...0x7E) + Array(UInt8(0xA1)...0xFE)
      for trail in trails where !(lead == 0xC6 && trail > 0x7E) {
        big5.append(lead)
        big5.append(trail)
      }
    }
    for (bytes, name) in [(gb, "GB2312"), (big5, "BIG5")] {
      let decoded = Self.iconvDecode(bytes, from: name)
      for scalar in decoded.text.unicodeScalars where scalar.value >= 0x3400 {
        common.insert(scalar.value)
      }
    }
    self.commonCharacters = common
  }

  /// Decodes `bytes`, choosing the encoding as described on the type.
  public func decode(_ bytes: [UInt8]) -> DecodedText {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return decodeUTF8(Array(bytes.dropFirst(3)))
    }
    if bytes.starts(with: [0xFF, 0xFE]) {
      return decodeUTF16(Array(bytes.dropFirst(2)), littleEndian: true)
    }
    if bytes.starts(with: [0xFE, 0xFF]) {
      return decodeUTF16(Array(bytes.dropFirst(2)), littleEndian: false)
    }
    // Well-formed UTF-8 (most plans) is validated in one fast pass and needs no survey.
    if let text = String(validating: bytes, as: UTF8.self) {
      return DecodedText(text: text, encoding: .utf8, replacements: 0)
    }
    let survey = UTF8Survey(bytes)
    if survey.invalidSequences == 0 || survey.validMultibyte > survey.invalidSequences {
      // Damaged UTF-8: Swift replaces each maximal ill-formed subpart by one U+FFFD.
      return DecodedText(
        text: String(decoding: bytes, as: UTF8.self), encoding: .utf8,
        replacements: survey.invalidSequences)
    }
    let gb = Self.iconvDecode(bytes, from: TextEncoding.gb18030.iconvName)
    let big5 = Self.iconvDecode(bytes, from: TextEncoding.big5.iconvName)
    let gbResult = DecodedText(text: gb.text, encoding: .gb18030, replacements: gb.replacements)
    let big5Result = DecodedText(
      text: big5.text, encoding: .big5, replacements: big5.replacements)
    if gb.replacements != big5.replacements {
      return gb.replacements < big5.replacements ? gbResult : big5Result
    }
    return plausibility(of: big5.text) > plausibility(of: gb.text) ? big5Result : gbResult
  }

  /// How many decoded characters are common Chinese characters.
  func plausibility(of text: String) -> Int {
    var score = 0
    for scalar in text.unicodeScalars where commonCharacters.contains(scalar.value) {
      score += 1
    }
    return score
  }

  private func decodeUTF8(_ bytes: [UInt8]) -> DecodedText {
    if let text = String(validating: bytes, as: UTF8.self) {
      return DecodedText(text: text, encoding: .utf8, replacements: 0)
    }
    let survey = UTF8Survey(bytes)
    // Swift replaces each maximal ill-formed subpart by one U+FFFD.
    let text = String(decoding: bytes, as: UTF8.self)
    return DecodedText(text: text, encoding: .utf8, replacements: survey.invalidSequences)
  }

  private func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool) -> DecodedText {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = 0
    while index + 1 < bytes.count {
      let (low, high) =
        littleEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
      units.append(UInt16(high) << 8 | UInt16(low))
      index += 2
    }
    var replacements = bytes.count % 2
    var scalars = String.UnicodeScalarView()
    var iterator = units.makeIterator()
    var parser = UTF16()
    decoding: while true {
      switch parser.decode(&iterator) {
      case .scalarValue(let scalar): scalars.append(scalar)
      case .emptyInput: break decoding
      case .error:
        replacements += 1
        scalars.append("\u{FFFD}")
      }
    }
    if bytes.count % 2 == 1 { scalars.append("\u{FFFD}") }
    return DecodedText(
      text: String(scalars), encoding: littleEndian ? .utf16LE : .utf16BE,
      replacements: replacements)
  }

  /// Decodes with iconv; each byte iconv rejects becomes U+FFFD and is counted.
  static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> (
    text: String, replacements: Int
  ) {
    let converter = iconv_open("UTF-32LE", encoding)
    if converter == iconv_t(bitPattern: -1) { return ("", bytes.count) }
    defer { iconv_close(converter) }
    var output = [UInt32]()
    output.reserveCapacity(bytes.count)
    var replacements = 0
    var chunk = [UInt32](repeating: 0, count: 4096)
    var input = bytes
    input.withUnsafeMutableBufferPointer { inBuffer in
      guard let inBase = inBuffer.baseAddress else { return }
      var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
        .assumingMemoryBound(to: CChar.self)
      var inLeft = inBuffer.count
      chunk.withUnsafeMutableBufferPointer { outBuffer in
        guard let outBase = outBuffer.baseAddress else { return }
        while inLeft > 0 {
          var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
            .assumingMemoryBound(to: CChar.self)
          var outLeft = outBuffer.count * 4
          let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
          let produced = (outBuffer.count * 4 - outLeft) / 4
          output.append(contentsOf: outBuffer[0..<produced])
          if result == -1 {
            let error = errno
            if error == E2BIG { continue }
            // EILSEQ or EINVAL (truncated at the end): replace one byte and go on.
            replacements += 1
            output.append(0xFFFD)
            inPointer = inPointer.map { $0 + 1 }
            inLeft -= 1
            _ = iconv(converter, nil, nil, nil, nil)
          }
        }
      }
    }
    var scalars = String.UnicodeScalarView()
    for value in output { scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}") }
    return (String(scalars), replacements)
  }
}

/// Counts well-formed multi-byte and ill-formed sequences in UTF-8 bytes.
struct UTF8Survey {
  /// Well-formed sequences of two or more bytes.
  var validMultibyte = 0
  /// Maximal ill-formed subparts.
  var invalidSequences = 0

  init(_ bytes: [UInt8]) {
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): if encoded.count > 1 { validMultibyte += 1 }
      case .error: invalidSequences += 1
      case .emptyInput: return
      }
    }
  }
}

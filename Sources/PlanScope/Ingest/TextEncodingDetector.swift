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
  case utf32LE = "utf-32le"
  case utf32BE = "utf-32be"
  case gb18030
  case big5
  /// Big5 with the Hong Kong Supplementary Character Set (嘅 `9D EF`, 㗎, 噉 …).
  case big5HKSCS = "big5-hkscs"

  /// The name iconv knows it by.
  var iconvName: String {
    switch self {
    case .utf8: "UTF-8"
    case .utf16LE: "UTF-16LE"
    case .utf16BE: "UTF-16BE"
    case .utf32LE: "UTF-32LE"
    case .utf32BE: "UTF-32BE"
    case .gb18030: "GB18030"
    case .big5: "BIG5"
    case .big5HKSCS: "BIG5-HKSCS"
    }
  }

  /// The fewest UTF-8 bytes one input byte can become in this encoding (UTF-16: 2 bytes →
  /// at least 1; GB18030 and Big5: 2 bytes → 3, ASCII 1 → 1), so the text limit can be
  /// checked before decoding: `input bytes ÷ this ≤ text bytes`.
  public var inputBytesPerTextByte: Int {
    switch self {
    case .utf8, .gb18030, .big5, .big5HKSCS: 1
    case .utf16LE, .utf16BE: 2
    case .utf32LE, .utf32BE: 4
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
  /// Set when a legacy encoding was chosen over another that read the bytes almost as well
  /// (the runner-up), so the text may be mojibake.
  public var runnerUp: TextEncoding? = nil
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

  /// The encoding a byte-order mark names, and the mark's length: UTF-32 is checked before
  /// UTF-16 (`FF FE 00 00` starts with UTF-16LE's mark).
  public static func byteOrderMark(of bytes: [UInt8]) -> (encoding: TextEncoding, length: Int)? {
    if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (.utf32LE, 4) }
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (.utf32BE, 4) }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
    if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
    if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
    return nil
  }

  /// UTF-16 without a byte-order mark, told by its zero bytes and checked by decoding: text
  /// with ASCII (digits, line breaks) in UTF-16LE has zeros at odd offsets only, UTF-16BE at
  /// even offsets only, and decodes to text (no control characters, mostly common Chinese
  /// characters, ASCII and punctuation). Binary bytes with a few zeros are neither.
  public func unmarkedUTF16(_ bytes: [UInt8]) -> TextEncoding? {
    guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
    var evenZeros = 0
    var oddZeros = 0
    for (index, byte) in bytes.enumerated() where byte == 0 {
      if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
    }
    let candidate: TextEncoding
    if oddZeros > 0 && evenZeros == 0 {
      candidate = .utf16LE
    } else if evenZeros > 0 && oddZeros == 0 {
      candidate = .utf16BE
    } else {
      return nil
    }
    let decoded = decode(bytes, as: candidate)
    return decoded.replacements == 0 && looksLikeText(decoded.text) ? candidate : nil
  }

  /// Whether decoded text reads as text: no control characters but tab and line breaks, and
  /// at least 70 % common Chinese characters, ASCII, spaces and CJK punctuation.
  func looksLikeText(_ text: String) -> Bool {
    var total = 0
    var plain = 0
    for scalar in text.unicodeScalars {
      total += 1
      let value = scalar.value
      if value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t" { return false }
      if (0x7F...0x9F).contains(value) { return false }
      if value < 0x7F || (0x3000...0x303F).contains(value) || (0xFF00...0xFFEF).contains(value)
        || commonCharacters.contains(value)
      {
        plain += 1
      }
    }
    return total > 0 && plain * 10 >= total * 7
  }

  /// Decodes `bytes`, choosing the encoding as described on the type.
  public func decode(_ bytes: [UInt8]) -> DecodedText {
    if let (encoding, length) = Self.byteOrderMark(of: bytes) {
      return decode(Array(bytes.dropFirst(length)), as: encoding)
    }
    if bytes.contains(0), let encoding = unmarkedUTF16(bytes) { return decode(bytes, as: encoding) }
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
    // Big5 is read as Big5-HKSCS, its superset: one Hong Kong character (嘅) must not turn a
    // whole Big5 plan into GB18030 mojibake (GB18030 accepts almost any byte pair).
    let gb = Self.iconvDecode(bytes, from: TextEncoding.gb18030.iconvName)
    let big5 = Self.iconvDecode(bytes, from: TextEncoding.big5HKSCS.iconvName)
    let gbScore = plausibility(of: gb.text) - Self.replacementCost * gb.replacements
    let big5Score = plausibility(of: big5.text) - Self.replacementCost * big5.replacements
    let big5Wins = big5Score > gbScore
    let (winner, loser) = big5Wins ? (big5Score, gbScore) : (gbScore, big5Score)
    // A close second means the bytes read almost as well both ways: say so.
    let close = winner > 0 && loser * 10 >= winner * 8
    if big5Wins {
      let plain = Self.iconvDecode(bytes, from: TextEncoding.big5.iconvName)
      let encoding: TextEncoding = plain.replacements > big5.replacements ? .big5HKSCS : .big5
      return DecodedText(
        text: big5.text, encoding: encoding, replacements: big5.replacements,
        runnerUp: close ? .gb18030 : nil)
    }
    return DecodedText(
      text: gb.text, encoding: .gb18030, replacements: gb.replacements,
      runnerUp: close ? .big5 : nil)
  }

  /// What one undecodable byte costs a candidate encoding, in common characters.
  static let replacementCost = 8

  /// Decodes `bytes` (without a byte-order mark) in a known encoding.
  public func decode(_ bytes: [UInt8], as encoding: TextEncoding) -> DecodedText {
    switch encoding {
    case .utf8: return decodeUTF8(bytes)
    case .utf16LE, .utf16BE: return decodeUTF16(bytes, littleEndian: encoding == .utf16LE)
    case .utf32LE, .utf32BE, .gb18030, .big5, .big5HKSCS:
      let decoded = Self.iconvDecode(bytes, from: encoding.iconvName)
      return DecodedText(text: decoded.text, encoding: encoding, replacements: decoded.replacements)
    }
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

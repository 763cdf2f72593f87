/// Reads a plain-text plan in any common encoding (UTF-8/16, GB18030/GBK, Big5).
///
/// Takes the file's bytes, returns its text with LF line ends and the detected encoding.
/// Does not clean converter debris or convert scripts (that is `Normalizer`'s job).
public struct TextReader: DocumentReader {
  private let detector: TextEncodingDetector
  private let maxTextBytes: Int

  /// Creates a reader (builds the encoding detector's character tables once); a file whose
  /// text must exceed `maxTextBytes` of UTF-8 is refused before it is decoded.
  public init(
    detector: TextEncodingDetector = TextEncodingDetector(),
    maxTextBytes: Int = IngestLimits().maxTextBytes
  ) {
    self.detector = detector
    self.maxTextBytes = maxTextBytes
  }

  /// Decodes one text file.
  /// - Throws: `IngestError.binaryContent` when the bytes hold NULs and are neither UTF-16
  ///   nor UTF-32; `.textTooLarge` when even the most compact decoding of the bytes would be
  ///   over the text limit (checked before decoding, which needs several times the text).
  public func read(_ input: DocumentInput) throws -> SourceDocument {
    let bytes = input.bytes
    let marked = TextEncodingDetector.byteOrderMark(of: bytes)
    let wide = marked.map { $0.encoding.inputBytesPerTextByte > 1 } ?? false
    let unmarkedUTF16 = marked == nil && bytes.contains(0) ? detector.unmarkedUTF16(bytes) : nil
    if !wide && unmarkedUTF16 == nil && bytes.contains(0) {
      throw IngestError.binaryContent(path: input.path)
    }
    let perTextByte = (marked?.encoding ?? unmarkedUTF16 ?? .utf8).inputBytesPerTextByte
    let minimumText = (bytes.count - (marked?.length ?? 0)) / perTextByte
    if minimumText > maxTextBytes {
      throw IngestError.textTooLarge(path: input.path, size: minimumText, limit: maxTextBytes)
    }
    var decoded = detector.decode(bytes)
    var diagnostics: [Diagnostic] = []
    let cleaned = Self.removeInvisibles(decoded.text)
    decoded.text = cleaned.text
    if cleaned.nuls > 0 {
      diagnostics.append(
        Diagnostic(
          code: .undecodableBytes,
          message:
            "\(cleaned.nuls) NUL character(s) removed (decoded as \(decoded.encoding.rawValue))"
        ))
    }
    if let runnerUp = decoded.runnerUp {
      diagnostics.append(
        Diagnostic(
          code: .encodingUncertain,
          message:
            "encoding guessed as \(decoded.encoding.rawValue); \(runnerUp.rawValue) reads the bytes almost as well: check the text, or save the file as UTF-8"
        ))
    }
    if decoded.replacements > 0 {
      diagnostics.append(
        Diagnostic(
          code: .undecodableBytes,
          message:
            "\(decoded.replacements) byte sequence(s) invalid in \(decoded.encoding.rawValue) replaced by U+FFFD"
        ))
    }
    let source = SourceInfo(
      path: input.path, sha256: "", format: .text, encoding: decoded.encoding.rawValue)
    return SourceDocument(
      source: source, text: Self.unifyLineEnds(decoded.text), diagnostics: diagnostics)
  }

  /// The text without NULs and without byte-order marks inside it (a second BOM from
  /// concatenated files is U+FEFF, an invisible "zero-width no-break space").
  static func removeInvisibles(_ text: String) -> (text: String, nuls: Int) {
    guard text.unicodeScalars.contains(where: { $0 == "\u{0}" || $0 == "\u{FEFF}" }) else {
      return (text, 0)
    }
    var out = String.UnicodeScalarView()
    var nuls = 0
    for scalar in text.unicodeScalars {
      if scalar == "\u{0}" {
        nuls += 1
      } else if scalar != "\u{FEFF}" {
        out.append(scalar)
      }
    }
    return (String(out), nuls)
  }

  /// CRLF and lone CR become LF.
  static func unifyLineEnds(_ text: String) -> String {
    guard text.unicodeScalars.contains("\r") else { return text }
    var out = String.UnicodeScalarView()
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      if scalar == "\r" {
        out.append("\n")
        previousWasCR = true
        continue
      }
      if scalar == "\n" && previousWasCR {
        previousWasCR = false
        continue
      }
      previousWasCR = false
      out.append(scalar)
    }
    return String(out)
  }
}

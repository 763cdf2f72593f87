/// Reads a plain-text plan in any common encoding (UTF-8/16, GB18030/GBK, Big5).
///
/// Takes the file's bytes, returns its text with LF line ends and the detected encoding.
/// Does not clean converter debris or convert scripts (that is `Normalizer`'s job).
public struct TextReader: DocumentReader {
  private let detector: TextEncodingDetector

  /// Creates a reader (builds the encoding detector's character tables once).
  public init(detector: TextEncodingDetector = TextEncodingDetector()) {
    self.detector = detector
  }

  /// Decodes one text file.
  /// - Throws: `IngestError.binaryContent` when the bytes hold NULs and no UTF-16 BOM.
  public func read(_ input: DocumentInput) throws -> SourceDocument {
    let bytes = input.bytes
    let utf16BOM = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    if !utf16BOM && bytes.contains(0) {
      throw IngestError.binaryContent(path: input.path)
    }
    let decoded = detector.decode(bytes)
    var diagnostics: [Diagnostic] = []
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

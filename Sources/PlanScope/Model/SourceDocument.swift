/// The input format of a document, as recorded in `source.format`.
public enum SourceFormat: String, Codable, Sendable {
  /// Plain text in any common encoding.
  case text
  /// Office Open XML word-processing document.
  case docx
  /// An HTML page (the article, without the portal around it).
  case html
  /// A PDF with a text layer.
  case pdf
  /// Word 97–2003, converted to DOCX by LibreOffice.
  case doc
  /// WPS Writer, converted to DOCX by LibreOffice.
  case wps
  /// Rich Text Format, converted to DOCX by LibreOffice.
  case rtf
}

/// Where a document came from: the dataset's `source` object.
public struct SourceInfo: Codable, Sendable, Hashable {
  /// Path relative to the corpus root, with `/` separators.
  public var path: String
  /// Hex SHA-256 of the input bytes.
  public var sha256: String
  /// The input format.
  public var format: SourceFormat
  /// The detected encoding of a text input (`utf-8`, `utf-16le`, `gb18030`, `big5`), else nil.
  public var encoding: String?

  /// Creates source information.
  public init(path: String, sha256: String, format: SourceFormat, encoding: String? = nil) {
    self.path = path
    self.sha256 = sha256
    self.format = format
    self.encoding = encoding
  }

  /// The document id: the first 16 hex digits of the SHA-256.
  public var documentID: String { String(sha256.prefix(16)) }

  enum CodingKeys: String, CodingKey { case path, sha256, format, encoding }

  public func encode(to encoder: any Encoder) throws { try encodeMembers(to: encoder) }
}

extension SourceInfo: JSONMembers {
  typealias MemberKey = CodingKeys

  func writeMembers(to writer: inout some JSONMemberWriter<CodingKeys>) throws {
    try writer.write(encoding, for: .encoding)
    try writer.write(format, for: .format)
    try writer.write(path, for: .path)
    try writer.write(sha256, for: .sha256)
  }
}

/// What a reader extracted from one file: text in its original script, before cleanup.
///
/// Produced only by Ingest (`TextReader`, `DocxReader`); consumed by `Normalizer`.
public struct SourceDocument: Sendable, Hashable {
  /// Where the text came from.
  public var source: SourceInfo
  /// The extracted text, LF line ends, original script, converter debris still in place.
  public var text: String
  /// Warnings found while reading (undecodable bytes, unreadable parts); no spans yet.
  public var diagnostics: [Diagnostic]

  /// Creates a source document.
  public init(source: SourceInfo, text: String, diagnostics: [Diagnostic] = []) {
    self.source = source
    self.text = text
    self.diagnostics = diagnostics
  }
}

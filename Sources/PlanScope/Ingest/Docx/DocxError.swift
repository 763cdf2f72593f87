/// Why a DOCX file could not be read.
public enum DocxError: Error, Sendable, Hashable, CustomStringConvertible {
  /// 0 bytes.
  case emptyFile
  /// Starts with the OLE2 magic `D0 CF 11 E0`: a legacy .doc or an encrypted Office file.
  case legacyOrEncrypted
  /// No zip signature / no end-of-central-directory record.
  case notZip
  /// The archive ends early or its directory is inconsistent.
  case truncated(String)
  /// An entry's deflate data or CRC is wrong.
  case corruptEntry(entry: String, reason: String)
  /// An entry inflates past `IngestLimits.maxEntryBytes`.
  case entryTooLarge(entry: String, limit: Int)
  /// More entries than `IngestLimits.maxZipEntries`.
  case tooManyEntries(count: Int, limit: Int)
  /// An entry is a symbolic link (never followed).
  case symlinkEntry(entry: String)
  /// An entry uses a compression method other than stored or deflate, or is encrypted.
  case unsupportedEntry(entry: String, reason: String)
  /// The package relationships name no main part, or the part is absent.
  case mainPartMissing(String)
  /// The XML has a DOCTYPE (Word never writes one; refusing it blocks XXE and entity bombs).
  case dtdNotAllowed(part: String)
  /// Elements nest deeper than `IngestLimits.maxXMLDepth`.
  case nestingTooDeep(part: String, limit: Int)
  /// libxml2 reported a well-formedness error.
  case malformedXML(part: String, reason: String)
  /// One XML text node is over libxml2's 10,000,000-byte limit (kept: `XML_PARSE_HUGE` would
  /// also lift its depth and expansion limits).
  case textNodeTooLarge(part: String)
  /// The package's main part is not a WordprocessingML document (a spreadsheet, a deck …).
  case notWordDocument(part: String)

  /// A one-line reason.
  public var description: String {
    switch self {
    case .emptyFile: "empty file"
    case .legacyOrEncrypted: "legacy .doc / encrypted Office file, not DOCX"
    case .notZip: "not a zip archive (not a valid DOCX)"
    case .truncated(let why): "not a valid zip: truncated or inconsistent archive (\(why))"
    case .corruptEntry(let entry, let reason): "corrupt entry \(entry): \(reason)"
    case .entryTooLarge(let entry, let limit):
      "entry \(entry) exceeds uncompressed limit of \(limit) bytes"
    case .tooManyEntries(let count, let limit): "too many zip entries: \(count) > \(limit)"
    case .symlinkEntry(let entry): "entry \(entry) is a symbolic link (refused)"
    case .unsupportedEntry(let entry, let reason): "unsupported entry \(entry): \(reason)"
    case .mainPartMissing(let why): "main document part missing: \(why)"
    case .dtdNotAllowed(let part): "DTD not allowed in \(part)"
    case .nestingTooDeep(let part, let limit): "nesting too deep in \(part) (limit \(limit))"
    case .malformedXML(let part, let reason): "malformed XML in \(part): \(reason)"
    case .textNodeTooLarge(let part):
      "a text run in \(part) is over 10 MB in one piece (libxml2's limit for one XML text node): split the document"
    case .notWordDocument(let part):
      "not a Word document: the main part \(part) is not a WordprocessingML document (a spreadsheet or presentation saved as .docx?)"
    }
  }
}

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads one file from disk and hands its bytes to the reader for its format.
///
/// The only place planscope reads input files. Fills `source.sha256` from the bytes.
/// Does not walk directories (the command line discovers files).
public struct DocumentLoader: Sendable {
  private let limits: IngestLimits
  /// The reader of each format: a new format is one reader and a row here and in
  /// `formatsByExtension`.
  private let readers: [SourceFormat: any DocumentReader]

  /// Creates a loader with the given limits.
  public init(limits: IngestLimits = IngestLimits()) {
    self.limits = limits
    let detector = TextEncodingDetector()
    readers = [
      .text: TextReader(detector: detector, maxTextBytes: limits.maxTextBytes),
      .docx: DocxReader(limits: limits),
      .html: HtmlReader(limits: limits, detector: detector),
      .pdf: PdfReader(),
      .doc: LegacyWordReader(format: .doc, limits: limits),
      .wps: LegacyWordReader(format: .wps, limits: limits),
      .rtf: LegacyWordReader(format: .rtf, limits: limits),
    ]
  }

  /// The format each file extension names (lowercase, without the dot).
  public static let formatsByExtension: [String: SourceFormat] = [
    "txt": .text, "docx": .docx, "html": .html, "htm": .html, "shtml": .html, "xhtml": .html,
    "pdf": .pdf, "doc": .doc, "wps": .wps, "rtf": .rtf,
  ]

  /// The file extensions planscope reads.
  public static let supportedExtensions = Set(formatsByExtension.keys)

  /// Reads `url`, reporting it as `path` (relative to the corpus root).
  /// - Throws: `IngestError` naming the file and the reason.
  public func load(_ url: URL, as path: String) throws -> SourceDocument {
    let input = try input(url, as: path)
    return try read(input, format: Self.format(of: url, bytes: input.bytes))
  }

  /// The bytes of `url` (checked against the size limit), not yet decoded.
  /// - Throws: `IngestError`.
  public func input(_ url: URL, as path: String) throws -> DocumentInput {
    guard Self.supportedExtensions.contains(url.pathExtension.lowercased()) else {
      throw IngestError.unsupportedFormat(path: path)
    }
    return DocumentInput(path: path, bytes: try readBytes(url, path: path))
  }

  /// The format a file's extension names.
  public static func format(of url: URL) -> SourceFormat {
    formatsByExtension[url.pathExtension.lowercased()] ?? .text
  }

  /// The format of a file from its extension and first bytes: a `.txt` that is an HTML page
  /// (saved from a browser) is read as HTML, and a `.doc` that is a zip as DOCX or that is
  /// RTF as RTF (Word saves both under .doc). A `.docx` is always read as DOCX: one that is
  /// an OLE2 file fails with its own message (a renamed .doc, or an encrypted file).
  public static func format(of url: URL, bytes: [UInt8]) -> SourceFormat {
    let named = format(of: url)
    if named == .doc {
      if bytes.starts(with: Array("PK".utf8)) { return .docx }
      if bytes.starts(with: Array("{\\rtf".utf8)) { return .rtf }
      return named
    }
    guard named == .text else { return named }
    var head = bytes.prefix(512)[...]
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
    let text = String(
      decoding: head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }, as: UTF8.self
    )
    .lowercased()
    return text.hasPrefix("<!doctype html") || text.hasPrefix("<html") ? .html : .text
  }

  /// Reads bytes already in memory in the given format; `sha256` is the bytes' digest when the
  /// caller has it already (else computed here).
  /// - Throws: `IngestError`, `.textTooLarge` when the text read is over `maxTextBytes`.
  public func read(_ input: DocumentInput, format: SourceFormat, sha256: String? = nil) throws
    -> SourceDocument
  {
    if input.bytes.count > limits.maxInputBytes {
      throw IngestError.inputTooLarge(
        path: input.path, size: input.bytes.count, limit: limits.maxInputBytes)
    }
    guard let reader = readers[format] else {
      throw IngestError.unsupportedFormat(path: input.path)
    }
    var document = try reader.read(input)
    let textBytes = document.text.utf8.count
    if textBytes > limits.maxTextBytes {
      throw IngestError.textTooLarge(path: input.path, size: textBytes, limit: limits.maxTextBytes)
    }
    document.source.sha256 = sha256 ?? SHA256.hexDigest(input.bytes)
    return document
  }

  private func readBytes(_ url: URL, path: String) throws -> [UInt8] {
    try Self.readRegularFile(url.path, reportedAs: path, limit: limits.maxInputBytes)
  }

  /// The bytes of the regular file at `filePath`, at most `limit` of them: a FIFO, device or
  /// socket is refused before a byte is read (`/dev/zero` would never end, a FIFO could block
  /// forever), and a file that grows past the limit while it is read is refused too.
  /// - Throws: `IngestError.unreadableFile`, `.notRegularFile` or `.inputTooLarge`.
  public static func readRegularFile(_ filePath: String, reportedAs path: String, limit: Int)
    throws -> [UInt8]
  {
    // O_NONBLOCK: opening a FIFO without a writer must not wait for one.
    let descriptor = open(filePath, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
      throw IngestError.unreadableFile(path: path, reason: reason)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw IngestError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else { throw IngestError.notRegularFile(path: path) }
    let size = Int(status.st_size)
    if size > limit { throw IngestError.inputTooLarge(path: path, size: size, limit: limit) }
    // One byte more than the limit allows tells a file that grew past it.
    var bytes = [UInt8](repeating: 0, count: min(size, limit) + 1)
    var filled = 0
    while true {
      if filled == bytes.count {
        if filled > limit { break }
        bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - filled)))
      }
      let count = bytes.withUnsafeMutableBytes { buffer in
        Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
      }
      if count < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        throw IngestError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      filled += count
    }
    if filled > limit { throw IngestError.inputTooLarge(path: path, size: filled, limit: limit) }
    bytes.removeSubrange(filled...)
    return bytes
  }
}

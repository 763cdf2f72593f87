import Foundation

/// Reads one file from disk and hands its bytes to the reader for its format.
///
/// The only place planscope reads input files. Fills `source.sha256` from the bytes.
/// Does not walk directories (the command line discovers files).
public struct DocumentLoader: Sendable {
  private let limits: IngestLimits
  private let textReader: TextReader
  private let docxReader: DocxReader

  /// Creates a loader with the given limits.
  public init(limits: IngestLimits = IngestLimits()) {
    self.limits = limits
    self.textReader = TextReader()
    self.docxReader = DocxReader(limits: limits)
  }

  /// The file extensions planscope reads.
  public static let supportedExtensions: Set<String> = ["txt", "docx"]

  /// Reads `url`, reporting it as `path` (relative to the corpus root).
  /// - Throws: `IngestError` naming the file and the reason.
  public func load(_ url: URL, as path: String) throws -> SourceDocument {
    try read(try input(url, as: path), format: Self.format(of: url))
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
    url.pathExtension.lowercased() == "docx" ? .docx : .text
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
    var document: SourceDocument
    switch format {
    case .text: document = try textReader.read(input)
    case .docx: document = try docxReader.read(input)
    }
    let textBytes = document.text.utf8.count
    if textBytes > limits.maxTextBytes {
      throw IngestError.textTooLarge(path: input.path, size: textBytes, limit: limits.maxTextBytes)
    }
    document.source.sha256 = sha256 ?? SHA256.hexDigest(input.bytes)
    return document
  }

  private func readBytes(_ url: URL, path: String) throws -> [UInt8] {
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    } catch {
      throw IngestError.unreadableFile(path: path, reason: "no such file or not accessible")
    }
    if let size = attributes[.size] as? Int, size > limits.maxInputBytes {
      throw IngestError.inputTooLarge(path: path, size: size, limit: limits.maxInputBytes)
    }
    guard let handle = FileHandle(forReadingAtPath: url.path) else {
      throw IngestError.unreadableFile(path: path, reason: "permission denied")
    }
    defer { try? handle.close() }
    do {
      let data = try handle.readToEnd() ?? Data()
      return [UInt8](data)
    } catch {
      throw IngestError.unreadableFile(path: path, reason: String(describing: error))
    }
  }
}

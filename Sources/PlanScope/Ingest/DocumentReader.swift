/// The bytes of one input file and the path it is reported under.
public struct DocumentInput: Sendable {
  /// Path relative to the corpus root (`/` separators), as written into `source.path`.
  public var path: String
  /// The file's bytes.
  public var bytes: [UInt8]

  /// Creates an input.
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}

/// Turns the bytes of one file into text in its original script.
public protocol DocumentReader: Sendable {
  /// Reads one input.
  /// - Throws: `IngestError` naming the file and the reason.
  func read(_ input: DocumentInput) throws -> SourceDocument
}

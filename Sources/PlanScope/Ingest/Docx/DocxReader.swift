/// Placeholder replaced by the DOCX branch: reads WordprocessingML packages.
public struct DocxReader: DocumentReader {
  private let limits: IngestLimits

  /// Creates a reader.
  public init(limits: IngestLimits = IngestLimits()) { self.limits = limits }

  /// Not yet implemented on this branch.
  public func read(_ input: DocumentInput) throws -> SourceDocument {
    throw IngestError.unsupportedFormat(path: input.path)
  }
}

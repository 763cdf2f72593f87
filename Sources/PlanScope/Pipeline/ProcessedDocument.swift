/// One document as a run keeps it: its record and its two texts (what the outputs need).
public struct ProcessedDocument: Sendable, Hashable {
  /// The dataset record.
  public var record: DocumentRecord
  /// The normalized Simplified text the spans index (`text/<id>.txt`).
  public var text: String
  /// The cleaned original-script text (`text/<id>.original.txt`).
  public var original: String
  /// Whether the record came from the state cache instead of being extracted again.
  public var cached: Bool

  /// Creates a processed document.
  public init(record: DocumentRecord, text: String, original: String, cached: Bool = false) {
    self.record = record
    self.text = text
    self.original = original
    self.cached = cached
  }

  /// Keeps what the outputs need of a pipeline run.
  public init(_ run: PipelineRun) {
    self.init(
      record: run.record, text: run.outline.document.text.string,
      original: run.outline.document.original.string)
  }
}

/// Records from earlier runs, looked up by the SHA-256 of a file's bytes.
public protocol RecordCache: Sendable {
  /// The document processed earlier from bytes with this hash under the current pipeline
  /// fingerprint, if any.
  func cached(sha256: String) -> ProcessedDocument?
}

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

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
  /// Size and modification time of the file when it was read (for the unchanged-run check).
  public var stamp: FileStamp?
  /// The record serialized by the worker that produced it, when it did (else the writer
  /// encodes it).
  public var encoded: EncodedRecord?

  /// Creates a processed document.
  public init(record: DocumentRecord, text: String, original: String, cached: Bool = false) {
    self.record = record
    self.text = text
    self.original = original
    self.cached = cached
  }

  /// Keeps what the outputs need of a pipeline run.
  public init(_ run: PipelineRun) {
    let document = run.outline.document
    let text = document.text.string
    // A Simplified plan's original is its text: one String, built once.
    let original =
      document.original.scalars == document.text.scalars ? text : document.original.string
    self.init(record: run.record, text: text, original: original)
  }
}

/// Records from earlier runs, looked up by the SHA-256 of a file's bytes.
public protocol RecordCache: Sendable {
  /// The document processed earlier from bytes with this hash under the current pipeline
  /// fingerprint, if any.
  func cached(sha256: String) -> ProcessedDocument?
}

/// What `stat(2)` says of a file: enough to tell, like git's index, that it has not changed
/// since a run read it, without reading it again.
public struct FileStamp: Sendable, Hashable {
  /// Size in bytes.
  public var size: Int
  /// Modification time, `seconds.nanoseconds`.
  public var modified: String

  /// Creates a stamp.
  public init(size: Int, modified: String) {
    self.size = size
    self.modified = modified
  }

  /// The stamp of the file at `path`, or nil when it cannot be read.
  public static func of(_ path: String) -> FileStamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileStamp(
      size: Int(info.st_size), modified: "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
  }
}

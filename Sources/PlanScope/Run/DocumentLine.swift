import Foundation

/// One document as a JSON line: the batch contract between `planscope run --jsonl` (or a
/// shard run) and `planscope merge`, and what any engine (Spark's `RDD.pipe`, Hadoop
/// Streaming, `xargs -P`) passes along.
///
/// `{"path":…,"record":{…},"text":…,"original":…}` for a processed document, or
/// `{"path":…,"error":…}` for a failed one. `path` comes first, so a merge can sort lines by
/// path without decoding records.
public struct DocumentLine: Sendable {
  /// `source.path` of the document (also for failures).
  public var path: String
  /// What happened to it.
  public var outcome: BatchOutcome

  /// Wraps an outcome.
  public init(_ outcome: BatchOutcome) {
    path = outcome.path
    self.outcome = outcome
  }

  /// The line without its final newline, written by `encoder` (compact).
  /// - Throws: an encoding error (never for records the extractors make).
  public func encoded(
    with encoder: CanonicalJSONEncoder = DatasetCoding.encoder(pretty: false)
  ) throws -> String {
    let text: (any Encodable) throws -> String = { try encoder.encode($0) }
    switch outcome {
    case .processed(let document):
      // The file stamp travels too, so a merged state can skip an unchanged corpus later.
      let stamp =
        document.stamp.map {
          ",\"size\":\($0.size),\"modified\":\"\($0.modified)\""
        } ?? ""
      // A worker already wrote the record's compact JSON (the state form) as it encoded it.
      let record = try document.encoded?.stateJSON ?? text(document.record)
      return "{\"path\":\(try text(path)),\"record\":\(record),"
        + "\"text\":\(try text(document.text)),\"original\":\(try text(document.original))"
        + stamp + "}"
    case .failed(_, let reason):
      return "{\"path\":\(try text(path)),\"error\":\(try text(reason))}"
    case .skipped(let file):
      return "{\"path\":\(try text(path)),\"skipped\":\(try text(file))}"
    case .unchanged:
      // Line modes never splice (a line carries the whole document).
      return "{\"path\":\(try text(path)),\"error\":\"unchanged document without its record\"}"
    }
  }

  /// Decodes a line.
  /// - Throws: `DocumentLineError.malformed`.
  public static func decode(_ bytes: some Collection<UInt8>, source: String) throws
    -> DocumentLine
  {
    let wire: Wire
    do {
      wire = try DatasetCoding.decoder().decode(Wire.self, from: Data(bytes))
    } catch {
      throw DocumentLineError.malformed(source: source, reason: "not a document line: \(error)")
    }
    if let reason = wire.error {
      return DocumentLine(.failed(path: wire.path, reason: reason))
    }
    if let skipped = wire.skipped {
      guard skipped.path == wire.path else {
        throw DocumentLineError.malformed(
          source: source, reason: "\(wire.path): skipped entry is for \(skipped.path)")
      }
      return DocumentLine(.skipped(skipped))
    }
    guard let record = wire.record, let text = wire.text, let original = wire.original else {
      throw DocumentLineError.malformed(
        source: source, reason: "\(wire.path): a line needs record, text and original, or error")
    }
    guard record.source.path == wire.path else {
      throw DocumentLineError.malformed(
        source: source, reason: "\(wire.path): record is for \(record.source.path)")
    }
    var document = ProcessedDocument(record: record, text: text, original: original)
    if let size = wire.size, let modified = wire.modified {
      document.stamp = FileStamp(size: size, modified: modified)
    }
    return DocumentLine(.processed(document))
  }

  /// The `path` of a line, read from its start when it begins `{"path":"` with no escapes
  /// (planscope's own lines), else by decoding the line.
  /// - Throws: `DocumentLineError.malformed`.
  public static func path(of bytes: ArraySlice<UInt8>, source: String) throws -> String {
    let prefix = Array("{\"path\":\"".utf8)
    if bytes.starts(with: prefix) {
      let start = bytes.startIndex + prefix.count
      if let end = bytes[start...].firstIndex(where: {
        $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
      }),
        bytes[end] == UInt8(ascii: "\"")
      {
        return String(decoding: bytes[start..<end], as: UTF8.self)
      }
    }
    do {
      return try JSONDecoder().decode(PathOnly.self, from: Data(bytes)).path
    } catch {
      throw DocumentLineError.malformed(source: source, reason: "not a document line: \(error)")
    }
  }

  private struct Wire: Decodable {
    var path: String
    var record: DocumentRecord?
    var text: String?
    var original: String?
    var error: String?
    var skipped: SkippedFile?
    var size: Int?
    var modified: String?
  }

  private struct PathOnly: Decodable {
    var path: String
  }
}

/// Why JSON lines could not be merged.
public enum DocumentLineError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A line is not a document line.
  case malformed(source: String, reason: String)
  /// Two inputs hold the same path.
  case duplicatePath(String)

  /// A one-line reason.
  public var description: String {
    switch self {
    case .malformed(let source, let reason): "\(source): \(reason)"
    case .duplicatePath(let path):
      "\(path): appears in more than one line (overlapping shards?)"
    }
  }
}

/// Writes document lines to standard output or, atomically, to a file (a shard output).
public final class DocumentLinesWriter {
  private let file: BufferedFile
  private let target: URL?
  private let encoder = DatasetCoding.encoder(pretty: false)

  /// Lines on standard output.
  public init() {
    file = BufferedFile(descriptor: 1, name: "standard output")
    target = nil
  }

  /// Lines into `url`, which appears complete or not at all (temporary file, then rename).
  /// - Throws: `OutputError.writeFailed`.
  public init(file url: URL) throws {
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    file = try BufferedFile(path: temporary.path)
    target = url
  }

  /// Adds one outcome.
  /// - Throws: `OutputError.writeFailed` or an encoding error.
  public func add(_ outcome: BatchOutcome) throws {
    try file.write(DocumentLine(outcome).encoded(with: encoder) + "\n")
  }

  /// Flushes (and for a file, syncs and renames it into place).
  /// - Throws: `OutputError.writeFailed`.
  public func finish() throws {
    try file.finish()
    guard let target else { return }
    if rename(file.path, target.path) != 0 {
      throw OutputError.writeFailed(path: target.path, reason: String(cString: strerror(errno)))
    }
  }
}

import Foundation

/// Why an output could not be written.
public enum OutputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file system refused a write, rename or directory creation.
  case writeFailed(path: String, reason: String)

  /// A one-line reason.
  public var description: String {
    switch self {
    case .writeFailed(let path, let reason): "\(path): cannot write: \(reason)"
    }
  }
}

/// The output folder: the only place planscope writes files.
///
/// Every file is written to a temporary file in the same folder and renamed over the target,
/// so a crash leaves either the previous complete file or the new one, never half of one.
public struct OutputDirectory: Sendable {
  /// The folder.
  public let url: URL

  /// Wraps a folder (created on first write).
  public init(_ url: URL) { self.url = url }

  /// Writes `contents` to `relativePath` atomically.
  /// - Throws: `OutputError.writeFailed`.
  public func write(_ contents: String, to relativePath: String) throws {
    try write(Data(contents.utf8), to: relativePath)
  }

  /// Writes bytes to `relativePath` atomically (temporary file, fsync, rename).
  /// - Throws: `OutputError.writeFailed`.
  public func write(_ data: Data, to relativePath: String) throws {
    let target = url.appendingPathComponent(relativePath)
    let folder = target.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw OutputError.writeFailed(path: folder.path, reason: "cannot create folder")
    }
    let temporary = folder.appendingPathComponent(
      ".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
      throw OutputError.writeFailed(path: temporary.path, reason: "cannot create file")
    }
    do {
      let handle = try FileHandle(forWritingTo: temporary)
      try handle.write(contentsOf: data)
      try handle.synchronize()
      try handle.close()
      if rename(temporary.path, target.path) != 0 {
        throw OutputError.writeFailed(path: target.path, reason: String(cString: strerror(errno)))
      }
    } catch let error as OutputError {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw OutputError.writeFailed(path: target.path, reason: String(describing: error))
    }
  }

  /// Writes the outputs of a run: `text/<id>.txt` and `text/<id>.original.txt` per document,
  /// the flat exports, `dataset.sqlite`, `comparison.md` and `dataset.json` last; removes text
  /// files of documents no longer present. Each file is replaced atomically.
  /// - Throws: `OutputError`, `SQLiteError` or the JSON writer's encoding error.
  public func writeRun(
    dataset: Dataset, documents: [ProcessedDocument], comparison: ComparisonMarkdownWriter
  ) throws {
    var texts: [String: String] = [:]
    for document in documents.sorted(by: { $0.record.id < $1.record.id })
    where texts[document.record.id] == nil {
      texts[document.record.id] = document.text
      try write(document.text, to: "text/\(document.record.id).txt")
      try write(document.original, to: "text/\(document.record.id).original.txt")
    }
    for (name, text) in CSVWriter().write(dataset) {
      try write(text, to: name)
    }
    try writeDatabase(dataset, texts: texts)
    try write(comparison.write(dataset), to: "comparison.md")
    try write(try DatasetJSONWriter().write(dataset), to: "dataset.json")
    try removeStaleTexts(keeping: Set(texts.keys))
  }

  /// Builds `dataset.sqlite` next to its final place and renames it over the old one.
  private func writeDatabase(_ dataset: Dataset, texts: [String: String]) throws {
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    let target = url.appendingPathComponent("dataset.sqlite")
    let temporary = url.appendingPathComponent(
      ".dataset.sqlite.tmp-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(at: temporary)
    do {
      try DatasetSQLiteWriter().write(dataset, texts: texts, to: temporary.path)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
    if rename(temporary.path, target.path) != 0 {
      throw OutputError.writeFailed(path: target.path, reason: String(cString: strerror(errno)))
    }
  }

  private func removeStaleTexts(keeping ids: Set<String>) throws {
    let folder = url.appendingPathComponent("text")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasSuffix(".txt") {
      let id = String(name.prefix { $0 != "." })
      if !ids.contains(id) {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
      }
    }
  }
}

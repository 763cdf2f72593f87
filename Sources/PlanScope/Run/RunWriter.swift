import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Streams a run's outputs into a staging folder as documents arrive, then publishes them all
/// at once (`OutputDirectory`): `dataset.json`, the CSV exports, `dataset.sqlite`, `text/` and
/// `comparison.md`. Memory holds one document at a time plus the comparison's aggregates
/// (its rows wait in unlinked scratch files in the staging folder, `ComparisonFiles`).
///
/// Documents must arrive sorted by path (UTF-8 byte order), each path once; that order is the
/// dataset's, so any producer (one run, shards, merged JSON lines) writes identical bytes.
public final class RunWriter {
  private let directory: OutputDirectory
  private let staging: URL
  private let previous: URL?
  private let json: BufferedFile
  private let exports: [BufferedFile]
  private let database: DatasetSQLiteThread
  private let scratch: ComparisonFiles
  private var comparison: ComparisonBuilder<ComparisonFiles>
  private let encoder: RecordEncoder
  private let csv: CSVWriter
  private let groups: ComparisonLexicon
  /// The key of the first document with each content hash: later ones are copies.
  private var firstWithContent: [String: String] = [:]
  private var textHash = FNV1a()
  private var lastPath: String?
  private var skipped: [SkippedFile] = []
  private var committed = false
  /// Documents added so far.
  public private(set) var count = 0

  /// Opens a staging folder in `directory`.
  /// - Throws: `OutputError` or `SQLiteError`.
  public init(directory: OutputDirectory, comparison: ComparisonMarkdownWriter) throws {
    self.directory = directory
    let staging = try directory.makeStaging()
    self.staging = staging
    previous = directory.currentGeneration
    let json = try BufferedFile(path: staging.appendingPathComponent("dataset.json").path)
    let exports = try CSVWriter.fileNames.map {
      try BufferedFile(path: staging.appendingPathComponent($0).path)
    }
    try json.write("{\n  \"documents\" : [")
    for (file, header) in zip(exports, CSVWriter.headerLines) { try file.write(header) }
    self.json = json
    self.exports = exports
    groups = comparison.lexicon
    encoder = RecordEncoder(groups: groups)
    csv = CSVWriter(groups: groups)
    scratch = try ComparisonFiles(folder: staging)
    self.comparison = ComparisonBuilder(writer: comparison, spill: scratch)
    // Last: its thread runs until `commit` or `deinit`, which a failed init would not reach.
    database = try DatasetSQLiteThread(
      path: staging.appendingPathComponent("dataset.sqlite").path)
  }

  deinit {
    if !committed {
      database.cancel()
      try? FileManager.default.removeItem(at: staging)
    }
  }

  /// Adds the next document.
  /// - Throws: `OutputError.unsorted` when it does not come after the previous path, or a
  ///   write error.
  public func add(_ document: ProcessedDocument) throws {
    let record = document.record
    if let lastPath, !DocumentOrder.precedes(lastPath, record.source.path) {
      throw OutputError.unsorted(path: record.source.path, after: lastPath)
    }
    lastPath = record.source.path
    var encoded = try document.encoded ?? encoder.encode(record)
    var exported = ExportRecord(record, groups: groups)
    let original = firstWithContent[record.source.sha256]
    if let original {
      // The same bytes under a second name: listed with its facts, flagged as a copy of the
      // first.
      exported.duplicateOf = original
      encoded.csvLines = csv.lines(exported)
    } else {
      firstWithContent[record.source.sha256] = exported.key
    }
    try json.write(count == 0 ? "\n    " : ",\n    ")
    try json.write(encoded.datasetJSON)
    for (file, lines) in zip(exports, encoded.csvLines) where !lines.isEmpty {
      try file.write(lines)
    }
    try database.add(exported, text: document.text, original: document.original)
    try writeTexts(document, key: exported.key, copyOf: original)
    try comparison.add(record)
    count += 1
  }

  /// Lists a file that was not read in the dataset's `skipped` (any order: sorted on commit).
  public func addSkipped(_ file: SkippedFile) {
    skipped.append(file)
  }

  /// Finishes every file and publishes the outputs; returns the generation's folder name.
  /// - Throws: `OutputError` or `SQLiteError`.
  @discardableResult public func commit() throws -> String {
    try json.write(count == 0 ? "\n\n  ],\n" : "\n  ],\n")
    try json.write("  \"schema\" : \"\(Dataset.schemaID)\",\n")
    try json.write(try Self.skippedMember(skipped) + "\n}\n")
    try json.finish()
    for file in exports { try file.finish() }
    try database.finish()
    var markdown = try BufferedFile(path: staging.appendingPathComponent("comparison.md").path)
    try comparison.render(into: &markdown)
    scratch.close()
    try markdown.finish()
    let metadata = try BufferedFile(path: staging.appendingPathComponent("metadata.yml").path)
    try metadata.write(DatasetteMetadata.text)
    try metadata.finish()
    var name = FNV1a()
    for file in [json, markdown, metadata] + exports { name.add(file.digest) }
    name.add(textHash.value)
    // dataset.sqlite holds the same facts and texts, laid out by its schema: a new layout
    // (tables, indexes, full-text settings) must publish a new generation too.
    name.add(DatasetSQLiteWriter.schema)
    name.add(DatasetSQLiteWriter.indexes)
    syncFileSystem(of: staging)
    let generation = try directory.commit(staging: staging, name: String(name.value, radix: 16))
    committed = true
    return generation
  }

  /// The dataset's `"skipped" : [...]` member, laid out exactly as `DatasetJSONWriter` lays it
  /// out inside the dataset (the same encoder writes it).
  static func skippedMember(_ files: [SkippedFile]) throws -> String {
    struct Member: Encodable { var skipped: [SkippedFile] }
    let sorted = Dataset(records: [], skipped: files).skipped
    let text = String(
      decoding: try DatasetCoding.encoder().encode(Member(skipped: sorted)), as: UTF8.self)
    // `{\n  "skipped" : […]\n}` without its braces.
    return String(text.dropFirst(2).dropLast(2))
  }

  /// `text/<key>.txt` and `text/<key>.original.txt`: linked from the current generation when
  /// the document came from the cache (same bytes, same pipeline, same texts), or from the
  /// files of the document it is a copy of, else written; a Simplified plan's original is a
  /// second link to its text (creating inodes, not writing bytes, is what a file costs on
  /// ext4).
  private func writeTexts(_ document: ProcessedDocument, key: String, copyOf: String?) throws {
    let textPath = staging.appendingPathComponent("text/\(key).txt").path
    for (suffix, text) in [("txt", document.text), ("original.txt", document.original)] {
      textHash.add(key)
      textHash.add(text)
      let name = "text/\(key).\(suffix)"
      let target = staging.appendingPathComponent(name).path
      if let copyOf, link(staging.appendingPathComponent("text/\(copyOf).\(suffix)").path, target) == 0 {
        continue
      }
      if document.cached, let previous,
        link(previous.appendingPathComponent(name).path, target) == 0
      {
        continue
      }
      if target != textPath, text == document.text, link(textPath, target) == 0 { continue }
      try BufferedFile.create(target, holding: text)
    }
  }

  /// Makes everything written under `folder` durable before the commit renames it in (the
  /// texts are written without a sync each; one `sync(2)` covers them all).
  private func syncFileSystem(of folder: URL) {
    sync()
  }
}

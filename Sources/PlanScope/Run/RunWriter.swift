import Foundation

#if canImport(Glibc)
  import CLinux
  import Glibc
#endif

/// Streams a run's outputs into a staging folder as documents arrive, then publishes them all
/// at once (`OutputDirectory`): `dataset.json`, the CSV exports, `dataset.sqlite`, `text/`,
/// `comparison.md` and `comparison.html`. Memory holds one document at a time plus the
/// comparison's aggregates (its rows wait in unlinked scratch files in the staging folder, `ComparisonFiles`).
///
/// Documents must arrive sorted by path (UTF-8 byte order), each path once; that order is the
/// dataset's, so any producer (one run, shards, merged JSON lines) writes identical bytes.
public final class RunWriter {
  /// The files an unchanged document's bytes are spliced into from the previous generation,
  /// in the order of `GenerationIndex.Entry.ranges`.
  static let splicedFiles = ["dataset.json"] + CSVWriter.fileNames
  /// The generation's file of each document's part of the comparison
  /// (`ComparisonContribution`), replayed for unchanged documents; its range is the last of
  /// an index entry's.
  static let partsFile = ".comparison"

  private let directory: OutputDirectory
  private let staging: URL
  private let previous: URL?
  /// `staging` and `previous` as paths.
  private let stagingPath: String
  private let previousPath: String
  /// The previous generation's index, when it was made by this pipeline.
  let previousIndex: GenerationIndex?
  /// The previous generation's spliced files, opened on first use.
  private var sources: [SourceFile]?
  /// Copies the spliced bytes and links the texts of unchanged documents on a thread of its
  /// own.
  private let copier = FileCopier()
  private let json: BufferedFile
  private let exports: [BufferedFile]
  private let index: BufferedFile
  private let parts: BufferedFile
  /// The generation's name so far: each document's key and output digest, in order.
  private var documentsHash = FNV1a()
  /// Filled on its own thread; opened with the first document (see `splices`).
  private var database: DatasetSQLiteThread?
  /// Where `dataset.sqlite` goes: `slot` of `slots`, the one the previous generation does not
  /// use; updated in place when documents are spliced (`slotContents` is then what it held).
  private let slots: DatabaseSlots
  private let slot: Int
  /// What the slot holds when it can be trusted, read on another thread while this one reads
  /// the previous generation's index.
  private let slotLoad: Background<GenerationIndex?>
  private var slotContents: GenerationIndex?
  private var updatesInPlace = false
  /// Whether unchanged documents will be spliced: `dataset.sqlite` then starts as a copy of
  /// the previous generation's and is updated, else it is built anew. Set before the first
  /// document.
  public var splices = false
  private let scratch: ComparisonFiles
  /// The comparison's builder, fed on its own thread until `commit` takes it back.
  private let comparisonFeed: ComparisonFeed<ComparisonFiles>
  /// Works out the names in each plan's part of the comparison (on this thread).
  private let comparisonNames: ComparisonNames
  /// The comparison's blocks: this generation's, and the previous one's to copy (when
  /// documents are spliced from it).
  private var comparisonBlocks = ComparisonBlocks()
  /// Whether the staging folder is an older generation's (`OutputDirectory.makeStaging`).
  private let recycled: Bool
  /// The texts that generation holds, by document key: the digest of that document's
  /// outputs (which cover its texts). Keys are taken out as documents arrive; what remains at
  /// the commit is removed.
  private let recycledLoad: Background<[String: UInt64]>
  /// `recycledLoad`'s table, taken on first use.
  private var recycledTexts: [String: UInt64]?
  /// What a generation folder holds (the database's link is made by `commit`).
  static let generationFiles: Set<String> = Set(
    splicedFiles + [
      partsFile, GenerationIndex.fileName, ComparisonBlocks.fileName, "metadata.yml", "text",
    ] + ComparisonBlocks.files)

  /// Removes what `folder` holds but `kept` does not name (a recycled generation of an
  /// earlier version may hold files this one does not write).
  private static func removeEntries(of folder: URL, except kept: Set<String>) {
    for name in OutputDirectory.names(in: folder.path) where !kept.contains(name) {
      OutputDirectory.removeTree(folder.appendingPathComponent(name).path)
    }
  }

  /// The previous generation's folder name, if there is one.
  public var previousGenerationName: String? { previous?.lastPathComponent }
  /// Blocks of the comparison copied from the previous generation instead of rendered.
  public var reusedComparisonBlocks: Int { comparisonBlocks.reused }
  private let encoder: RecordEncoder
  private let csv: CSVWriter
  private let groups: ComparisonLexicon
  /// The key of the first document with each content hash: later ones are copies.
  private var firstWithContent: [String: String] = [:]
  private var lastPath: String?
  private var skipped: [SkippedFile] = []
  private var committed = false
  /// Documents added so far.
  public private(set) var count = 0

  /// Opens a staging folder in `directory`. With the `fingerprint` of the pipeline that made
  /// the records, the previous generation's index is read (when it was made by the same
  /// pipeline, unchanged documents can be spliced from it: `add(_:record:)`), and the new
  /// generation gets an index of its own.
  /// - Throws: `OutputError` or `SQLiteError`.
  public init(
    directory: OutputDirectory, comparison: ComparisonMarkdownWriter, fingerprint: String = ""
  ) throws {
    self.directory = directory
    let (staging, recycled) = try directory.makeStaging()
    if recycled { Self.removeEntries(of: staging, except: Self.generationFiles) }
    self.staging = staging
    self.recycled = recycled
    let previous = directory.currentGeneration
    self.previous = previous
    stagingPath = staging.path
    // Read aside: the new index is written where it was meanwhile.
    let recycledIndex = staging.appendingPathComponent(GenerationIndex.fileName + ".recycled")
    if recycled {
      rename(staging.appendingPathComponent(GenerationIndex.fileName).path, recycledIndex.path)
    }
    recycledLoad = Background(name: "planscope-recycled-texts") {
      recycled ? Self.recycledTexts(in: staging, index: recycledIndex.path) : [:]
    }
    previousPath = previous?.path ?? ""
    let slots = DatabaseSlots(folder: directory.url)
    let slot = DatabaseSlots.next(after: previous)
    slotLoad = Background(name: "planscope-slot-index") {
      slots.contents(slot, fingerprint: fingerprint, files: Self.splicedFiles.count + 1)
    }
    self.slots = slots
    self.slot = slot
    previousIndex = previous.flatMap {
      GenerationIndex.load(from: $0, files: Self.splicedFiles.count + 1)
    }.flatMap { $0.fingerprint == fingerprint && !fingerprint.isEmpty ? $0 : nil }
    index = try BufferedFile(
      path: staging.appendingPathComponent(GenerationIndex.fileName).path, reusing: recycled)
    parts = try BufferedFile(
      path: staging.appendingPathComponent(Self.partsFile).path, reusing: recycled)
    try index.write(GenerationIndex.header(fingerprint: fingerprint))
    let json = try BufferedFile(
      path: staging.appendingPathComponent("dataset.json").path, reusing: recycled)
    let exports = try CSVWriter.fileNames.map {
      try BufferedFile(path: staging.appendingPathComponent($0).path, reusing: recycled)
    }
    for file in [json, parts] + exports { file.copier = copier }
    try json.write("{\n  \"documents\" : [")
    for (file, header) in zip(exports, CSVWriter.headerLines) { try file.write(header) }
    self.json = json
    self.exports = exports
    groups = comparison.lexicon
    encoder = RecordEncoder(groups: groups)
    csv = CSVWriter(groups: groups)
    scratch = try ComparisonFiles(folder: staging)
    var builder = ComparisonBuilder(writer: comparison, spill: scratch)
    builder.blocks = comparisonBlocks
    comparisonNames = ComparisonNames(writer: comparison)
    comparisonFeed = ComparisonFeed(builder)
  }

  /// Opens the database now rather than with the first document, so its thread starts while
  /// the documents are still being read (when documents are spliced, updating the database
  /// file is the longest task of the run).
  /// - Throws: `SQLiteError` or `OutputError`.
  public func startDatabase() throws {
    _ = try openDatabase()
  }

  /// The database being filled, opened on first use: when documents are spliced, the slot
  /// the previous generation does not use, updated in place (first replaced by a copy of the
  /// previous generation's database when it cannot be trusted, `DatabaseSlots`); else a new
  /// one in the staging folder. Its thread runs until `commit` or `deinit`.
  private func openDatabase() throws -> DatasetSQLiteThread {
    if let database { return database }
    let opened: DatasetSQLiteThread
    if splices, let previousIndex, let previous {
      let source = previous.appendingPathComponent("dataset.sqlite").path
      if let contents = slotLoad.value {
        try slots.markPending(slot)
        slotContents = contents
      } else {
        try slots.replace(slot, withCopyOf: source)
        slotContents = previousIndex
      }
      // Room for 64 documents' texts: the main thread splices thousands of plans between
      // two changed ones while the database thread deletes and inserts rows.
      opened = try DatasetSQLiteThread(
        updatingInPlace: slots.path(DatabaseSlots.file(slot)), copyingFrom: source, capacity: 64)
      updatesInPlace = true
    } else {
      opened = try DatasetSQLiteThread(path: staging.appendingPathComponent("dataset.sqlite").path)
    }
    database = opened
    return opened
  }

  deinit {
    if !committed {
      comparisonFeed.cancel()
      copier.cancel()
      database?.cancel()
      OutputDirectory.removeTree(staging.path)
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
      exported.record.duplicateOf = original
      encoded.datasetJSON = try encoder.datasetJSON(exported.record)
    } else {
      firstWithContent[record.source.sha256] = exported.key
    }
    try json.write(count == 0 ? "\n    " : Self.separator)
    lastSplicedJSONEnd = nil
    var ranges = [json.offset..<json.offset]
    var digest = FNV1a()
    try json.write(encoded.datasetJSON)
    digest.add(encoded.datasetJSON)
    ranges[0] = ranges[0].lowerBound..<json.offset
    for (file, lines) in zip(exports, encoded.csvLines) {
      let start = file.offset
      if !lines.isEmpty { try file.write(lines) }
      digest.add(lines)
      ranges.append(start..<file.offset)
    }
    try openDatabase().add(exported, text: document.text, original: document.original)
    try writeTexts(document, key: exported.key, copyOf: original, digest: &digest)
    let part = ComparisonContribution(record, copyOf: original, names: comparisonNames)
    let partStart = parts.offset
    try parts.write(part.bytes)
    ranges.append(partStart..<parts.offset)
    try comparisonFeed.add(part)
    try finishDocument(
      GenerationIndex.Entry(
        path: record.source.path, sha256: record.source.sha256, key: exported.key,
        duplicateOf: original, digest: digest.value, ranges: ranges))
  }

  /// Adds the next document unchanged since the previous generation, splicing its bytes from
  /// there and replaying its part of the comparison. Returns false, adding nothing, when its
  /// bytes there cannot be reused: it became, or stopped being, a copy of an earlier document,
  /// or its part cannot be read back (the caller then adds it as processed).
  /// - Throws: `OutputError.unsorted` or a write error.
  public func add(_ document: UnchangedDocument) throws -> Bool {
    let entry = document.entry
    guard splices, let previous, firstWithContent[entry.sha256] == entry.duplicateOf,
      entry.ranges.count == Self.splicedFiles.count + 1
    else { return false }
    if let lastPath, !DocumentOrder.precedes(lastPath, entry.path) {
      throw OutputError.unsorted(path: entry.path, after: lastPath)
    }
    let sources = try openSources(previous)
    guard
      let bytes = try Self.read(
        sources[Self.splicedFiles.count], entry.ranges[Self.splicedFiles.count]),
      let part = ComparisonContribution(bytes: bytes)
    else { return false }
    // A text missing from the previous generation means processing the plan again, so both
    // are looked for before anything is queued. The links are made on the copier's thread
    // (creating 40,000 names was a tenth of a run that changed one plan of 20,000). Paths
    // are joined as text: URL's appending was a twentieth of such a run.
    let names = ["/text/\(entry.key).txt", "/text/\(entry.key).original.txt"]
    guard names.allSatisfy({ access(previousPath + $0, F_OK) == 0 }) else { return false }
    if !keepsRecycledTexts(entry.key, digest: entry.digest) {
      for name in names {
        try copier.add(.link(existing: previousPath + name, path: stagingPath + name))
      }
    }
    var ranges: [Range<Int>] = []
    // The separator before an element that followed the last spliced one in the previous file
    // is copied with it, so a run of unchanged plans is one copy.
    let element = entry.ranges[0]
    if count > 0, let end = lastSplicedJSONEnd, element.lowerBound - end == Self.separator.utf8.count {
      try json.splice(from: sources[0], end..<element.upperBound)
      ranges.append(json.offset - element.count..<json.offset)
    } else {
      try json.write(count == 0 ? "\n    " : Self.separator)
      let start = json.offset
      try json.splice(from: sources[0], element)
      ranges.append(start..<json.offset)
    }
    lastSplicedJSONEnd = element.upperBound
    for (number, file) in exports.enumerated() {
      let start = file.offset
      try file.splice(from: sources[number + 1], entry.ranges[number + 1])
      ranges.append(start..<file.offset)
    }
    lastPath = entry.path
    if entry.duplicateOf == nil { firstWithContent[entry.sha256] = entry.key }
    // The slot holds an earlier generation: the document's rows there are current when it
    // had the same outputs (digest) under the same key, else they come from the previous one.
    let held = slotContents?.entry(entry.path)
    try openDatabase().keep(
      entry.key, copying: held?.key != entry.key || held?.digest != entry.digest)
    // Copied by the copier too: the bytes read above are only decoded.
    let partStart = parts.offset
    try parts.splice(
      from: sources[Self.splicedFiles.count], entry.ranges[Self.splicedFiles.count])
    ranges.append(partStart..<parts.offset)
    try comparisonFeed.add(part)
    var spliced = entry
    spliced.ranges = ranges
    try finishDocument(spliced)
    return true
  }

  /// `range` of `source`; nil when the file ends before it does.
  private static func read(_ source: SourceFile, _ range: Range<Int>) throws -> [UInt8]? {
    let descriptor = source.descriptor
    var bytes = [UInt8](repeating: 0, count: range.count)
    var done = 0
    while done < range.count {
      let count = bytes.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
      }
      if count < 0, errno == EINTR { continue }
      if count < 0 {
        throw OutputError.writeFailed(
          path: source.path, reason: String(cString: strerror(errno)))
      }
      if count == 0 { return nil }
      done += count
    }
    return bytes
  }

  /// What stands between two elements of `documents` in dataset.json.
  private static let separator = ",\n    "

  /// Where the last document's element ended in the previous dataset.json, when it was
  /// spliced (nil after a document written anew).
  private var lastSplicedJSONEnd: Int?

  /// Records a written document in the index and the generation's name.
  private func finishDocument(_ entry: GenerationIndex.Entry) throws {
    try index.write(GenerationIndex.line(entry))
    documentsHash.add(entry.key)
    documentsHash.add(String(entry.digest, radix: 16))
    count += 1
  }

  /// Whether the previous generation's spliced files hold every range its index names (a
  /// generation someone cut or emptied is not spliced from).
  public func previousFilesAreWhole() -> Bool {
    guard let previousIndex, let previous else { return false }
    let ends = previousIndex.rangeEnds
    // The database the documents' rows are copied from when the slot's are out of date.
    var database = stat()
    guard stat(previous.appendingPathComponent("dataset.sqlite").path, &database) == 0,
      (database.st_mode & S_IFMT) == S_IFREG, database.st_size > 0
    else { return false }
    for (number, name) in (Self.splicedFiles + [Self.partsFile]).enumerated() {
      var info = stat()
      guard stat(previous.appendingPathComponent(name).path, &info) == 0,
        number < ends.count, Int(info.st_size) >= ends[number]
      else { return false }
    }
    return true
  }

  /// The previous generation's spliced files, opened once.
  private func openSources(_ previous: URL) throws -> [SourceFile] {
    if let sources { return sources }
    let opened = try (Self.splicedFiles + [Self.partsFile]).map {
      try SourceFile(path: previous.appendingPathComponent($0).path)
    }
    sources = opened
    return opened
  }

  /// Lists a file that was not read in the dataset's `skipped` (any order: sorted on commit).
  public func addSkipped(_ file: SkippedFile) {
    skipped.append(file)
  }

  /// Finishes every file and publishes the outputs; returns the generation's folder name.
  /// The generations before it stay (`OutputDirectory.removeGenerations`).
  /// - Throws: `OutputError` or `SQLiteError`.
  @discardableResult public func commit() throws -> String {
    let tail =
      (count == 0 ? "\n\n  ],\n" : "\n  ],\n") + "  \"schema\" : \"\(Dataset.schemaID)\",\n"
      + (try Self.skippedMember(skipped)) + "\n}\n"
    try json.write(tail)
    try json.finish(syncing: false)
    for file in exports { try file.finish(syncing: false) }
    try index.finish(syncing: false)
    try parts.finish(syncing: false)
    // The database's threads finish (the last texts into the full-text index, the index into
    // the database) while this one renders the comparison.
    let database = try openDatabase()
    database.close()
    var comparison = try comparisonFeed.finish()
    if splices, previousIndex != nil, let previous {
      // Blocks are copied from the generation the documents are spliced from.
      comparisonBlocks = ComparisonBlocks(previousGeneration: previous)
      comparison.blocks = comparisonBlocks
    }
    var markdown = try BufferedFile(
      path: staging.appendingPathComponent("comparison.md").path, reusing: recycled)
    markdown.copier = copier
    let markdownDigest = try comparison.render(into: &markdown)
    try markdown.finish(syncing: false)
    var html = try BufferedFile(
      path: staging.appendingPathComponent("comparison.html").path, reusing: recycled)
    html.copier = copier
    let htmlDigest = try comparison.renderHTML(into: &html)
    scratch.close()
    try html.finish(syncing: false)
    try comparisonBlocks.write(
      to: staging.appendingPathComponent(ComparisonBlocks.fileName).path, reusing: recycled)
    let metadata = try BufferedFile(
      path: staging.appendingPathComponent("metadata.yml").path, reusing: recycled)
    try metadata.write(DatasetteMetadata.text)
    try metadata.finish(syncing: false)
    try database.finish()
    // Named by what it holds: each document's output bytes (digests kept in the index, so a
    // spliced document counts without being read), the rest of dataset.json, the other files.
    var name = FNV1a()
    name.add(documentsHash.value)
    name.add(tail)
    // The comparison's digests count its copied blocks as rendered ones (`RenderSink`).
    name.add(markdownDigest)
    name.add(htmlDigest)
    name.add(metadata.digest)
    // dataset.sqlite holds the same facts and texts, laid out by its schema: a new layout
    // (tables, indexes, full-text settings) must publish a new generation too.
    name.add(DatasetSQLiteWriter.schema)
    name.add(DatasetSQLiteWriter.indexes)
    // Texts of documents gone since the recycled generation; then every spliced byte and
    // linked text in place, and the previous generation's files closed.
    for key in (recycledTexts ?? recycledLoad.value).keys { removeTexts(key) }
    recycledTexts = [:]
    try copier.finish()
    sources = nil
    try syncFileSystem(of: staging)
    // The database goes to its slot once durable; the generation links to it.
    let databaseLink = staging.appendingPathComponent("dataset.sqlite").path
    if !updatesInPlace { try slots.install(databaseLink, into: slot) }
    try slots.complete(
      slot, index: staging.appendingPathComponent(GenerationIndex.fileName).path, link: databaseLink)
    let generation = try directory.commit(staging: staging, name: String(name.value, radix: 16))
    committed = true
    if let previous, generation == previous.lastPathComponent,
      let published = DatabaseSlots.slot(of: previous)
    {
      // The same outputs were published already (an upgrade that changed none): the
      // database that generation links to holds this run's rows too, and now gets its index,
      // so the next run can update it in place instead of copying it.
      try slots.setIndex(
        of: published, to: previous.appendingPathComponent(GenerationIndex.fileName).path)
    }
    return generation
  }

  /// The dataset's `"skipped" : [...]` member, laid out exactly as `DatasetJSONWriter` lays it
  /// out inside the dataset (the same encoder writes it).
  static func skippedMember(_ files: [SkippedFile]) throws -> String {
    struct Member: Encodable { var skipped: [SkippedFile] }
    let sorted = Dataset(records: [], skipped: files).skipped
    let text = try DatasetCoding.encoder().encode(Member(skipped: sorted))
    // `{\n  "skipped" : […]\n}` without its braces.
    return String(text.dropFirst(2).dropLast(2))
  }

  /// `text/<key>.txt` and `text/<key>.original.txt`: linked from the current generation when
  /// the document came from the cache (same bytes, same pipeline, same texts), or from the
  /// files of the document it is a copy of, else written; a Simplified plan's original is a
  /// second link to its text (creating inodes, not writing bytes, is what a file costs on
  /// ext4).
  private func writeTexts(
    _ document: ProcessedDocument, key: String, copyOf: String?, digest: inout FNV1a
  ) throws {
    let textPath = staging.appendingPathComponent("text/\(key).txt").path
    for text in [document.text, document.original] {
      digest.add(key)
      digest.add(text)
    }
    if keepsRecycledTexts(key, digest: digest.value) { return }
    for (suffix, text) in [("txt", document.text), ("original.txt", document.original)] {
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
      // Never written into: a name left in a recycled folder may be a link shared with the
      // published generation.
      unlink(target)
      try BufferedFile.create(target, holding: text)
    }
  }

  /// Whether the texts of `key` are in the staging folder already: it is an older
  /// generation's, where the document had the same outputs (`digest`, which covers its
  /// texts). Texts it holds for `key` with other outputs are removed (never written into:
  /// they share their file with other generations).
  private func keepsRecycledTexts(_ key: String, digest: UInt64) -> Bool {
    if recycledTexts == nil { recycledTexts = recycledLoad.value }
    guard let held = recycledTexts?.removeValue(forKey: key) else { return false }
    if held == digest { return true }
    removeTexts(key)
    return false
  }

  private func removeTexts(_ key: String) {
    for suffix in [".txt", ".original.txt"] { unlink(stagingPath + "/text/" + key + suffix) }
  }

  /// The texts in the recycled staging folder (see `recycledTexts`), when its `text` folder
  /// holds exactly those of its index (at `path`, removed once read); else the folder is
  /// emptied and none are kept.
  private static func recycledTexts(in staging: URL, index path: String) -> [String: UInt64] {
    var texts: [String: UInt64] = [:]
    if let index = GenerationIndex.load(file: path, files: splicedFiles.count + 1) {
      for entry in index.allEntries { texts[entry.key] = entry.digest }
    }
    unlink(path)
    let folder = staging.appendingPathComponent("text").path
    let names = OutputDirectory.names(in: folder)
    var expected = 0
    for name in names {
      let key =
        name.hasSuffix(".original.txt")
        ? name.dropLast(".original.txt".count) : name.hasSuffix(".txt") ? name.dropLast(4) : ""
      if texts[String(key)] != nil { expected += 1 } else { break }
    }
    guard expected == names.count, names.count == texts.count * 2 else {
      OutputDirectory.removeTree(folder)
      mkdir(folder, 0o755)
      return [:]
    }
    return texts
  }

  /// Makes everything written under `folder` durable before the commit renames it in: the
  /// files are written without a sync each (their write-back started as each was finished),
  /// one `syncfs(2)` of the file system holding them covers them all.
  /// - Throws: `OutputError.writeFailed` when the file system reports a failed write-back.
  private func syncFileSystem(of folder: URL) throws {
    #if canImport(Glibc)
      let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      guard descriptor >= 0 else {
        sync()
        return
      }
      defer { close(descriptor) }
      if planscope_syncfs(descriptor) != 0 {
        throw OutputError.writeFailed(path: folder.path, reason: String(cString: strerror(errno)))
      }
    #else
      sync()
    #endif
  }
}

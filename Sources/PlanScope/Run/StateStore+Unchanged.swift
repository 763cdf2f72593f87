import Foundation

/// The unchanged-run check: a weekly cron job over a corpus where nothing changed should not
/// rewrite a single output.
extension StateStore {
  /// Identifies a complete run: the pipeline fingerprint and every document's path and hash,
  /// in path order. Fed document by document (see `OutputSession`).
  public struct RunKey: Sendable {
    private var hash = FNV1a()

    /// A key for runs of the pipeline with `fingerprint`.
    public init(fingerprint: String) { hash.add(fingerprint) }

    /// Adds the next document.
    public mutating func add(path: String, sha256: String) {
      hash.add(path)
      hash.add(sha256)
    }

    /// Adds a file that is listed as skipped (a new PDF changes the dataset's `skipped`).
    public mutating func add(skipped: SkippedFile) {
      hash.add(skipped.path)
      hash.add("skipped \(skipped.reason.rawValue) \(skipped.detail)")
    }

    /// The key as hex.
    public var value: String { String(hash.value, radix: 16) }
  }

  /// Marks every document seen at `now` and returns how many there are, when nothing changed
  /// since the last complete run: the same paths and that run's outputs `generation` still
  /// published, and each file either with the size and modification time recorded (like git's
  /// index: not read at all) or, when those differ (a copy, `touch`, a checkout), with the same
  /// bytes: `sha256` reads and hashes just those files, and their new stamps are recorded. A
  /// touched file thus costs one read, not a run. Returns nil when a run is needed.
  /// - Throws: `SQLiteError`.
  public func touchIfUnchanged(
    _ files: [CorpusFile], generation: String?, at now: Date,
    sha256: (CorpusFile) -> String? = { _ in nil }
  ) throws -> Int? {
    guard let generation, try meta("generation") == generation,
      let expected = try meta("run_key")
    else { return nil }
    let known = try recordedDocuments()
    guard known.allStamped else { return nil }
    var key = RunKey(fingerprint: fingerprint)
    var read = 0
    var restamped: [(path: String, stamp: FileStamp)] = []
    for file in files {
      switch file.disposition {
      case .read: read += 1
      case .skip(let skipped):
        key.add(skipped: skipped)
        continue
      case .fail: return nil
      }
      guard let entry = known.documents[Array(file.path.utf8)],
        let stamp = FileStamp.of(file.url.path), entry.holds(file, stamp: stamp, sha256: sha256)
      else { return nil }
      if !entry.stamped(stamp) { restamped.append((file.path, stamp)) }
      key.add(path: file.path, sha256: entry.sha)
    }
    guard read == known.documents.count, key.value == expected else { return nil }
    try database.execute("BEGIN IMMEDIATE")
    do {
      try database.run(
        "UPDATE documents SET last_seen = ? WHERE present = 1", rows: [[.text(Self.stamp(now))]])
      try database.run(
        "UPDATE documents SET size = ?, modified = ? WHERE path = ?",
        rows: restamped.map {
          [.integer(Int64($0.stamp.size)), .text($0.stamp.modified), .text($0.path)]
        })
      try database.execute("COMMIT")
    } catch {
      try? database.execute("ROLLBACK")
      throw error
    }
    return read
  }

  /// The files of `files` that are unchanged since the generation whose `index` is given: the
  /// same SHA-256 here as in the index (so the index's bytes are the file's), and the same
  /// size and modification time as recorded here, or, for a file of the same size with
  /// another modification time (a copy, `touch`, a checkout), the same SHA-256 by `sha256`
  /// (only such files are read). Keyed by the UTF-8 bytes of the path.
  /// - Throws: `SQLiteError`.
  public func unchanged(
    _ files: [CorpusFile], in index: GenerationIndex,
    sha256: (CorpusFile) -> String? = { _ in nil }
  ) throws -> [[UInt8]: UnchangedDocument] {
    let known = try recordedDocuments().documents
    var result: [[UInt8]: UnchangedDocument] = [:]
    for file in files {
      guard case .read = file.disposition else { continue }
      let path = Array(file.path.utf8)
      guard let entry = index.entry(file.path), let recorded = known[path],
        recorded.sha == entry.sha256, let stamp = FileStamp.of(file.url.path),
        recorded.holds(file, stamp: stamp, sha256: sha256)
      else { continue }
      result[path] = UnchangedDocument(entry: entry, stamp: stamp)
    }
    return result
  }

  /// What the state recorded of a present document: its hash and its file's stamp.
  struct RecordedDocument {
    var sha: String
    var size: Int64
    var modified: String

    /// Whether the file has the recorded size and modification time.
    func stamped(_ stamp: FileStamp) -> Bool {
      Int64(stamp.size) == size && stamp.modified == modified
    }

    /// Whether `file` (now `stamp`) still holds the recorded bytes: the recorded stamp, or,
    /// for a file of the recorded size whose time changed (a copy, `touch`, a checkout), the
    /// recorded SHA-256 by `sha256` (only such files are read).
    func holds(_ file: CorpusFile, stamp: FileStamp, sha256: (CorpusFile) -> String?) -> Bool {
      stamped(stamp) || (Int64(stamp.size) == size && sha256(file) == sha)
    }
  }

  /// The present documents with a recorded stamp, by the UTF-8 bytes of their path (NFC and NFD
  /// spellings are two paths), and whether every present document has one (states of older
  /// builds may not).
  private func recordedDocuments() throws -> (
    documents: [[UInt8]: RecordedDocument], allStamped: Bool
  ) {
    var documents: [[UInt8]: RecordedDocument] = [:]
    var allStamped = true
    for row in try database.query(
      "SELECT path, sha256, size, modified FROM documents WHERE present = 1")
    {
      guard let path = row[0].text, let sha = row[1].text, case .integer(let size) = row[2],
        let modified = row[3].text
      else {
        allStamped = false
        continue
      }
      documents[Array(path.utf8)] = RecordedDocument(sha: sha, size: size, modified: modified)
    }
    return (documents, allStamped)
  }

  /// Remembers a complete run's key and published generation; nil forgets them (a run with
  /// failures is never skipped).
  /// - Throws: `SQLiteError`.
  public func rememberRun(key: String?, generation: String?) throws {
    try database.run(
      "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
      rows: [
        [.text("run_key"), .text(key ?? "")], [.text("generation"), .text(generation ?? "")],
      ])
  }

  private func meta(_ key: String) throws -> String? {
    let value = try database.query("SELECT value FROM meta WHERE key = ?", [.text(key)]).first?
      .first?.text
    return value?.isEmpty == false ? value : nil
  }
}

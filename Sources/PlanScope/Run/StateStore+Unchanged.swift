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

  /// Marks every document seen at `now` and returns how many there are, without reading them,
  /// when nothing changed since the last complete run: the same paths, each file's size and
  /// modification time as recorded (like git's index), and that run's outputs `generation`
  /// still published. Returns nil when a run is needed.
  /// - Throws: `SQLiteError`.
  public func touchIfUnchanged(_ files: [CorpusFile], generation: String?, at now: Date) throws
    -> Int?
  {
    guard let generation, try meta("generation") == generation,
      let expected = try meta("run_key")
    else { return nil }
    // Keyed by bytes: NFC and NFD spellings of a name are two paths.
    var known: [[UInt8]: (sha: String, size: Int64, modified: String)] = [:]
    for row in try database.query(
      "SELECT path, sha256, size, modified FROM documents WHERE present = 1")
    {
      guard let path = row[0].text, let sha = row[1].text, case .integer(let size) = row[2],
        let modified = row[3].text
      else { return nil }
      known[Array(path.utf8)] = (sha, size, modified)
    }
    var key = RunKey(fingerprint: fingerprint)
    var read = 0
    for file in files {
      switch file.disposition {
      case .read: read += 1
      case .skip(let skipped):
        key.add(skipped: skipped)
        continue
      case .fail: return nil
      }
      guard let entry = known[Array(file.path.utf8)], let stamp = FileStamp.of(file.url.path),
        Int64(stamp.size) == entry.size, stamp.modified == entry.modified
      else { return nil }
      key.add(path: file.path, sha256: entry.sha)
    }
    guard read == known.count, key.value == expected else { return nil }
    try database.run(
      "UPDATE documents SET last_seen = ? WHERE present = 1", rows: [[.text(Self.stamp(now))]])
    return read
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

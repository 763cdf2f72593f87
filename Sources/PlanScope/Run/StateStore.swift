import Foundation

/// Why a state database cannot serve a run.
public enum StateError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The state serves another output folder.
  case otherOutput(state: String, owner: String, output: String)
  /// The file is an SQLite database but not a planscope state.
  case notAState(path: String)

  /// A one-line reason with what to do.
  public var description: String {
    switch self {
    case .otherOutput(let state, let owner, let output):
      "\(state) is the state of the output folder \(owner), not of \(output): give each output folder its own --state (or none: the default is OUTPUT/state.sqlite)"
    case .notAState(let path):
      "\(path) is an SQLite database but not a planscope state (no meta table); it was not changed: give --state a new file or planscope's own state"
    }
  }
}

/// The state database of a output folder (SQLite, WAL): each document's hash, when it was first
/// seen and last changed, its current and previous record, and a cache of records by hash so an
/// unchanged document is not extracted again.
///
/// The cache is tied to a fingerprint of the planscope version and the lexicons; a different
/// fingerprint empties it. Updates happen in one transaction, so a killed run leaves the
/// previous state intact.
public final class StateStore: RecordCache, @unchecked Sendable {
  let database: SQLiteDatabase
  private let lock = NSLock()
  let fingerprint: String
  /// The texts of a document by the SHA-256 of its input, from the published generation's
  /// text files (the cache keeps records only; see `cached(sha256:)`).
  var texts: (@Sendable (String) -> (text: String, original: String)?)?
  /// Whether this run fills a state that has no documents yet (rollback journal until the
  /// first commit; see `init`).
  private var filling = false

  /// The journal of a state being filled for the first time; FULL syncs the journal before
  /// pages it protects are overwritten.
  private static let fillingMode = "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;"
  /// The journal of a state that has been committed once: readers never wait for a run.
  private static let sharedMode = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"

  /// Opens (creating if needed) the state at `path` for a pipeline with `fingerprint`; a
  /// different stored fingerprint empties the cache. With nil (readers: digest, tests) the
  /// cache is left as it is.
  /// - Throws: `SQLiteError`.
  public init(
    path: String, fingerprint: String?, owner: (output: URL, isDefaultLocation: Bool)? = nil
  ) throws {
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    database = try SQLiteDatabase(path: path)
    // Another SQLite file (`--state output/dataset.sqlite`, a user's database) is left as it
    // is: a state has its `meta` table, a new one has no table at all.
    let tables = try database.query("SELECT name FROM sqlite_master WHERE type = 'table'")
      .compactMap { $0.first?.text }
    if !tables.isEmpty && !tables.contains("meta") {
      throw StateError.notAState(path: path)
    }
    try Self.migrate(database)
    // Ownership first: a state of another output folder must not lose its cache.
    if let owner {
      try Self.claim(database, output: owner.output, isDefaultLocation: owner.isDefaultLocation)
    }
    if fingerprint != nil {
      // A state without documents is being filled for the first time: nobody can be reading
      // an earlier version of it, so WAL's reader isolation buys nothing, while the rollback
      // journal writes each new page once (WAL writes it twice: the log, then the
      // checkpoint). The first commit switches the file to WAL for every later run.
      let documents = try database.query("SELECT EXISTS (SELECT 1 FROM documents)")
      filling = documents.first?.first?.integer == 0
      try database.execute(filling ? Self.fillingMode : Self.sharedMode)
    }
    let stored = try database.query("SELECT value FROM meta WHERE key = 'fingerprint'").first?
      .first?.text
    self.fingerprint = fingerprint ?? stored ?? ""
    if let fingerprint, stored != fingerprint {
      try database.execute("BEGIN; DELETE FROM cache;")
      try database.run(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?)",
        rows: [[.text(fingerprint)]])
      try database.execute("COMMIT")
    }
  }

  /// Creates or upgrades the schema in one transaction: a run killed halfway through leaves
  /// the previous schema, never half of the new one.
  /// - Throws: `SQLiteError`.
  static func migrate(_ database: SQLiteDatabase) throws {
    // Deferred: a current schema is only read, so a reader (digest) never waits for a run.
    try database.execute("BEGIN")
    do {
      try database.execute(
        """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS cache (
          sha256 TEXT PRIMARY KEY, record TEXT NOT NULL, text TEXT NOT NULL, original TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS documents (
          path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, first_seen TEXT NOT NULL, last_changed TEXT NOT NULL,
          last_seen TEXT NOT NULL, present INTEGER NOT NULL, record TEXT NOT NULL, previous_record TEXT,
          removed_at TEXT);
        """)
      // Added after the first release: file stamps for the unchanged-run check. Each column
      // is checked on its own (a state from a build that migrated one at a time may have one).
      let columns = try database.query("PRAGMA table_info(documents)").compactMap { $0[1].text }
      for (column, type) in [("size", "INTEGER"), ("modified", "TEXT")]
      where !columns.contains(column) {
        try database.execute("ALTER TABLE documents ADD COLUMN \(column) \(type)")
      }
      try database.execute("COMMIT")
    } catch {
      try? database.execute("ROLLBACK")
      throw error
    }
  }

  /// Ties the state to the output folder it serves. A state at its default place inside the
  /// folder follows the folder when it moves; one given with `--state` must serve one output
  /// folder only (two folders sharing one state would each see the other's documents as
  /// removed, and skip runs on the other's outputs).
  /// - Throws: `StateError.otherOutput` or `SQLiteError`.
  public func claim(output: URL, isDefaultLocation: Bool) throws {
    try Self.claim(database, output: output, isDefaultLocation: isDefaultLocation)
  }

  private static func claim(_ database: SQLiteDatabase, output: URL, isDefaultLocation: Bool)
    throws
  {
    let current = RealPath.string(output)
    let stored = try database.query("SELECT value FROM meta WHERE key = 'output'").first?.first?
      .text
    if !isDefaultLocation, let stored, stored != current {
      throw StateError.otherOutput(state: database.path, owner: stored, output: current)
    }
    if stored != current {
      try database.run(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('output', ?)", rows: [[.text(current)]])
    }
  }

  /// The cached document for bytes with this hash, if any. The cache keeps each record; its
  /// texts are read from the published generation (`texts`), which has them as files, so the
  /// state does not hold every text a second time. Bytes whose texts are not published any
  /// more (an old version come back) are a miss, extracted again. Caches of older releases
  /// still hold texts, and those are used.
  public func cached(sha256: String) -> ProcessedDocument? {
    lock.lock()
    defer { lock.unlock() }
    guard
      let row = try? database.query(
        "SELECT record, text, original FROM cache WHERE sha256 = ?", [.text(sha256)]
      ).first,
      row.count == 3, let json = Self.recordJSON(row[0]), let text = row[1].text,
      let original = row[2].text,
      let record = try? DatasetCoding.decoder().decode(DocumentRecord.self, from: Data(json.utf8))
    else { return nil }
    if text.isEmpty {
      guard let published = texts?(sha256) else { return nil }
      return ProcessedDocument(
        record: record, text: published.text, original: published.original, cached: true)
    }
    // An empty original stands for "the same as the text" (see `record`).
    return ProcessedDocument(
      record: record, text: text, original: original.isEmpty ? text : original, cached: true)
  }

  /// Records a run at `now`: new paths are first seen, changed hashes change, paths not in
  /// `documents` (and not in `failed`) are no longer present. One transaction.
  /// - Throws: `SQLiteError` or an encoding error.
  public func record(_ documents: [ProcessedDocument], failed: Set<String> = [], at now: Date)
    throws
  {
    let update = try beginUpdate(at: now)
    for document in documents { try update.add(document) }
    for path in failed.sorted() { try update.addFailure(path: path) }
    try update.commit()
  }

  /// Starts recording a run at `now`; documents are added as they stream by and the whole run
  /// is one transaction, committed by `StateUpdate.commit()` (a killed run leaves the previous
  /// state).
  /// - Throws: `SQLiteError`.
  public func beginUpdate(at now: Date) throws -> StateUpdate {
    lock.lock()
    defer { lock.unlock() }
    try database.execute(
      """
      CREATE TEMP TABLE IF NOT EXISTS seen (path TEXT PRIMARY KEY);
      DELETE FROM temp.seen;
      BEGIN IMMEDIATE;
      """)
    return StateUpdate(store: self, stamp: Self.stamp(now))
  }

  /// Adds one document to the open update.
  func recordDocument(
    _ document: ProcessedDocument, stamp: String, encoder: RecordEncoder
  ) throws {
    lock.lock()
    defer { lock.unlock() }
    let path = document.record.source.path
    let sha = document.record.source.sha256
    try database.run("INSERT OR IGNORE INTO temp.seen (path) VALUES (?)", rows: [[.text(path)]])
    let known = try database.query("SELECT sha256 FROM documents WHERE path = ?", [.text(path)])
      .first?.first?.text
    let size = SQLiteValue(document.stamp?.size)
    let modified = SQLiteValue(document.stamp?.modified)
    if document.cached, known == sha {
      // Same bytes at the same path under the same pipeline: the stored record is this one.
      try database.run(
        "UPDATE documents SET last_seen = ?, present = 1, removed_at = NULL, size = ?, modified = ? WHERE path = ?",
        rows: [[.text(stamp), size, modified, .text(path)]])
      return
    }
    let json = SQLiteValue.blob(
      try document.encoded?.stateRecord
        ?? Zlib.compress(document.encoded?.stateJSON ?? encoder.stateJSON(document.record)))
    if !document.cached {
      // The record only: its texts are published as files (see `cached(sha256:)`).
      try database.run(
        "INSERT OR REPLACE INTO cache (sha256, record, text, original) VALUES (?,?,'','')",
        rows: [[.text(sha), json]])
    }
    switch known {
    case sha:
      try database.run(
        "UPDATE documents SET last_seen = ?, present = 1, removed_at = NULL, record = ?, size = ?, modified = ? WHERE path = ?",
        rows: [[.text(stamp), json, size, modified, .text(path)]])
    case .some:
      try database.run(
        "UPDATE documents SET sha256 = ?, last_changed = ?, last_seen = ?, present = 1, removed_at = NULL, previous_record = record, record = ?, size = ?, modified = ? WHERE path = ?",
        rows: [[.text(sha), .text(stamp), .text(stamp), json, size, modified, .text(path)]])
    case nil:
      try database.run(
        "INSERT INTO documents (path, sha256, first_seen, last_changed, last_seen, present, record, size, modified) VALUES (?,?,?,?,?,1,?,?,?)",
        rows: [
          [
            .text(path), .text(sha), .text(stamp), .text(stamp), .text(stamp), json, size,
            modified,
          ]
        ])
    }
  }

  /// Records, in the open update, a document found unchanged without being read.
  func recordUnchanged(path: String, stamp: String, file: FileStamp?) throws {
    lock.lock()
    defer { lock.unlock() }
    try database.run("INSERT OR IGNORE INTO temp.seen (path) VALUES (?)", rows: [[.text(path)]])
    try database.run(
      "UPDATE documents SET last_seen = ?, present = 1, removed_at = NULL, size = ?, modified = ? WHERE path = ?",
      rows: [[.text(stamp), SQLiteValue(file?.size), SQLiteValue(file?.modified), .text(path)]])
  }

  /// Marks a path as failed in the open update: it keeps its state instead of being removed;
  /// a folder that could not be listed keeps the state of every document below it.
  func recordFailure(path: String) throws {
    lock.lock()
    defer { lock.unlock() }
    try database.run("INSERT OR IGNORE INTO temp.seen (path) VALUES (?)", rows: [[.text(path)]])
    try database.run(
      "INSERT OR IGNORE INTO temp.seen (path) SELECT path FROM documents WHERE substr(path, 1, length(?1)) = ?1",
      rows: [[.text(path + "/")]])
  }

  /// Marks every path the run did not see as removed and commits.
  func commitUpdate(stamp: String) throws {
    lock.lock()
    defer { lock.unlock() }
    try database.run(
      "UPDATE documents SET removed_at = CASE present WHEN 1 THEN ? ELSE removed_at END, present = 0 WHERE path NOT IN (SELECT path FROM temp.seen)",
      rows: [[.text(stamp)]])
    try database.execute("COMMIT; DELETE FROM temp.seen;")
    if filling {
      // A reader that opened the file meanwhile keeps it in rollback mode until the next
      // run, which switches it (the state is not new any more).
      filling = (try? database.execute(Self.sharedMode)) == nil
    }
  }

  /// Abandons the open update.
  func rollbackUpdate() {
    lock.lock()
    defer { lock.unlock() }
    try? database.execute("ROLLBACK")
  }

  /// A stored record's JSON: records are kept as zlib streams of their compact JSON (a sixth
  /// of its size; JSON text in states of earlier releases, still read).
  static func recordJSON(_ value: SQLiteValue) -> String? {
    switch value {
    case .text(let json): json
    case .blob(let bytes): Zlib.decompressText(bytes)
    default: nil
    }
  }

  /// Every document the state knows, sorted by path.
  /// - Throws: `SQLiteError`.
  public func entries() throws -> [StateEntry] {
    lock.lock()
    defer { lock.unlock() }
    let decoder = DatasetCoding.decoder()
    return try database.query(
      "SELECT path, sha256, first_seen, last_changed, last_seen, present, record, previous_record, removed_at FROM documents ORDER BY path"
    ).compactMap { row in
      guard let path = row[0].text, let sha = row[1].text,
        let first = row[2].text.flatMap(Self.date),
        let changed = row[3].text.flatMap(Self.date), let seen = row[4].text.flatMap(Self.date),
        let json = Self.recordJSON(row[6]),
        let record = try? decoder.decode(DocumentRecord.self, from: Data(json.utf8))
      else { return nil }
      let previous = Self.recordJSON(row[7]).flatMap {
        try? decoder.decode(DocumentRecord.self, from: Data($0.utf8))
      }
      return StateEntry(
        path: path, sha256: sha, firstSeen: first, lastChanged: changed, lastSeen: seen,
        present: row[5].integer == 1, removedAt: row[8].text.flatMap(Self.date), record: record,
        previous: previous)
    }
  }

  /// Whether the database passes SQLite's integrity check.
  public func isIntact() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return (try? database.query("PRAGMA integrity_check").first?.first?.text) == "ok"
  }

  static func stamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  static func date(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.date(from: text)
  }
}

/// One run being recorded in the state database (see `StateStore.beginUpdate(at:)`).
public final class StateUpdate {
  private let store: StateStore
  private let stamp: String
  /// Compact JSON with the dataset's keys (the cache decodes it with `DatasetCoding`).
  private let encoder = RecordEncoder()
  private var open = true

  init(store: StateStore, stamp: String) {
    self.store = store
    self.stamp = stamp
  }

  deinit { if open { store.rollbackUpdate() } }

  /// Records a processed document.
  /// - Throws: `SQLiteError` or an encoding error.
  public func add(_ document: ProcessedDocument) throws {
    try store.recordDocument(document, stamp: stamp, encoder: encoder)
  }

  /// Records a document found unchanged without being read (its stored record stays).
  /// - Throws: `SQLiteError`.
  public func addUnchanged(path: String, stamp: FileStamp?) throws {
    try store.recordUnchanged(path: path, stamp: self.stamp, file: stamp)
  }

  /// Records a path that failed this run (its state is kept).
  /// - Throws: `SQLiteError`.
  public func addFailure(path: String) throws {
    try store.recordFailure(path: path)
  }

  /// Marks unseen paths removed and commits the run.
  /// - Throws: `SQLiteError`.
  public func commit() throws {
    guard open else { return }
    open = false
    do {
      try store.commitUpdate(stamp: stamp)
    } catch {
      store.rollbackUpdate()
      throw error
    }
  }
}

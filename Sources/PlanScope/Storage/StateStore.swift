import Foundation

/// What the state database knows about one document path.
public struct StateEntry: Sendable, Hashable {
  /// `source.path`.
  public var path: String
  /// SHA-256 of the bytes last seen.
  public var sha256: String
  /// When the path was first seen.
  public var firstSeen: Date
  /// When its bytes last changed (first seen counts as a change).
  public var lastChanged: Date
  /// When a run last saw it.
  public var lastSeen: Date
  /// Whether the latest run saw it.
  public var present: Bool
  /// When a run first missed it, while it is missing.
  public var removedAt: Date?
  /// Its current record.
  public var record: DocumentRecord
  /// Its record before the last change, if it changed after it was first seen.
  public var previous: DocumentRecord?
}

/// The state database of a output folder (SQLite, WAL): each document's hash, when it was first
/// seen and last changed, its current and previous record, and a cache of records by hash so an
/// unchanged document is not extracted again.
///
/// The cache is tied to a fingerprint of the planscope version and the lexicons; a different
/// fingerprint empties it. Updates happen in one transaction, so a killed run leaves the
/// previous state intact.
public final class StateStore: RecordCache, @unchecked Sendable {
  private let database: SQLiteDatabase
  private let lock = NSLock()

  /// Opens (creating if needed) the state at `path` for a pipeline with `fingerprint`.
  /// - Throws: `SQLiteError`.
  public init(path: String, fingerprint: String) throws {
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    database = try SQLiteDatabase(path: path)
    try database.execute(
      """
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS cache (
        sha256 TEXT PRIMARY KEY, record TEXT NOT NULL, text TEXT NOT NULL, original TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS documents (
        path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, first_seen TEXT NOT NULL, last_changed TEXT NOT NULL,
        last_seen TEXT NOT NULL, present INTEGER NOT NULL, record TEXT NOT NULL, previous_record TEXT,
        removed_at TEXT);
      """)
    let stored = try database.query("SELECT value FROM meta WHERE key = 'fingerprint'").first?
      .first?.text
    if stored != fingerprint {
      try database.execute("BEGIN; DELETE FROM cache;")
      try database.run(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?)",
        rows: [[.text(fingerprint)]])
      try database.execute("COMMIT")
    }
  }

  /// The cached document for bytes with this hash, if any.
  public func cached(sha256: String) -> ProcessedDocument? {
    lock.lock()
    defer { lock.unlock() }
    guard
      let row = try? database.query(
        "SELECT record, text, original FROM cache WHERE sha256 = ?", [.text(sha256)]
      ).first,
      row.count == 3, let json = row[0].text, let text = row[1].text, let original = row[2].text,
      let record = try? DatasetCoding.decoder().decode(DocumentRecord.self, from: Data(json.utf8))
    else { return nil }
    return ProcessedDocument(record: record, text: text, original: original, cached: true)
  }

  /// Records a run at `now`: new paths are first seen, changed hashes change, paths not in
  /// `documents` (and not in `failed`) are no longer present. One transaction.
  /// - Throws: `SQLiteError` or an encoding error.
  public func record(_ documents: [ProcessedDocument], failed: Set<String> = [], at now: Date)
    throws
  {
    lock.lock()
    defer { lock.unlock() }
    let stamp = Self.stamp(now)
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys]
    var known: [String: (sha: String, record: String)] = [:]
    for row in try database.query("SELECT path, sha256, record FROM documents") {
      if let path = row[0].text, let sha = row[1].text, let record = row[2].text {
        known[path] = (sha, record)
      }
    }
    try database.execute("BEGIN IMMEDIATE")
    do {
      var seen = Set<String>()
      for document in documents {
        let path = document.record.source.path
        let sha = document.record.source.sha256
        let json = String(decoding: try encoder.encode(document.record), as: UTF8.self)
        seen.insert(path)
        if !document.cached {
          try database.run(
            "INSERT OR REPLACE INTO cache (sha256, record, text, original) VALUES (?,?,?,?)",
            rows: [[.text(sha), .text(json), .text(document.text), .text(document.original)]])
        }
        if let previous = known[path] {
          if previous.sha == sha {
            try database.run(
              "UPDATE documents SET last_seen = ?, present = 1, removed_at = NULL, record = ? WHERE path = ?",
              rows: [[.text(stamp), .text(json), .text(path)]])
          } else {
            try database.run(
              "UPDATE documents SET sha256 = ?, last_changed = ?, last_seen = ?, present = 1, removed_at = NULL, previous_record = record, record = ? WHERE path = ?",
              rows: [[.text(sha), .text(stamp), .text(stamp), .text(json), .text(path)]])
          }
        } else {
          try database.run(
            "INSERT INTO documents (path, sha256, first_seen, last_changed, last_seen, present, record) VALUES (?,?,?,?,?,1,?)",
            rows: [
              [.text(path), .text(sha), .text(stamp), .text(stamp), .text(stamp), .text(json)]
            ])
        }
      }
      let gone = known.keys.filter { !seen.contains($0) && !failed.contains($0) }.sorted()
      try database.run(
        "UPDATE documents SET removed_at = CASE present WHEN 1 THEN ? ELSE removed_at END, present = 0 WHERE path = ?",
        rows: gone.map { [.text(stamp), .text($0)] })
      try database.execute("COMMIT")
    } catch {
      try? database.execute("ROLLBACK")
      throw error
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
        let json = row[6].text,
        let record = try? decoder.decode(DocumentRecord.self, from: Data(json.utf8))
      else { return nil }
      let previous = row[7].text.flatMap {
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

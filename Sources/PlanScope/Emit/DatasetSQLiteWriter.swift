import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes the dataset as a SQLite database (`output/dataset.sqlite`) laid out the way
/// Datasette and sqlite-utils expect:
/// - the tables of `ExportTables` (documents, issuers, tasks, responsibilities, targets,
///   deadlines, warnings), each with single-column foreign keys to `documents` (and
///   responsibilities to `tasks`), so Datasette links every row to its plan;
/// - `document_texts` (each document's normalized text, and its original script when that
///   differs) with `document_texts_fts`, an FTS5 external-content index on it (what
///   `sqlite-utils enable-fts` makes; trigram tokenizer, so Chinese substrings of three
///   characters or more match in either script);
/// - the views `targets_by_family` and `who_leads_what`, the comparison's analyses in SQL.
///
/// Row counts equal the dataset's. Called with a temporary path that is renamed into place
/// afterwards.
public struct DatasetSQLiteWriter: Sendable {
  private let groups: ComparisonLexicon?

  /// Creates a writer; `groups` fills the `indicator_family` and `function` columns.
  public init(groups: ComparisonLexicon? = nil) { self.groups = groups }

  /// The schema: the export tables, then the texts and their full-text index.
  static let schema =
    "PRAGMA foreign_keys = ON;\n"
    + ExportTables.all.map(createTable).joined(separator: "\n") + "\n"
    + FullTextIndex.schema

  /// `CREATE TABLE` for the database columns of `table`.
  private static func createTable(_ table: AnyExportTable) -> String {
    let columns = table.columnIndexes(in: .sqlite).map { index in
      let column = table.columns[index]
      return ([column.name, column.sqlType] + (column.constraint.isEmpty ? [] : [column.constraint]))
        .joined(separator: " ")
    }
    return "CREATE TABLE \(table.name) (\n  "
      + (columns + table.constraints).joined(separator: ",\n  ") + ");"
  }

  /// The secondary indexes and the views, made once every row is in (sorting each column
  /// once instead of inserting every row into each index in key order as it comes).
  static let indexes = """
    CREATE INDEX documents_jurisdiction ON documents(jurisdiction);
    CREATE INDEX tasks_document ON tasks(document_key);
    CREATE INDEX targets_document ON targets(document_key);
    CREATE INDEX targets_indicator ON targets(indicator);
    CREATE INDEX targets_family ON targets(indicator_family, jurisdiction);
    CREATE INDEX responsibilities_document ON responsibilities(document_key);
    CREATE INDEX responsibilities_task ON responsibilities(task_key);
    CREATE INDEX responsibilities_department ON responsibilities(department);
    CREATE INDEX responsibilities_function ON responsibilities(function, role);
    CREATE INDEX deadlines_document ON deadlines(document_key);
    CREATE INDEX deadlines_date ON deadlines(date);
    CREATE INDEX warnings_document ON warnings(document_key);
    CREATE VIEW targets_by_family AS
      SELECT indicator_family, targets.jurisdiction, normalized_unit, count(*) AS targets,
        count(DISTINCT targets.document_key) AS plans, min(normalized_value) AS min_value,
        max(normalized_value) AS max_value
      FROM targets JOIN documents USING (document_key)
      WHERE documents.duplicate_of IS NULL
      GROUP BY indicator_family, targets.jurisdiction, normalized_unit;
    CREATE VIEW who_leads_what AS
      SELECT function, coalesce(canonical, department) AS department,
        count(*) AS lead_tasks, count(DISTINCT responsibilities.document_key) AS plans
      FROM responsibilities JOIN documents USING (document_key)
      WHERE role = 'lead' AND documents.duplicate_of IS NULL
      GROUP BY function, coalesce(canonical, department);
    """

  /// The shipped search (a canned query of `metadata.yml`): the full-text index for three
  /// characters or more, and `instr()` over both scripts for shorter words (the trigram
  /// tokenizer cannot match 农膜 or 秸秆), with a snippet around the match.
  public static let searchQuery = """
    SELECT d.document_key, d.title, d.jurisdiction,
      snippet(document_texts_fts, -1, '【', '】', '…', 24) AS snippet
    FROM document_texts_fts
      JOIN document_texts t ON t.rowid = document_texts_fts.rowid
      JOIN documents d ON d.document_key = t.document_key
    WHERE length(:q) >= 3 AND document_texts_fts MATCH '"' || replace(:q, '"', '""') || '"'
    UNION ALL
    SELECT d.document_key, d.title, d.jurisdiction,
      CASE WHEN instr(t.text, :q) > 0
        THEN substr(t.text, max(1, instr(t.text, :q) - 24), 48 + length(:q))
        ELSE substr(t.original, max(1, instr(t.original, :q) - 24), 48 + length(:q)) END
    FROM document_texts t JOIN documents d ON d.document_key = t.document_key
    WHERE length(:q) < 3 AND (instr(t.text, :q) > 0 OR instr(t.original, :q) > 0)
    """

  /// Creates the database at `path` (which must not exist) holding `dataset`; `texts` maps a
  /// document's key to its normalized text for the full-text index.
  /// - Throws: `SQLiteError`.
  public func write(_ dataset: Dataset, texts: [String: String], to path: String) throws {
    let builder = try DatasetSQLiteBuilder(path: path)
    for record in dataset.documents {
      try builder.add(
        ExportRecord(record, groups: groups), text: texts[record.key], original: nil)
    }
    try builder.finish()
  }
}

/// Fills a new dataset database one record at a time inside one transaction, so a run never
/// holds more than one document's rows in memory.
public final class DatasetSQLiteBuilder {
  private let database: SQLiteDatabase
  /// `INSERT` for each table of `ExportTables.all`, with the indexes of its database columns.
  private let inserts: [(sql: String, columns: [Int])]
  private var textRow: Int64 = 0
  /// Whether the database is a copy of an earlier one being updated (else it is new).
  private let updating: Bool
  /// A new database's full-text index, built beside it (nil when updating: the index is then
  /// updated in place).
  private let index: FullTextIndexBuilder?
  /// When updating: the index entries to delete and add, applied in batches in row order
  /// (`FullTextIndexChanges.apply`).
  private var indexChanges: FullTextIndexChanges

  /// Creates the database at `path` (which must not exist) and opens its transaction.
  /// - Throws: `SQLiteError` or `OutputError`.
  public init(path: String) throws {
    database = try Self.create(path: path, schema: DatasetSQLiteWriter.schema)
    updating = false
    index = try FullTextIndexBuilder(path: path + ".index")
    inserts = Self.inserts()
    indexChanges = FullTextIndexChanges()
  }

  /// Opens the existing database at `path` (an earlier run's, with the same schema) to update
  /// it in place in one transaction, without a journal (a file a killed run was writing is
  /// not used again: `DatabaseSlots` marks it until it is synced): documents are then kept
  /// (`keep`), replaced (`add`),
  /// copied from the database at `source` (`keep(_:copying:)`, for documents whose rows
  /// here are out of date) or, at `finish`, removed when none of these was called for them,
  /// so its rows and full-text index end up those a new database filled with the same
  /// documents would hold, at the cost of what changed. Changes to the full-text index wait
  /// in batches of about `indexBatchBytes` of texts (`FullTextIndexChanges`).
  /// - Throws: `SQLiteError`.
  public init(
    updatingInPlace path: String, copyingFrom source: String,
    indexBatchBytes: Int = FullTextIndexChanges.batchBytes
  ) throws {
    indexChanges = FullTextIndexChanges(batchBytes: indexBatchBytes)
    // ATTACH would create a missing file.
    guard access(source, R_OK) == 0, access(path, W_OK) == 0 else {
      throw OutputError.writeFailed(
        path: access(source, R_OK) == 0 ? path : source, reason: String(cString: strerror(errno)))
    }
    database = try SQLiteDatabase(path: path)
    // No journal and no syncs: the caller marks the file as being written until the run's
    // sync covers it (`DatabaseSlots`), and a file found marked is replaced, so a journal
    // would protect nothing and doubled every page written (with SQLite's 2 MB page cache,
    // updating 200 plans of 20,000 read 930,000 pages and synced the journal 138 times).
    try database.execute(
      "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON; "
        + "PRAGMA cache_size = -32768;")
    try database.run("ATTACH DATABASE ? AS source", rows: [[.text(source)]])
    try database.execute("CREATE TEMP TABLE kept (document_key TEXT PRIMARY KEY); BEGIN")
    // The index's automatic merges wait until `finish` restores them: merging segments while
    // a few hundred plans are deleted and inserted cost as much again as the changes
    // (200 plans' index entries, on a copy: 1.7 s with merges, 0.8 s without).
    try database.execute(FullTextIndex.automerge(0))
    textRow = try database.query("SELECT max(rowid) FROM document_texts").first?.first?
      .integer ?? 0
    updating = true
    index = nil
    inserts = Self.inserts()
  }

  /// `INSERT` for each table of `ExportTables.all`, with the indexes of its database columns.
  private static func inserts() -> [(sql: String, columns: [Int])] {
    ExportTables.all.map { table in
      let columns = table.columnIndexes(in: .sqlite)
      let names = columns.map { table.columns[$0].name }.joined(separator: ", ")
      let marks = Array(repeating: "?", count: columns.count).joined(separator: ",")
      return ("INSERT INTO \(table.name) (\(names)) VALUES (\(marks))", columns)
    }
  }

  /// Creates the database at `path` (which must not exist) with `schema` and opens its
  /// transaction.
  /// - Throws: `SQLiteError`.
  package static func create(path: String, schema: String) throws -> SQLiteDatabase {
    let database = try SQLiteDatabase(path: path)
    // A new file in a staging folder, published by a rename after a sync: a rollback journal
    // or per-transaction syncs would protect nothing.
    try database.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    try database.execute(schema)
    try database.execute("BEGIN")
    return database
  }

  /// Adds one record (records must come sorted by path), its normalized text and its text as
  /// written (nil or equal to `text` when the plan is Simplified).
  /// - Throws: `SQLiteError`.
  package func add(_ record: ExportRecord, text: String?, original: String?) throws {
    if updating {
      try remove(record.key)
      try keep(record.key)
    }
    for (table, insert) in zip(ExportTables.all, inserts) {
      let rows = table.cells(record)
      guard !rows.isEmpty else { continue }
      try database.run(
        insert.sql, rows: rows.map { row in insert.columns.map { SQLiteValue(row[$0]) } })
    }
    if let text {
      textRow += 1
      let original = original == text ? nil : original
      try FullTextIndex.store(text, original: original, key: record.key, row: textRow, in: database)
      if let index {
        try index.add(text, original: original, row: textRow)
      } else {
        try queueIndexing(text, original: original, row: textRow)
      }
    }
  }

  /// Adds the texts stored as row `row` to the index of a database being updated: queued
  /// with the other changes (see `FullTextIndexChanges`).
  private func queueIndexing(_ text: String, original: String?, row: Int64) throws {
    indexChanges.add(row, text, original)
    if indexChanges.isFull { try indexChanges.apply(to: database) }
  }

  /// Keeps the document with `key` (a database being updated): its rows as they are, or,
  /// `copying`, as the source database holds them (its rows here are out of date).
  /// - Throws: `SQLiteError`.
  package func keep(_ key: String, copying: Bool) throws {
    if copying {
      try remove(key)
      // Parents first (documents → tasks → responsibilities), as `add` inserts them.
      for table in ExportTables.all {
        try database.run(
          "INSERT INTO main.\(table.name) SELECT * FROM source.\(table.name) WHERE document_key = ?",
          rows: [[.text(key)]])
      }
      let texts = try database.query(
        "SELECT text, original FROM source.document_texts WHERE document_key = ?", [.text(key)])
      if let row = texts.first, let text = row.first?.text {
        textRow += 1
        let original = row.count > 1 ? row[1].text : nil
        try FullTextIndex.store(text, original: original, key: key, row: textRow, in: database)
        try queueIndexing(text, original: original, row: textRow)
      }
    }
    try keep(key)
  }

  /// Keeps the rows of the document with `key` as they are (a database being updated).
  /// - Throws: `SQLiteError`.
  package func keep(_ key: String) throws {
    try database.run("INSERT OR IGNORE INTO temp.kept (document_key) VALUES (?)", rows: [[.text(key)]])
  }

  /// Builds the secondary indexes and views and commits the transaction; a database being
  /// updated has them already and loses the documents neither kept nor added.
  /// - Throws: `SQLiteError`.
  public func finish() throws {
    if updating {
      let gone = try database.query(
        "SELECT document_key FROM documents WHERE document_key NOT IN (SELECT document_key FROM temp.kept)"
      ).compactMap { $0.first?.text }
      for key in gone { try remove(key) }
      try indexChanges.apply(to: database)
      // The setting a new database has (`FullTextIndex.schema`).
      try database.execute(FullTextIndex.automerge(FullTextIndex.automergeSegments))
    } else {
      try database.execute(DatasetSQLiteWriter.indexes)
    }
    try database.execute("COMMIT")
    if let index { try index.finish(into: database) }
  }

  /// Abandons the database from any thread: stops its full-text index's thread, if any.
  func cancel() { index?.cancel() }

  deinit { index?.cancel() }

  /// Deletes every row of the document with `key`, its texts and their index entries
  /// (an external-content index forgets a row through its 'delete' command, given the
  /// values it indexed: queued with them, see `FullTextIndexChanges`).
  private func remove(_ key: String) throws {
    for row in try database.query(
      "SELECT rowid, text, original FROM document_texts WHERE document_key = ?", [.text(key)])
    {
      guard let id = row[0].integer, let text = row[1].text else { continue }
      // A row indexed in this batch is forgotten after it is indexed (not before: FTS5
      // would subtract terms it does not hold yet).
      if indexChanges.adds(id) { try indexChanges.apply(to: database) }
      indexChanges.delete(id, text, row[2].text)
    }
    if indexChanges.isFull { try indexChanges.apply(to: database) }
    try database.run("DELETE FROM document_texts WHERE document_key = ?", rows: [[.text(key)]])
    // Rows that refer to others first (responsibilities → tasks → documents).
    for table in ExportTables.all.reversed() {
      try database.run(
        "DELETE FROM \(table.name) WHERE document_key = ?", rows: [[.text(key)]])
    }
  }

  /// Copies the file at `source` to `target` (which must not exist) in the kernel: as a clone
  /// sharing the source's blocks where the file system can (`FICLONE`: XFS, Btrfs; the copy
  /// then costs no time and no disk until pages change), else byte for byte.
  static func copy(_ source: String, to target: String) throws {
    let input = try SourceFile(path: source)
    var info = stat()
    guard fstat(input.descriptor, &info) == 0 else {
      throw OutputError.writeFailed(path: source, reason: String(cString: strerror(errno)))
    }
    if clone(input.descriptor, to: target) { return }
    // Not synced here: the run's one sync before it publishes covers the copy, whose
    // write-back starts now.
    let file = try BufferedFile(path: target)
    try file.splice(from: input, 0..<Int(info.st_size))
    try file.finish(syncing: false)
  }

  /// Makes `target` (which must not exist) a clone of the open file `input`; false, leaving
  /// no file, where the file system cannot (ext4, tmpfs: `EOPNOTSUPP`; another file system:
  /// `EXDEV`).
  private static func clone(_ input: Int32, to target: String) -> Bool {
    #if os(Linux)
      let output = open(target, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
      guard output >= 0 else { return false }
      // FICLONE is _IOW(0x94, 9, int).
      let cloned = ioctl(output, 0x4004_9409, input) == 0
      close(output)
      if !cloned { unlink(target) }
      return cloned
    #else
      return false
    #endif
  }
}

extension SQLiteValue {
  /// The database value of an export cell (a flag is 1 or 0).
  init(_ cell: ExportCell) {
    switch cell {
    case .text(let value): self.init(value)
    case .integer(let value): self.init(value)
    case .real(let value): self.init(value)
    case .flag(let value): self = .integer(value ? 1 : 0)
    }
  }
}

/// `document_texts` and `document_texts_fts`, the FTS5 external-content index over each
/// document's normalized text and original script (trigram tokenizer, so Chinese substrings of
/// three characters or more match): their tables and the statements that fill them, shared by
/// the dataset database and the benchmark that times the index on its own.
package enum FullTextIndex {
  /// The tables. The index buffers 4 MB of terms (FTS5's default of 1 MB flushes so often that
  /// merging its small segments took half of the index's CPU) and merges 16 segments of a
  /// level at once instead of 4. `content=[document_texts]` is the form Datasette and
  /// sqlite-utils look for to find a table's index.
  package static let schema = """
    CREATE TABLE document_texts (
      document_key TEXT NOT NULL UNIQUE REFERENCES documents(document_key), text TEXT NOT NULL,
      original TEXT);
    CREATE VIRTUAL TABLE document_texts_fts USING fts5(
      text, original, content=[document_texts], tokenize = 'trigram');
    INSERT INTO document_texts_fts (document_texts_fts, rank) VALUES ('hashsize', 4194304);
    INSERT INTO document_texts_fts (document_texts_fts, rank) VALUES ('automerge', \(automergeSegments));
    """

  /// Segments of a level the index merges at once.
  static let automergeSegments = 16

  /// The statement setting how many segments of a level the index merges at once (0: none).
  static func automerge(_ segments: Int) -> String {
    "INSERT INTO document_texts_fts (document_texts_fts, rank) VALUES ('automerge', \(segments));"
  }

  /// The index's own tables (FTS5's shadow tables of an external-content index), which hold
  /// the whole index: copying their rows copies the index.
  static let shadowTables = ["data", "idx", "docsize", "config"].map { "document_texts_fts_" + $0 }

  /// Stores and indexes the texts of the document with `key` as row `row` (inside the
  /// caller's transaction); `original` is nil when it is the text itself.
  /// - Throws: `SQLiteError`.
  package static func add(
    _ text: String, original: String?, key: String, row: Int64, to database: SQLiteDatabase
  ) throws {
    try store(text, original: original, key: key, row: row, in: database)
    try index(text, original: original, row: row, in: database)
  }

  /// Stores the texts of the document with `key` as row `row` of `document_texts`.
  /// - Throws: `SQLiteError`.
  static func store(
    _ text: String, original: String?, key: String, row: Int64, in database: SQLiteDatabase
  ) throws {
    try database.run(
      "INSERT INTO document_texts (rowid, document_key, text, original) VALUES (?,?,?,?)",
      rows: [[.integer(row), .text(key), .text(text), SQLiteValue(original)]])
  }

  /// Indexes the texts stored as row `row` of `document_texts`.
  /// - Throws: `SQLiteError`.
  static func index(
    _ text: String, original: String?, row: Int64, in database: SQLiteDatabase
  ) throws {
    try database.run(
      "INSERT INTO document_texts_fts (rowid, text, original) VALUES (?,?,?)",
      rows: [[.integer(row), .text(text), SQLiteValue(original)]])
  }
}

/// Changes to the full-text index of a database being updated, applied in batches: the
/// deletions in row order, then the additions (rows new to the database, so after every
/// existing one).
///
/// FTS5 keeps the terms of the rows it is given in memory and writes them out as a segment
/// when given a row id smaller than the last one. An update deletes a plan's old row (an id
/// among the existing ones) and adds its new one (the largest id) plan after plan, so every
/// plan wrote a segment of its own and, as segments piled up, forced merges: the index was
/// most of an update's time (20,000 plans, 1 % changed: the database thread's 8 s of CPU,
/// two thirds of it sorting and merging those terms). In row order, a batch is written once.
public struct FullTextIndexChanges {
  private var deletions: [(row: Int64, text: String, original: String?)] = []
  private var additions: [(row: Int64, text: String, original: String?)] = []
  private var bytes = 0
  /// Bytes of texts held before a batch is applied, by default.
  public static let batchBytes = 32 << 20
  private let batchBytes: Int

  init(batchBytes: Int = Self.batchBytes) { self.batchBytes = batchBytes }

  /// Whether the batch should be applied now.
  var isFull: Bool { bytes >= batchBytes }

  /// Queues forgetting row `row`, which was indexed with these texts.
  mutating func delete(_ row: Int64, _ text: String, _ original: String?) {
    deletions.append((row, text, original))
    bytes += text.utf8.count + (original?.utf8.count ?? 0)
  }

  /// Whether row `row` is among the queued additions.
  func adds(_ row: Int64) -> Bool { additions.first.map { row >= $0.row } ?? false }

  /// Queues indexing row `row` (rows must come in increasing order).
  mutating func add(_ row: Int64, _ text: String, _ original: String?) {
    additions.append((row, text, original))
    bytes += text.utf8.count + (original?.utf8.count ?? 0)
  }

  /// Applies the queued changes to `database`'s index (inside its transaction).
  /// - Throws: `SQLiteError`.
  mutating func apply(to database: SQLiteDatabase) throws {
    deletions.sort { $0.row < $1.row }
    try database.run(
      "INSERT INTO document_texts_fts (document_texts_fts, rowid, text, original) VALUES ('delete', ?, ?, ?)",
      rows: deletions.map { [.integer($0.row), .text($0.text), SQLiteValue($0.original)] })
    for addition in additions {
      try FullTextIndex.index(addition.text, original: addition.original, row: addition.row, in: database)
    }
    deletions = []
    additions = []
    bytes = 0
  }
}

/// Builds a new dataset database's full-text index in a scratch database of its own, on a
/// thread of its own, then copies it in.
///
/// The index is the largest single cost of writing a run, and one SQLite database has one
/// writer: built in the dataset database, it waited on every row of every table and the rows
/// on it, so a run's cores sat idle while that one thread worked. Here it only waits for texts.
/// The scratch database has the same `document_texts_fts` (with an empty `document_texts`,
/// which an external-content index only reads to delete or rebuild), indexed with the same
/// rows in the same order, so its shadow tables hold exactly the index the dataset database
/// would have built; `finish(into:)` copies their rows over the new database's empty ones and
/// deletes the scratch file.
final class FullTextIndexBuilder: @unchecked Sendable {
  private let path: String
  private let thread: QueueThread<(row: Int64, text: String, original: String?)>
  private let lock = NSLock()
  private var copied = false

  /// Creates the scratch database at `path` (which must not exist) and starts the thread.
  /// - Throws: `SQLiteError`.
  init(path: String) throws {
    self.path = path
    let database = try DatasetSQLiteBuilder.create(path: path, schema: FullTextIndex.schema)
    // Texts may wait while the index merges its segments (a pause of up to a second every few
    // hundred plans), so the threads feeding it go on: up to 16 MB of them.
    thread = QueueThread(
      name: "planscope.full-text-index", capacity: 16 << 20,
      cost: { $0.text.utf8.count + ($0.original?.utf8.count ?? 0) },
      handle: { try FullTextIndex.index($0.text, original: $0.original, row: $0.row, in: database) },
      complete: { try database.execute("COMMIT") })
  }

  /// Queues the texts stored as row `row` of `document_texts` (rows must come in order).
  /// - Throws: the error that stopped the thread, if any.
  func add(_ text: String, original: String?, row: Int64) throws {
    try thread.add((row, text, original))
  }

  /// Waits for the index to be complete and copies it into `database` (the new dataset
  /// database, outside a transaction), replacing its empty index; deletes the scratch file.
  /// - Throws: `SQLiteError`.
  func finish(into database: SQLiteDatabase) throws {
    try thread.finish()
    try database.run("ATTACH DATABASE ? AS built", rows: [[.text(path)]])
    try database.execute(
      "BEGIN;\n"
        + FullTextIndex.shadowTables.map {
          "DELETE FROM main.\($0); INSERT INTO main.\($0) SELECT * FROM built.\($0);\n"
        }.joined() + "COMMIT; DETACH DATABASE built;")
    lock.withLock { copied = true }
    unlink(path)
  }

  /// Stops the thread without completing the index and deletes the scratch file (the
  /// database is abandoned); does nothing once the index is copied.
  func cancel() {
    guard !lock.withLock({ copied }) else { return }
    thread.cancel()
    unlink(path)
  }
}

/// Writes the dataset as a SQLite database (`output/dataset.sqlite`) for Datasette or
/// sqlite-utils: tables documents, issuers, tasks, responsibilities, targets, deadlines and
/// warnings with foreign keys and indexes, and `document_text`, an FTS5 full-text index
/// (trigram tokenizer, so Chinese substrings match) over each document's normalized text.
///
/// Row counts equal the dataset's. Called by `OutputDirectory` with a temporary path that is
/// renamed into place afterwards.
public struct DatasetSQLiteWriter: Sendable {
  /// Creates a writer.
  public init() {}

  /// The schema, one statement per table, foreign keys on, then `FullTextIndex.schema`.
  static let schema = """
    PRAGMA foreign_keys = ON;
    CREATE TABLE documents (
      document_key INTEGER PRIMARY KEY, id TEXT NOT NULL, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
      format TEXT NOT NULL, encoding TEXT, title TEXT, jurisdiction TEXT, period_start INTEGER,
      period_end INTEGER, doc_number TEXT, issued TEXT, script TEXT NOT NULL);
    CREATE TABLE issuers (
      document_key INTEGER NOT NULL REFERENCES documents(document_key), position INTEGER NOT NULL,
      name TEXT NOT NULL, PRIMARY KEY (document_key, position));
    CREATE TABLE tasks (
      document_key INTEGER NOT NULL REFERENCES documents(document_key), task_id TEXT NOT NULL,
      path TEXT NOT NULL, title TEXT NOT NULL, span_start INTEGER, span_end INTEGER,
      PRIMARY KEY (document_key, task_id));
    CREATE TABLE responsibilities (
      document_key INTEGER NOT NULL, task_id TEXT NOT NULL, department TEXT NOT NULL, canonical TEXT,
      role TEXT NOT NULL, span_start INTEGER, span_end INTEGER,
      FOREIGN KEY (document_key, task_id) REFERENCES tasks(document_key, task_id));
    CREATE TABLE targets (
      document_key INTEGER NOT NULL REFERENCES documents(document_key), target_id TEXT NOT NULL,
      path TEXT NOT NULL, indicator TEXT NOT NULL, value REAL NOT NULL, value_max REAL, unit TEXT NOT NULL,
      comparator TEXT NOT NULL, change TEXT NOT NULL, baseline_year INTEGER, target_year INTEGER,
      scope TEXT, stretch INTEGER NOT NULL, quote TEXT NOT NULL, span_start INTEGER, span_end INTEGER,
      PRIMARY KEY (document_key, target_id));
    CREATE TABLE deadlines (
      document_key INTEGER NOT NULL REFERENCES documents(document_key), deadline_id TEXT NOT NULL,
      path TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL, date TEXT, start TEXT, duration TEXT,
      anchor TEXT, recurrence TEXT, span_start INTEGER, span_end INTEGER,
      PRIMARY KEY (document_key, deadline_id));
    CREATE TABLE warnings (
      document_key INTEGER NOT NULL REFERENCES documents(document_key), code TEXT NOT NULL,
      message TEXT NOT NULL, span_start INTEGER, span_end INTEGER);
    """ + "\n" + FullTextIndex.schema

  /// The secondary indexes, built once every row is in (sorting each column once instead of
  /// inserting every row into each index in key order as it comes).
  static let indexes = """
    CREATE INDEX documents_jurisdiction ON documents(jurisdiction);
    CREATE INDEX targets_indicator ON targets(indicator);
    CREATE INDEX responsibilities_department ON responsibilities(department);
    CREATE INDEX responsibilities_task ON responsibilities(document_key, task_id);
    CREATE INDEX deadlines_date ON deadlines(date);
    CREATE INDEX warnings_document ON warnings(document_key);
    """

  /// Creates the database at `path` (which must not exist) holding `dataset`; `texts` maps a
  /// document id to its normalized text for the full-text index.
  /// - Throws: `SQLiteError`.
  public func write(_ dataset: Dataset, texts: [String: String], to path: String) throws {
    let builder = try DatasetSQLiteBuilder(path: path)
    for record in dataset.documents {
      try builder.add(record, text: texts[record.id])
    }
    try builder.finish()
  }
}

/// Fills a new dataset database one record at a time inside one transaction, so a run never
/// holds more than one document's rows in memory.
public final class DatasetSQLiteBuilder {
  private let database: SQLiteDatabase
  private var key: Int64 = 0

  /// Creates the database at `path` (which must not exist) and opens its transaction.
  /// - Throws: `SQLiteError`.
  public init(path: String) throws {
    database = try Self.create(path: path, schema: DatasetSQLiteWriter.schema)
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

  /// Adds one record (records must come sorted by path) and its normalized text.
  /// - Throws: `SQLiteError`.
  public func add(_ record: DocumentRecord, text: String?) throws {
    key += 1
    let key = SQLiteValue.integer(key)
    try database.run(
      "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
      rows: [
        [
          key, .text(record.id), .text(record.source.path), .text(record.source.sha256),
          .text(record.source.format.rawValue), SQLiteValue(record.source.encoding),
          SQLiteValue(record.title), SQLiteValue(record.jurisdiction),
          SQLiteValue(record.period?.start), SQLiteValue(record.period?.end),
          SQLiteValue(record.docNumber), SQLiteValue(record.issued), .text(record.script.rawValue),
        ]
      ])
    try database.run(
      "INSERT INTO issuers VALUES (?,?,?)",
      rows: record.issuers.enumerated().map { [key, .integer(Int64($0.offset)), .text($0.element)] })
    try database.run(
      "INSERT INTO tasks VALUES (?,?,?,?,?,?)",
      rows: record.tasks.map { task in
        [
          key, .text(task.id), .text(task.path.joined()), .text(task.title),
          .integer(Int64(task.span.start)), .integer(Int64(task.span.end)),
        ]
      })
    try database.run(
      "INSERT INTO responsibilities VALUES (?,?,?,?,?,?,?)",
      rows: record.tasks.flatMap { task in
        task.departments.map { department in
          [
            key, .text(task.id), .text(department.name), SQLiteValue(department.canonical),
            .text(department.role.rawValue), SQLiteValue(department.span?.start),
            SQLiteValue(department.span?.end),
          ]
        }
      })
    try database.run(
      "INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      rows: record.targets.map { target in
        [
          key, .text(target.id), .text(target.path.joined()), .text(target.indicator),
          .real(target.value), SQLiteValue(target.valueMax), .text(target.unit),
          .text(target.comparator.rawValue), .text(target.change.rawValue),
          SQLiteValue(target.baselineYear), SQLiteValue(target.targetYear),
          SQLiteValue(target.scope), .integer(target.stretch ? 1 : 0), .text(target.quote),
          .integer(Int64(target.span.start)), .integer(Int64(target.span.end)),
        ]
      })
    try database.run(
      "INSERT INTO deadlines VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
      rows: record.deadlines.map { deadline in
        [
          key, .text(deadline.id), .text(deadline.path.joined()), .text(deadline.text),
          .text(deadline.kind.rawValue), SQLiteValue(deadline.date), SQLiteValue(deadline.start),
          SQLiteValue(deadline.duration), SQLiteValue(deadline.anchor),
          SQLiteValue(deadline.recurrence),
          .integer(Int64(deadline.span.start)), .integer(Int64(deadline.span.end)),
        ]
      })
    try database.run(
      "INSERT INTO warnings VALUES (?,?,?,?,?)",
      rows: record.warnings.map { warning in
        [
          key, .text(warning.code.rawValue), .text(warning.message),
          SQLiteValue(warning.span?.start), SQLiteValue(warning.span?.end),
        ]
      })
    if let text {
      try FullTextIndex.add(text, key: self.key, to: database)
    }
  }

  /// Builds the secondary indexes and commits the transaction.
  /// - Throws: `SQLiteError`.
  public func finish() throws {
    try database.execute(DatasetSQLiteWriter.indexes)
    try database.execute("COMMIT")
  }
}

/// `document_text`, the FTS5 full-text index over each document's normalized text (trigram
/// tokenizer, so Chinese substrings of three characters or more match): its table and the one
/// statement that fills it, shared by the dataset database and the benchmark that times the
/// index on its own.
package enum FullTextIndex {
  /// The table. It buffers 4 MB of terms (FTS5's default of 1 MB flushes so often that merging
  /// its small segments took half of the index's CPU) and merges 16 segments of a level at once
  /// instead of 4.
  package static let schema = """
    CREATE VIRTUAL TABLE document_text USING fts5(document_key UNINDEXED, text, tokenize = 'trigram');
    INSERT INTO document_text (document_text, rank) VALUES ('hashsize', 4194304);
    INSERT INTO document_text (document_text, rank) VALUES ('automerge', 16);
    """

  /// Indexes `text` as the document with `key` (inside the caller's transaction).
  /// - Throws: `SQLiteError`.
  package static func add(_ text: String, key: Int64, to database: SQLiteDatabase) throws {
    try database.run(
      "INSERT INTO document_text (document_key, text) VALUES (?,?)",
      rows: [[.integer(key), .text(text)]])
  }
}

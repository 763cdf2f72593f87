import Foundation

/// Fills `dataset.sqlite` on a thread of its own, so the database is written while the writing
/// thread goes on with the other outputs (a new database's full-text index has a thread of its
/// own again, see `DatasetSQLiteBuilder`).
///
/// Records are handled in the order they are added, so the database is the same as one filled
/// directly; memory holds a few waiting documents at most.
final class DatasetSQLiteThread: @unchecked Sendable {
  /// A queued document: a record with its texts, or only the key of a document kept as it
  /// was in the database being updated.
  private enum Item {
    case add(ExportRecord, text: String?, original: String?)
    case keep(String, copying: Bool)
  }
  private let thread: QueueThread<Item>
  /// Used on the thread only, but for `cancel` (which `DatasetSQLiteBuilder` allows from any
  /// thread).
  private let builder: DatasetSQLiteBuilder

  /// Creates the database at `path` (which must not exist) and starts its thread with room
  /// for about `capacity` waiting documents (`bytesPerDocument` each).
  /// - Throws: `SQLiteError` or `OutputError`.
  convenience init(path: String, capacity: Int = 8) throws {
    try self.init(builder: DatasetSQLiteBuilder(path: path), capacity: capacity)
  }

  /// Opens the existing database at `path` to update it in place, copying out-of-date
  /// documents from the database at `source` (`DatasetSQLiteBuilder.init(updatingInPlace:copyingFrom:)`),
  /// and starts its thread.
  /// - Throws: `SQLiteError`.
  convenience init(updatingInPlace path: String, copyingFrom source: String, capacity: Int = 8)
    throws
  {
    try self.init(
      builder: DatasetSQLiteBuilder(updatingInPlace: path, copyingFrom: source), capacity: capacity)
  }

  private init(builder: DatasetSQLiteBuilder, capacity: Int) {
    self.builder = builder
    // Waiting items are counted in bytes: a kept document costs next to nothing, so a run
    // that splices thousands of them between two changed ones never waits for the database
    // (with a queue of 8 items, a run with 200 changed plans of 20,000 waited for every one).
    thread = QueueThread(
      name: "planscope.dataset-sqlite", capacity: capacity * Self.bytesPerDocument,
      cost: { item in
        switch item {
        case .add(_, let text, let original):
          Self.bytesPerDocument / 4 + (text?.utf8.count ?? 0) + (original?.utf8.count ?? 0)
        case .keep: 64
        }
      },
      handle: { item in
        switch item {
        case .add(let record, let text, let original):
          try builder.add(record, text: text, original: original)
        case .keep(let key, let copying): try builder.keep(key, copying: copying)
        }
      },
      complete: { try builder.finish() })
  }

  /// What `capacity` counts: an average document's record and texts, in bytes.
  static let bytesPerDocument = 1 << 17

  /// Queues one record (records must come sorted by path), its normalized text and its text as
  /// written; waits while the queue is full.
  /// - Throws: the error that stopped the thread, if any.
  func add(_ record: ExportRecord, text: String?, original: String?) throws {
    try thread.add(.add(record, text: text, original: original))
  }

  /// Queues the key of a document kept in the database being updated: its rows as they are,
  /// or, `copying`, as the source database holds them.
  /// - Throws: the error that stopped the thread, if any.
  func keep(_ key: String, copying: Bool) throws {
    try thread.add(.keep(key, copying: copying))
  }

  /// Takes no more records: the database completes on its thread while the caller goes on.
  func close() { thread.close() }

  /// Waits until every queued record is in and the database is complete.
  /// - Throws: `SQLiteError`.
  func finish() throws { try thread.finish() }

  /// Stops filling without completing (the run is abandoned).
  func cancel() {
    thread.cancel()
    builder.cancel()
  }
}

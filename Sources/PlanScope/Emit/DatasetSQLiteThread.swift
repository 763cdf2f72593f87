import Foundation

/// Fills `dataset.sqlite` on a thread of its own, so its full-text index (the largest single
/// cost of writing a run) is built while the writing thread goes on with the other outputs.
///
/// Records go through a short bounded queue in the order they are added, so the database is
/// the same as one filled directly and memory holds at most `capacity` waiting documents. The
/// first error stops the thread; the next `add` or `finish` rethrows it.
final class DatasetSQLiteThread: @unchecked Sendable {
  private let builder: DatasetSQLiteBuilder
  private let capacity: Int
  /// Guards everything below.
  private let condition = NSCondition()
  /// A queued document: a record with its texts, or only the key of a document kept as it
  /// was in the database being updated.
  private enum Item {
    case add(ExportRecord, text: String?, original: String?)
    case keep(String)
  }
  private var queue: [Item] = []
  private var closed = false
  private var cancelled = false
  private var finished = false
  private var failure: (any Error)?

  /// Creates the database at `path` (which must not exist), as a copy of the database at
  /// `updating` when given, and starts its thread.
  /// - Throws: `SQLiteError` or `OutputError`.
  init(path: String, updating previous: String? = nil, capacity: Int = 8) throws {
    builder = try DatasetSQLiteBuilder(path: path, updating: previous)
    self.capacity = max(1, capacity)
    let thread = Thread { [self] in drain() }
    thread.name = "planscope.dataset-sqlite"
    thread.start()
  }

  /// Queues one record (records must come sorted by path), its normalized text and its text as
  /// written; waits while the queue is full.
  /// - Throws: the error that stopped the thread, if any.
  func add(_ record: ExportRecord, text: String?, original: String?) throws {
    try enqueue(.add(record, text: text, original: original))
  }

  /// Queues the key of a document whose rows stay as they are in the database being updated.
  /// - Throws: the error that stopped the thread, if any.
  func keep(_ key: String) throws {
    try enqueue(.keep(key))
  }

  private func enqueue(_ item: Item) throws {
    condition.lock()
    defer { condition.unlock() }
    while queue.count >= capacity, failure == nil, !finished { condition.wait() }
    if let failure { throw failure }
    queue.append(item)
    condition.broadcast()
  }

  /// Waits until every queued record is in and the transaction is committed.
  /// - Throws: `SQLiteError`.
  func finish() throws {
    condition.lock()
    defer { condition.unlock() }
    closed = true
    condition.broadcast()
    while !finished { condition.wait() }
    if let failure { throw failure }
  }

  /// Stops the thread without committing (the run is abandoned).
  func cancel() {
    condition.lock()
    defer { condition.unlock() }
    cancelled = true
    closed = true
    condition.broadcast()
  }

  private func drain() {
    while let item = next() {
      do {
        switch item {
        case .add(let record, let text, let original):
          try builder.add(record, text: text, original: original)
        case .keep(let key): try builder.keep(key)
        }
      } catch {
        stop(error)
        return
      }
    }
    condition.lock()
    let commit = !cancelled
    condition.unlock()
    do {
      if commit { try builder.finish() }
      stop(nil)
    } catch {
      stop(error)
    }
  }

  /// The next queued record; nil once the queue is closed and empty, or cancelled.
  private func next() -> Item? {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty, !closed { condition.wait() }
    guard !cancelled, !queue.isEmpty else { return nil }
    let item = queue.removeFirst()
    condition.broadcast()
    return item
  }

  private func stop(_ error: (any Error)?) {
    condition.lock()
    defer { condition.unlock() }
    failure = failure ?? error
    finished = true
    queue.removeAll()
    condition.broadcast()
  }
}

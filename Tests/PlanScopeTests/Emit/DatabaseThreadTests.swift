import Foundation
import Testing

@testable import PlanScope

/// Collects what the thread handled (read after `finish`).
private final class Handled: @unchecked Sendable {
  var items: [Int] = []
}

@Test func aQueueOfManyCheapItemsHandlesEachOnceInOrder() throws {
  let handled = Handled()
  // Room for 100 units: cheap items (1) pile up by the thousand behind a costly one (90).
  let thread = QueueThread<Int>(
    name: "test.queue", capacity: 100, cost: { $0.isMultiple(of: 1_000) ? 90 : 1 },
    handle: { handled.items.append($0) }, complete: {})
  for item in 0..<50_000 { try thread.add(item) }
  try thread.finish()
  #expect(handled.items == Array(0..<50_000))
}

@Test func anUpdatedDatabaseKeepsTheIndexSettingsOfANewOne() throws {
  let folder = try ScratchFolder()
  let path = { folder.url.appendingPathComponent($0).path }
  try DatasetSQLiteWriter().write(Dataset(records: []), texts: [:], to: path("new.sqlite"))
  try FileManager.default.copyItem(atPath: path("new.sqlite"), toPath: path("updated.sqlite"))
  let builder = try DatasetSQLiteBuilder(
    updatingInPlace: path("updated.sqlite"), copyingFrom: path("new.sqlite"))
  try builder.finish()
  // Merges are off while documents change, and back as a new database has them after.
  let settings = { (name: String) in
    try SQLiteDatabase(path: path(name)).query(
      "SELECT k, v FROM document_texts_fts_config ORDER BY k"
    ).map { $0.map { $0.text ?? $0.integer.map(String.init) ?? "" } }
  }
  #expect(try settings("updated.sqlite") == settings("new.sqlite"))
  #expect(try settings("updated.sqlite").contains(["automerge", "16"]))
}

@Test func anUpdateWaitsForAReaderOfTheOlderGenerationInsteadOfFailing() throws {
  let folder = try ScratchFolder()
  let path = { folder.url.appendingPathComponent($0).path }
  let record = try #require(ComparisonCase.large(1).first)
  try DatasetSQLiteWriter().write(Dataset(records: []), texts: [:], to: path("new.sqlite"))
  try FileManager.default.copyItem(atPath: path("new.sqlite"), toPath: path("updated.sqlite"))
  // A reader mid-query on the file (a Datasette still on an older generation): its read lock
  // keeps the update from writing until it ends; the update waits (SQLiteDatabase's busy
  // timeout) instead of failing with "database is locked".
  final class Reader: @unchecked Sendable {
    let database: SQLiteDatabase
    init(_ database: SQLiteDatabase) { self.database = database }
  }
  let reader = Reader(try SQLiteDatabase(path: path("updated.sqlite")))
  try reader.database.execute("BEGIN; SELECT count(*) FROM documents;")
  let released = DispatchSemaphore(value: 0)
  DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
    try? reader.database.execute("COMMIT")
    released.signal()
  }
  let builder = try DatasetSQLiteBuilder(
    updatingInPlace: path("updated.sqlite"), copyingFrom: path("new.sqlite"))
  try builder.add(ExportRecord(record), text: "正文", original: nil)
  try builder.finish()
  released.wait()
  let count = try SQLiteDatabase(path: path("updated.sqlite")).query(
    "SELECT count(*) FROM documents")
  #expect(count.first?.first?.integer == 1)
}

/// An update queues its full-text index changes and applies them in batches in row order;
/// whatever the batch size (a plan per batch, or all of them), the database ends up with the
/// rows and index entries of a new one holding the same documents: changed plans, kept ones,
/// ones copied from the published database, and a removed one.
@Test(arguments: [1, FullTextIndexChanges.batchBytes])
func indexChangesInBatchesLeaveTheIndexOfANewDatabase(batchBytes: Int) throws {
  let folder = try ScratchFolder()
  let path = { folder.url.appendingPathComponent($0).path }
  let records = Dataset(records: ComparisonCase.large(24)).documents.map { ExportRecord($0) }
  func text(_ number: Int, version: Int) -> String {
    String(repeating: "第\(number)号方案：到2027年，用水总量控制在\(number + version)亿立方米以内。", count: 3 + number % 4)
  }
  func write(_ name: String, version: (Int) -> Int, count: Int) throws {
    let builder = try DatasetSQLiteBuilder(path: path(name))
    for (number, record) in records.prefix(count).enumerated() {
      try builder.add(record, text: text(number, version: version(number)), original: nil)
    }
    try builder.finish()
  }
  try write("published.sqlite", version: { _ in 0 }, count: records.count)
  try FileManager.default.copyItem(atPath: path("published.sqlite"), toPath: path("updated.sqlite"))
  let builder = try DatasetSQLiteBuilder(
    updatingInPlace: path("updated.sqlite"), copyingFrom: path("published.sqlite"),
    indexBatchBytes: batchBytes)
  // Every third plan changes; every fifth of the others is copied from the published
  // database; the last one goes.
  for (number, record) in records.dropLast().enumerated() {
    if number.isMultiple(of: 3) {
      try builder.add(record, text: text(number, version: 1), original: nil)
    } else {
      try builder.keep(record.key, copying: number.isMultiple(of: 5))
    }
  }
  try builder.finish()
  try write(
    "reference.sqlite", version: { $0.isMultiple(of: 3) ? 1 : 0 }, count: records.count - 1)
  #expect(try databaseContents(path("updated.sqlite")) == databaseContents(path("reference.sqlite")))
}

/// A handled item is let go of at once, even while the queue behind it stays full (the
/// full-text index's thread is always behind in a cold run: its queue kept up to a thousand
/// handled documents' texts, 45 MB at 20,000 plans).
@Test func aHandledItemIsReleasedWhileTheQueueIsStillFull() throws {
  final class Token: Sendable {}
  final class Observed: @unchecked Sendable {
    weak var previous: Token?
    var releasedBeforeNext: [Bool] = []
  }
  let observed = Observed()
  let start = DispatchSemaphore(value: 0)
  let thread = QueueThread<Token>(
    name: "test.release", capacity: 1_000,
    handle: { token in
      if observed.releasedBeforeNext.isEmpty && observed.previous == nil { start.wait() }
      observed.releasedBeforeNext.append(observed.previous == nil)
      observed.previous = token
    }, complete: {})
  for _ in 0..<200 { try thread.add(Token()) }
  start.signal()
  try thread.finish()
  #expect(observed.releasedBeforeNext.count == 200)
  #expect(observed.releasedBeforeNext.allSatisfy { $0 }, "each item gone before the next is handled")
}

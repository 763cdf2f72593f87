import Foundation
import Testing

@testable import PlanScope

private func processed(_ text: String, path: String) throws -> ProcessedDocument {
  ProcessedDocument(try Shared.run(text, path: path))
}

private func day(_ text: String) throws -> Date { try #require(DigestBuilder.date(fromDay: text)) }

private let water = "天津市节水方案\n一、目标\n到2025年，再生水利用率达到25%以上。\n二、任务\n2024年6月底前完成评估。"
private let waste = "天津市无废城市方案\n一、目标\n到2025年，一般工业固体废物综合利用率达到95%。"
private let air = "天津市大气方案\n一、目标\n到2025年，空气质量优良天数比率达到80%。"

@Test func digestOverAnAgingStateReportsNewChangedRemovedAndDue() throws {
  let folder = try ScratchFolder()
  let store = try StateStore(
    path: folder.url.appendingPathComponent("state.sqlite").path, fingerprint: "f1")
  try store.record(
    [try processed(water, path: "water.txt"), try processed(waste, path: "waste.txt")],
    at: try day("2024-06-01"))
  // A week later: water edited, waste gone, air new.
  let edited = water.replacingOccurrences(of: "25%", with: "30%")
  try store.record(
    [try processed(edited, path: "water.txt"), try processed(air, path: "air.txt")],
    at: try day("2024-06-08"))
  let digest = DigestBuilder().build(
    entries: try store.entries(), since: try day("2024-06-05"), now: try day("2024-06-09"),
    horizonDays: 28)
  #expect(digest.new.map(\.source.path) == ["air.txt"])
  #expect(digest.changed.map(\.record.source.path) == ["water.txt"])
  #expect(digest.changed.first?.changes?.targets.first?.new == "≥30% 到2025年")
  #expect(digest.removed == ["waste.txt"])
  #expect(digest.due.map { $0.deadline.date } == ["2024-06-30"])
  let markdown = DigestMarkdownWriter().write(digest)
  #expect(
    markdown.contains("## Changed plans") && markdown.contains("再生水利用率: ≥25% 到2025年 → ≥30% 到2025年"))
  // Nothing happened in a window after the changes.
  let quiet = DigestBuilder().build(
    entries: try store.entries(), since: try day("2024-06-10"), now: try day("2024-08-01"),
    horizonDays: 7)
  #expect(quiet.isEmpty)
  #expect(store.isIntact())
}

@Test func unchangedDocumentsComeFromTheCacheUntilTheFingerprintChanges() throws {
  let folder = try ScratchFolder()
  let path = folder.url.appendingPathComponent("state.sqlite").path
  let document = try processed(water, path: "water.txt")
  do {
    let store = try StateStore(path: path, fingerprint: "f1")
    #expect(store.cached(sha256: document.record.source.sha256) == nil)
    try store.record([document], at: try day("2024-06-01"))
    // The cache keeps the record; the texts are the published generation's files.
    #expect(store.cached(sha256: document.record.source.sha256) == nil, "no texts, no hit")
    store.texts = { _ in (document.text, document.original) }
    let hit = try #require(store.cached(sha256: document.record.source.sha256))
    #expect(hit.cached && hit.record == document.record && hit.text == document.text)
  }
  let newer = try StateStore(path: path, fingerprint: "f2")
  #expect(
    newer.cached(sha256: document.record.source.sha256) == nil,
    "a new version or lexicon invalidates")
  #expect(try newer.entries().map(\.path) == ["water.txt"], "history survives invalidation")
}

/// A Traditional plan: its original differs from its text; a Simplified one's original is
/// its text.
private let traditionalWater = "天津市節水方案\n一、目標\n到2025年，再生水利用率達到25%以上。"

@Test(arguments: [water, traditionalWater])
func batchReusesCachedRecordsWithTheSameOutput(_ plan: String) throws {
  let corpus = try ScratchFolder()
  try corpus.write("water.txt", Array(plan.utf8))
  let state = try ScratchFolder()
  let store = try StateStore(
    path: state.url.appendingPathComponent("s.sqlite").path, fingerprint: "f")
  let pipeline = try Shared.pipeline()
  let files = try Corpus(root: corpus.url).files()
  let first = BatchRunner(pipeline: pipeline, jobs: 1).run(files, cache: store)
  guard case .processed(let fresh) = first[0] else {
    Issue.record("not processed")
    return
  }
  try store.record([fresh], at: Date())
  // As a run's session does: texts come from the published files.
  store.texts = { sha in
    sha == fresh.record.source.sha256 ? (fresh.text, fresh.original) : nil
  }
  let second = BatchRunner(pipeline: pipeline, jobs: 1).run(files, cache: store)
  guard case .processed(let reused) = second[0] else {
    Issue.record("not processed")
    return
  }
  #expect(!fresh.cached && reused.cached)
  #expect((fresh.original == fresh.text) == (plan == water))
  #expect(
    reused.record == fresh.record && reused.text == fresh.text && reused.original == fresh.original)
}

@Test func aSecondWriterIsLockedOut() throws {
  let folder = try ScratchFolder()
  var first: OutputLock? = try OutputLock(folder: folder.url)
  #expect(throws: OutputLock.LockError.self) { _ = try OutputLock(folder: folder.url) }
  withExtendedLifetime(first) {}
  first = nil
  #expect(throws: Never.self) { _ = try OutputLock(folder: folder.url) }
}

/// The journal mode SQLite reports for the file at `path` (opened on its own connection).
private func journalMode(_ path: String) throws -> String? {
  try SQLiteDatabase(path: path).query("PRAGMA journal_mode").first?.first?.text
}

@Test func aNewStateIsFilledWithARollbackJournalThenSharedInWAL() throws {
  let folder = try ScratchFolder()
  let path = folder.url.appendingPathComponent("state.sqlite").path
  let store = try StateStore(path: path, fingerprint: "f1")
  let update = try store.beginUpdate(at: try day("2024-06-01"))
  try update.add(try processed(water, path: "water.txt"))
  // Filling: each new page is written once, to the file itself; the journal holds the rest.
  #expect(try journalMode(path) == "delete")
  #expect(FileManager.default.fileExists(atPath: path + "-journal"))
  try update.commit()
  #expect(try journalMode(path) == "wal", "committed once: readers never wait for a run")
  #expect(!FileManager.default.fileExists(atPath: path + "-journal"))

  // A killed first run leaves no documents: the next run fills the state again.
  let empty = folder.url.appendingPathComponent("empty.sqlite").path
  do {
    let first = try StateStore(path: empty, fingerprint: "f1")
    let abandoned = try first.beginUpdate(at: try day("2024-06-01"))
    try abandoned.add(try processed(water, path: "water.txt"))
  }
  #expect(try StateStore(path: empty, fingerprint: nil).entries().isEmpty)
  let again = try StateStore(path: empty, fingerprint: "f1")
  #expect(try journalMode(empty) == "delete")
  try again.record([try processed(waste, path: "waste.txt")], at: try day("2024-06-02"))
  #expect(try journalMode(empty) == "wal")

  // A state with documents stays in WAL for every later run.
  let later = try StateStore(path: path, fingerprint: "f1")
  #expect(try journalMode(path) == "wal")
  try later.record([try processed(air, path: "air.txt")], at: try day("2024-06-08"))
  #expect(try later.entries().map(\.path) == ["air.txt", "water.txt"])
  #expect(later.isIntact())
}

@Test func weeklyWindowsAreSevenCalendarDaysThatNeverOverlap() throws {
  let monday = try day("2024-06-10").addingTimeInterval(6 * 3_600)
  #expect(DigestBuilder.day(DigestBuilder.windowStart(days: 7, endingOn: monday)) == "2024-06-04")
  let folder = try ScratchFolder()
  let store = try StateStore(
    path: folder.url.appendingPathComponent("state.sqlite").path, fingerprint: "f")
  try store.record([try processed(water, path: "water.txt")], at: try day("2024-06-03"))
  // Seen on the last day of one week: new in that week's digest only.
  let weeks = try ["2024-06-03", "2024-06-10"].map { end in
    let now = try day(end).addingTimeInterval(6 * 3_600)
    return DigestBuilder().build(
      entries: try store.entries(), since: DigestBuilder.windowStart(days: 7, endingOn: now),
      now: now, horizonDays: 0)
  }
  #expect(weeks.map { $0.new.map(\.source.path) } == [["water.txt"], []])
}

@Test func aPlanNewInTheWindowAlsoShowsItsChange() throws {
  let folder = try ScratchFolder()
  let store = try StateStore(
    path: folder.url.appendingPathComponent("state.sqlite").path, fingerprint: "f")
  try store.record([try processed(water, path: "water.txt")], at: try day("2024-06-04"))
  let edited = water.replacingOccurrences(of: "25%", with: "35%")
  try store.record([try processed(edited, path: "water.txt")], at: try day("2024-06-07"))
  let digest = DigestBuilder().build(
    entries: try store.entries(), since: try day("2024-06-03"), now: try day("2024-06-09"),
    horizonDays: 0)
  #expect(digest.new.map(\.source.path) == ["water.txt"])
  #expect(digest.changed.first?.changes?.targets.first?.new == "≥35% 到2025年")
}

@Test func theDeadlinesTableKeepsEveryRowWhole() throws {
  let folder = try ScratchFolder()
  let store = try StateStore(
    path: folder.url.appendingPathComponent("state.sqlite").path, fingerprint: "f")
  let long = "天津市" + String(repeating: "节约用水和水资源保护", count: 6) + "方案\n一、任务\n2024年6月底前完成评估。"
  try store.record(
    [
      try processed(long, path: "a|b/very-long-folder-name-for-plans/plan.txt"),
      try processed(water, path: "water.txt"),
    ], at: try day("2024-06-01"))
  let digest = DigestBuilder().build(
    entries: try store.entries(), since: try day("2024-06-01"), now: try day("2024-06-09"),
    horizonDays: 28)
  let markdown = DigestMarkdownWriter().write(digest)
  let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| 2024-06-30") }
  #expect(rows.count == 2)
  for row in rows {
    // Five cells (unescaped pipes), the path's code span whole, the place shown.
    let unescaped = row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
    #expect(unescaped == 6, "\(row)")
    let cells = row.split(separator: "|", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    #expect(row.filter { $0 == "`" }.count == 2, "\(row)")
    if row.contains("water.txt") { #expect(cells[2].hasPrefix("天津"), "\(row)") }
  }
  #expect(markdown.contains("(`a\\|b/very-long-folder-name-for-plans/plan.txt`)"))
}

@Test func digestPrintsAndKeepsADatedCopyAndRejectsContradictions() throws {
  let work = try ScratchFolder()
  try work.write("corpus/water.txt", Array(water.utf8))
  let output = work.url.appendingPathComponent("output")
  #expect(
    try CommandLineTool.run([
      "run", work.url.appendingPathComponent("corpus").path, "-o", output.path, "-q",
      "--timestamp", "2024-06-05",
    ]).status == 0)
  let result = try CommandLineTool.run(["digest", output.path, "--today", "2024-06-09"])
  #expect(result.status == 0)
  let printed = String(decoding: result.standardOutput, as: UTF8.self)
  #expect(printed.hasPrefix("# planscope digest 2024-06-03 – 2024-06-09"))
  let copy = output.appendingPathComponent("digests/2024-06-09.md")
  #expect(FileManager.default.contents(atPath: copy.path) == Data(printed.utf8))
  let both = try CommandLineTool.run([
    "digest", output.path, "--since", "2024-06-01", "--days", "7",
  ])
  #expect(both.status != 0 && both.standardError.contains("not both"))
  let none = try CommandLineTool.run(["digest", output.path, "--days", "0"])
  #expect(none.status != 0 && none.standardError.contains("expected 1 or more"))
}

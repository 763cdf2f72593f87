import Foundation
import Testing

@testable import PlanScope

/// The seed corpus run once for the export tests.
private func seedRuns() throws -> [PipelineRun] {
  let pipeline = try Shared.pipeline()
  let files = try Corpus(root: FixturePaths.repository.appendingPathComponent("corpus")).files()
  return try files.map { file in
    var diagnostics = Diagnostics()
    return pipeline.run(try pipeline.load(file.url, as: file.path), diagnostics: &diagnostics)
  }
}

@Test(arguments: [
  ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
  ("two\nlines", "\"two\nlines\""), ("crlf\r\nline", "\"crlf\r\nline\""), ("中文，全角逗号", "中文，全角逗号"),
])
func csvFieldsAreQuotedPerRFC4180(_ input: String, _ expected: String) {
  #expect(CSVWriter.field(input) == expected)
}

@Test func csvExportsHaveBOMCRLFAndOneRowPerFact() throws {
  let dataset = Dataset(records: try seedRuns().map(\.record))
  let files = Dictionary(
    uniqueKeysWithValues: CSVWriter().write(dataset).map { ($0.name, $0.text) })
  let expectedRows = [
    "documents.csv": dataset.documents.count,
    "targets.csv": dataset.documents.reduce(0) { $0 + $1.targets.count },
    "deadlines.csv": dataset.documents.reduce(0) { $0 + $1.deadlines.count },
    "responsibilities.csv": dataset.documents.reduce(0) {
      $0 + $1.tasks.reduce(0) { $0 + $1.departments.count }
    },
  ]
  for (name, rows) in expectedRows {
    let text = try #require(files[name])
    #expect(text.hasPrefix("\u{FEFF}"), "\(name) starts with a BOM")
    let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines.count == rows + 1, "\(name): header plus one row per fact")
  }
  #expect(expectedRows["targets.csv"] ?? 0 > 40)
}

/// Filled directly, or on its own thread through a queue of one (every add waits for the last).
@Test(arguments: [false, true])
func sqliteRowCountsEqualTheDatasetAndKeysHold(threaded: Bool) throws {
  let runs = try seedRuns()
  let dataset = Dataset(records: runs.map(\.record))
  let folder = try ScratchFolder()
  let path = folder.url.appendingPathComponent("dataset.sqlite").path
  let texts = Dictionary(uniqueKeysWithValues: runs.map {
    ($0.record.key, $0.outline.document.text.string)
  })
  if threaded {
    let thread = try DatasetSQLiteThread(path: path, capacity: 1)
    for record in dataset.documents {
      try thread.add(ExportRecord(record), text: texts[record.key], original: nil)
    }
    try thread.finish()
  } else {
    try DatasetSQLiteWriter().write(dataset, texts: texts, to: path)
  }
  let database = try SQLiteDatabase(path: path)
  func count(_ table: String) throws -> Int64 {
    try database.query("SELECT count(*) FROM \(table)").first?.first?.integer ?? -1
  }
  #expect(try count("documents") == Int64(dataset.documents.count))
  #expect(try count("tasks") == Int64(dataset.documents.reduce(0) { $0 + $1.tasks.count }))
  #expect(try count("targets") == Int64(dataset.documents.reduce(0) { $0 + $1.targets.count }))
  #expect(try count("deadlines") == Int64(dataset.documents.reduce(0) { $0 + $1.deadlines.count }))
  #expect(try count("warnings") == Int64(dataset.documents.reduce(0) { $0 + $1.warnings.count }))
  #expect(try count("issuers") == Int64(dataset.documents.reduce(0) { $0 + $1.issuers.count }))
  #expect(try count("document_texts") == Int64(dataset.documents.count))
  #expect(
    try count("responsibilities")
      == Int64(
        dataset.documents.reduce(0) { $0 + $1.tasks.reduce(0) { $0 + $1.departments.count } }))
  #expect(try database.query("PRAGMA foreign_key_check").isEmpty)
  // The trigram full-text index finds Chinese substrings.
  let hits = try database.query(
    """
    SELECT d.path FROM document_texts_fts JOIN document_texts t ON t.rowid = document_texts_fts.rowid
      JOIN documents d ON d.document_key = t.document_key
    WHERE document_texts_fts MATCH ? ORDER BY d.path
    """,
    [.text("农膜回收率")])
  #expect(
    hits.compactMap { $0.first?.text } == [
      "000_79fb45e168060835.txt", "001_af08c82650907540.txt", "002_3645b927df7c8a1b.txt",
    ])
}

/// A new database's full-text index is built in a scratch file on a thread of its own and
/// copied in: the result holds the same rows and index entries as one indexed in place, row by
/// row on one connection (the way a database being updated is), passes FTS5's integrity
/// check, finds text in both scripts, and leaves no scratch file behind.
@Test func fullTextIndexBuiltBesideTheDatabaseEqualsOneBuiltInPlace() throws {
  let runs = try seedRuns()
  let dataset = Dataset(records: runs.map(\.record))
  let texts = Dictionary(uniqueKeysWithValues: runs.map {
    ($0.record.key, $0.outline.document.text.string)
  })
  let folder = try ScratchFolder()
  let path = { folder.url.appendingPathComponent($0).path }
  let thread = try DatasetSQLiteThread(path: path("beside.sqlite"), capacity: 1)
  // A Traditional original for every other plan, so both columns are indexed.
  let original = { (index: Int, text: String) in index.isMultiple(of: 2) ? nil : "傳統：" + text }
  for (index, record) in dataset.documents.enumerated() {
    let text = texts[record.key] ?? ""
    try thread.add(ExportRecord(record), text: text, original: original(index, text))
  }
  try thread.finish()
  try DatasetSQLiteWriter().write(Dataset(records: []), texts: [:], to: path("empty.sqlite"))
  try FileManager.default.copyItem(atPath: path("empty.sqlite"), toPath: path("in-place.sqlite"))
  let inPlace = try DatasetSQLiteBuilder(
    updatingInPlace: path("in-place.sqlite"), copyingFrom: path("empty.sqlite"))
  for (index, record) in dataset.documents.enumerated() {
    let text = texts[record.key] ?? ""
    try inPlace.add(ExportRecord(record), text: text, original: original(index, text))
  }
  try inPlace.finish()
  let beside = try databaseContents(path("beside.sqlite"))
  #expect(beside.count > 10_000)
  #expect(beside == (try databaseContents(path("in-place.sqlite"))))
  let hits = try SQLiteDatabase(path: path("beside.sqlite")).query(
    "SELECT count(*) FROM document_texts_fts WHERE document_texts_fts MATCH '\"傳統：\"'")
  #expect(hits.first?.first?.integer ?? 0 > 0)
  #expect(!FileManager.default.fileExists(atPath: path("beside.sqlite") + ".index"))
}

@Test func markdownCellsEscapePipesAndStayShort() {
  #expect(MarkdownTable.cell("a|b\nc", max: 40) == "a\\|b c")
  #expect(
    MarkdownTable.cell(String(repeating: "长", count: 50), max: 10) == String(
      repeating: "长", count: 9) + "…")
}

@Test(arguments: [
  (Target.Comparator.atLeast, Target.Change.level, 85.0, nil as Double?, "%", nil as Int?, "≥85%"),
  (.range, .level, 5, 10, "个", nil, "5–10个"),
  (.equal, .decrease, 14.5, nil, "%", 2020, "−14.5%（较2020年）"),
  (.equal, .level, 0.04, nil, "万吨", nil, "0.04万吨"),
])
func targetValuesReadAsExpected(
  _ comparator: Target.Comparator, _ change: Target.Change, _ value: Double, _ valueMax: Double?,
  _ unit: String, _ baseline: Int?, _ expected: String
) {
  let target = Target(
    id: "g1", path: [], indicator: "x", value: value, valueMax: valueMax, unit: unit,
    comparator: comparator, change: change, baselineYear: baseline, quote: "",
    span: SourceSpan(start: 0, end: 0))
  #expect(TargetFormatting.value(target) == expected)
}

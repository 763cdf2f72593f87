import Foundation
import Testing

@testable import PlanScope

/// dataset.sqlite as Datasette 0.65 and sqlite-utils read it, checked from Python's sqlite3 with
/// the queries those tools run: FTS discovery (`detect_fts`), the table search
/// (`rowid in (select rowid from fts where fts match …)`), foreign keys
/// (`PRAGMA foreign_key_list`), plus the shipped search query and the views.

private let simplifiedPlan = """
  甲市秸秆综合利用工作方案（2024-2026年）
  一、主要目标
  到2026年，全市秸秆综合利用率达到95%以上，农膜回收率达到88%。
  二、重点任务
  （一）推进秸秆还田。市农业农村局牵头，市生态环境局配合。
  """

private let traditionalPlan = """
  乙縣節水行動方案
  一、工作目標
  到2025年，農業灌溉用水量減少0.5億立方米，萬元產值用水量下降12%。
  二、保障措施
  （一）強化考核。縣水利局牽頭。
  """

/// What the Python side reports, as JSON.
private let probe = #"""
  import json, sqlite3, sys
  con = sqlite3.connect(sys.argv[1])
  query = sys.argv[2]
  def detect_fts(table):
      # datasette.utils.detect_fts_sql (0.65), which sqlite-utils' detect_fts mirrors
      sql = """select name from sqlite_master where rootpage = 0 and (
          sql like '%VIRTUAL TABLE%USING FTS%content="{t}"%'
          or sql like '%VIRTUAL TABLE%USING FTS%content=[{t}]%'
          or (tbl_name = "{t}" and sql like '%VIRTUAL TABLE%USING FTS%'))""".format(t=table)
      rows = con.execute(sql).fetchall()
      return rows[0][0] if rows else None
  fts = detect_fts("document_texts")
  def search(word):
      sql = ("select d.path from document_texts t join documents d using (document_key) "
             "where t.rowid in (select rowid from [%s] where [%s] match :search) order by d.path") % (fts, fts)
      return [r[0] for r in con.execute(sql, {"search": '"' + word + '"'})]
  def canned(word):
      rows = con.execute("select * from (" + query + ") order by 1", {"q": word}).fetchall()
      return [[r[0], r[3]] for r in rows]
  tables = [r[0] for r in con.execute(
      "select name from sqlite_master where type = 'table' and name not like 'document_texts_fts%' order by name")]
  keys = {}
  for t in tables:
      rows = con.execute("PRAGMA foreign_key_list([%s])" % t).fetchall()
      keys[t] = [{"id": r[0], "from": r[3], "table": r[2], "to": r[4]} for r in rows]
  paths = dict(con.execute("select document_key, path from documents"))
  print(json.dumps({
      "fts": fts,
      "search": {w: search(w) for w in ["农膜回收率", "農業灌溉用水", "农业灌溉用水", "秸秆"]},
      "canned": {w: [[paths[k], s] for k, s in canned(w)] for w in ["秸秆", "節水", "农膜回收率"]},
      "keys": keys,
      "check": con.execute("PRAGMA foreign_key_check").fetchall(),
      "copies": [[paths[a], paths[b]] for a, b in con.execute(
          "select document_key, duplicate_of from documents where duplicate_of is not null")],
      "leads": con.execute("select department, lead_tasks, plans from who_leads_what order by department").fetchall(),
      "families": con.execute("select indicator_family, jurisdiction, targets from targets_by_family order by 1, 2").fetchall(),
      "values": con.execute(
          "select indicator, signed_value, normalized_value, normalized_unit from targets "
          "where document_key = (select document_key from documents where path = 'b.txt') order by target_id").fetchall(),
  }, ensure_ascii=False))
  """#

/// Runs `planscope run` on the two invented plans and a copy of the first, then the probe.
private func probeDatabase() throws -> [String: Any]? {
  guard let python = findExecutable("python3") else {
    // CI has python3 (the scorer needs it); elsewhere the test cannot run.
    #expect(ProcessInfo.processInfo.environment["CI"] == nil, "python3 is missing")
    return nil
  }
  let work = try ScratchFolder()
  try work.write("corpus/a.txt", Array(simplifiedPlan.utf8))
  try work.write("corpus/b.txt", Array(traditionalPlan.utf8))
  try work.write("corpus/c-copy.txt", Array(simplifiedPlan.utf8))
  let output = work.url.appendingPathComponent("out")
  let run = try CommandLineTool.run([
    "run", work.url.appendingPathComponent("corpus").path, "-o", output.path, "-q",
  ])
  #expect(run.status == 0, "\(run.standardError)")
  let process = Process()
  process.executableURL = python
  process.arguments = [
    "-c", probe, output.appendingPathComponent("dataset.sqlite").path,
    DatasetSQLiteWriter.searchQuery,
  ]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0)
  return try JSONSerialization.jsonObject(with: data) as? [String: Any]
}

private func findExecutable(_ name: String) -> URL? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

@Test func datasetteFindsTheFullTextIndexForeignKeysAndBothScripts() throws {
  guard let result = try probeDatabase() else { return }
  #expect(result["fts"] as? String == "document_texts_fts", "Datasette's detect_fts finds the index")

  let search = try #require(result["search"] as? [String: [String]])
  #expect(search["农膜回收率"] == ["a.txt", "c-copy.txt"])
  #expect(search["農業灌溉用水"] == ["b.txt"], "the original script is indexed")
  #expect(search["农业灌溉用水"] == ["b.txt"], "and so is its Simplified text")
  #expect(search["秸秆"] == [], "two characters are below the trigram tokenizer's reach")

  let canned = try #require(result["canned"] as? [String: [[String]]])
  #expect(canned["秸秆"]?.map(\.[0]) == ["a.txt", "c-copy.txt"], "the shipped query falls back to instr()")
  #expect(canned["節水"]?.map(\.[0]) == ["b.txt"], "in the original script too")
  #expect(canned["农膜回收率"]?.map(\.[0]) == ["a.txt", "c-copy.txt"])
  #expect(canned["农膜回收率"]?.first?[1].contains("【农膜回收率】") == true, "snippet() marks the match")

  // Every foreign key is one column, and every fact table links to its plan.
  let keys = try #require(result["keys"] as? [String: [[String: Any]]])
  for (table, foreign) in keys {
    let ids = foreign.compactMap { $0["id"] as? Int }
    #expect(Set(ids).count == ids.count, "\(table) has a composite foreign key")
    if table != "documents" {
      #expect(
        foreign.contains { $0["from"] as? String == "document_key" && $0["table"] as? String == "documents" },
        "\(table) links to documents")
    }
  }
  #expect(keys["responsibilities"]?.contains { $0["table"] as? String == "tasks" } == true)
  #expect((result["check"] as? [Any])?.isEmpty == true, "every foreign key resolves")

  // The copy is flagged once, and the views do not count it again.
  #expect(result["copies"] as? [[String]] == [["c-copy.txt", "a.txt"]])
  let leads = try #require(result["leads"] as? [[Any]])
  let agriculture = leads.first { ($0[0] as? String)?.hasSuffix("农业农村局") == true }
  #expect(agriculture?[1] as? Int == 1 && agriculture?[2] as? Int == 1)
  let families = try #require(result["families"] as? [[Any]])
  #expect(families.contains { $0[0] as? String == "农膜回收率" && $0[2] as? Int == 1 })

  // A decrease is negative; 亿立方米 is counted in 立方米.
  let values = try #require(result["values"] as? [[Any]])
  let irrigation = values.first { ($0[0] as? String)?.contains("灌溉用水量") == true }
  #expect(irrigation?[1] as? Double == -0.5)
  #expect(irrigation?[2] as? Double == -50_000_000)
  #expect(irrigation?[3] as? String == "立方米")
}

@Test func metadataNamesEveryTableViewAndFacetOfTheDatabase() throws {
  let folder = try ScratchFolder()
  let path = folder.url.appendingPathComponent("dataset.sqlite").path
  try DatasetSQLiteWriter().write(Dataset(records: []), texts: [:], to: path)
  let database = try SQLiteDatabase(path: path)
  let names = try database.query(
    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'document_texts_fts%'"
  ).compactMap { $0.first?.text }
  let text = DatasetteMetadata.text
  for name in names { #expect(text.contains("\n      \(name):\n"), "metadata.yml describes \(name)") }
  // Each facet is a column of its table.
  var table = ""
  for line in text.split(separator: "\n") {
    if line.hasPrefix("      "), !line.hasPrefix("       "), line.hasSuffix(":") {
      table = String(line.dropFirst(6).dropLast())
    } else if line.hasPrefix("        - ") {
      let column = String(line.dropFirst(10))
      let columns = try database.query("PRAGMA table_info(\(table))").compactMap { $0[1].text }
      #expect(columns.contains(column), "facet \(column) is a column of \(table)")
    }
  }
  #expect(text.contains("fts_table: document_texts_fts"))
  for line in DatasetSQLiteWriter.searchQuery.split(separator: "\n") {
    #expect(text.contains("          " + line + "\n"), "the search query is shipped as written")
  }
}

@Test(arguments: [
  (Target.Change.decrease, 4.62, "万吨", -4.62, -46_200.0, "吨"),
  (.level, 1.6, "万吨", 1.6, 16_000, "吨"),
  (.increase, 3, "亿元", 3, 300_000_000, "元"),
  (.level, 85, "%", 85, 85, "%"),
  (.decrease, 2, "百分点", -2, -2, "百分点"),
  (.level, 5, "千米", 5, 5, "千米"),
  (.level, 2, "百万千瓦", 2, 2_000_000, "千瓦"),
  (.level, 5, "万", 5, 50_000, ""),
])
func targetValuesAreSignedAndNormalized(
  _ change: Target.Change, _ value: Double, _ unit: String, _ signed: Double, _ normalized: Double,
  _ normalizedUnit: String
) {
  let target = Target(
    id: "g#1", path: [], indicator: "x", value: value, unit: unit, comparator: .equal,
    change: change, quote: "", span: SourceSpan(start: 0, end: 0))
  #expect(target.signedValue == signed)
  #expect(target.normalized.value == normalized)
  #expect(target.normalized.unit == normalizedUnit)
}

/// The README's three researcher queries run as printed, and each finds what it promises.
@Test func theReadmeQueriesRunOnADataset() throws {
  guard let python = findExecutable("python3") else {
    #expect(ProcessInfo.processInfo.environment["CI"] == nil, "python3 is missing")
    return
  }
  let readme = try String(
    contentsOf: FixturePaths.repository.appendingPathComponent("README.md"), encoding: .utf8)
  let block = try #require(
    readme.components(separatedBy: "```sql\n").dropFirst().first?.components(separatedBy: "```")
      .first)
  let work = try ScratchFolder()
  try work.write("corpus/a.txt", Array(simplifiedPlan.utf8))
  try work.write("corpus/b.txt", Array(traditionalPlan.utf8))
  try work.write(
    "corpus/d.txt",
    Array("南通市农膜回收工作方案\n一、重点任务\n（一）建设回收网点。2025年底前，农膜回收率达到90%。市农业农村局牵头，市供销社配合。\n".utf8))
  let output = work.url.appendingPathComponent("out")
  let run = try CommandLineTool.run([
    "run", work.url.appendingPathComponent("corpus").path, "-o", output.path, "-q",
  ])
  #expect(run.status == 0, "\(run.standardError)")
  let script = #"""
    import json, sqlite3, sys
    con = sqlite3.connect(sys.argv[1])
    code = "\n".join(l for l in sys.argv[2].splitlines() if not l.strip().startswith("--"))
    statements = [s for s in code.split(";") if s.strip()]
    print(json.dumps([con.execute(s).fetchall() for s in statements], ensure_ascii=False))
    """#
  let process = Process()
  process.executableURL = python
  process.arguments = [
    "-c", script, output.appendingPathComponent("dataset.sqlite").path, String(block),
  ]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0, "a README query fails")
  let results = try #require(try JSONSerialization.jsonObject(with: data) as? [[[Any]]])
  try #require(results.count == 3, "three queries")
  #expect(Set(results[0].compactMap { $0[0] as? String }).count == 2, "both plans with 农膜回收率")
  #expect(results[1].count == 2 && results[1].first?[5] as? Double == 90, "one row per place")
  #expect(
    results[2].contains { $0[0] as? String == "市农业农村局" && $0[1] as? String == "lead" && $0[2] as? String == "2025-12-31" },
    "who leads the task and by when")
}

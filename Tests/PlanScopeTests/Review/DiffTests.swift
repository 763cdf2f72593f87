import Foundation
import Testing

@testable import PlanScope

private func record(_ text: String, path: String) throws -> DocumentRecord {
  try Shared.run(text, path: path).record
}

private let plan = """
  天津市节水方案（2023-2025年）
  一、主要目标
  到2025年，农膜回收率达到85%以上。（市农业农村委、市水务局等部门按职责分工负责）
  二、保障措施
  2024年6月底前完成评估。
  """

@Test func identicalDatasetsHaveNoChanges() throws {
  let dataset = Dataset(records: [try record(plan, path: "a.txt")])
  let changes = DatasetDiffer().diff(dataset, dataset)
  #expect(changes.isEmpty)
  #expect(ChangesMarkdownWriter().write(changes).contains("No changes."))
}

@Test func anEditedPlanShowsItsEditsNotARemovalAndAnAddition() throws {
  let old = Dataset(records: [try record(plan, path: "a.txt")])
  let edited = plan.replacingOccurrences(of: "85%以上", with: "88%以上")
    .replacingOccurrences(of: "市农业农村委、市水务局等部门按职责分工负责", with: "市农业农村委牵头，市水务局配合")
    .replacingOccurrences(of: "2024年6月底前", with: "2024年9月底前")
  let new = Dataset(records: [try record(edited, path: "a.txt")])
  let changes = DatasetDiffer().diff(old, new)
  #expect(changes.added.isEmpty && changes.removed.isEmpty)
  let document = try #require(changes.changed.first)
  #expect(document.targets.map(\.subject) == ["农膜回收率"])
  let target = try #require(document.targets.first)
  #expect(target.kind == .target && target.old == "≥85% 到2025年" && target.new == "≥88% 到2025年")
  // Structured for tools: the field that changed, the ids, both quotes and spans.
  #expect(target.fields == [.init(field: "value", old: "85", new: "88")])
  #expect(target.oldID != nil && target.oldID == target.newID)
  #expect(target.oldQuote == "农膜回收率达到85%以上" && target.newQuote == "农膜回收率达到88%以上")
  #expect(target.oldSpan != nil && target.newSpan != nil)
  #expect(document.departments.map(\.subject) == ["一、 市农业农村委", "一、 市水务局"])
  #expect(document.departments.map(\.new) == ["lead", "support"])
  #expect(document.deadlines.contains { $0.old == nil && $0.new == "by 2024-09-30" })
  #expect(document.deadlines.contains { $0.new == nil && $0.old == "by 2024-06-30" })
  let markdown = ChangesMarkdownWriter().write(changes)
  #expect(markdown.contains("- 农膜回收率: ≥85% 到2025年 → ≥88% 到2025年"))
  #expect(markdown.contains("  - 农膜回收率达到8~~5~~**8**%以上"))
  // The JSON form carries the same fields, snake_case like the dataset.
  let json = try DatasetCoding.encoder().encode(changes)
  #expect(json.contains("\"kind\" : \"target\"") && json.contains("\"old_quote\""))
  try expectSameJSON(changes)
}

@Test func inlineDiffMarksRemovedAndAddedRuns() {
  #expect(ChangesMarkdownWriter.inlineDiff("达到85%以上", "达到90%以上") == "达到~~85~~**90**%以上")
  #expect(ChangesMarkdownWriter.inlineDiff("2025年底前", "2026年6月底前") == "202~~5~~**6**年**6月**底前")
  #expect(ChangesMarkdownWriter.inlineDiff("", "新增") == "**新增**")
  #expect(ChangesMarkdownWriter.inlineDiff("同", "同") == "同")
}

@Test func documentsPairByPathThenTitle() throws {
  let old = Dataset(records: [
    try record(plan, path: "old/a.txt"), try record("另一个方案\n一、目标", path: "b.txt"),
  ])
  let new = Dataset(records: [
    try record(plan, path: "new/a.txt"), try record("第三个方案\n一、目标", path: "c.txt"),
  ])
  let changes = DatasetDiffer().diff(old, new)
  // Moved but unchanged: paired (by content, then title) and reported as a rename, not
  // as "no changes" (the digest would say new + removed).
  #expect(changes.changed.map(\.isRenamed) == [true])
  #expect(
    changes.changed.first.map { $0.old.path + " → " + $0.new.path } == "old/a.txt → new/a.txt")
  #expect(changes.changed.first?.targets.isEmpty == true)
  #expect(changes.added.map(\.path) == ["c.txt"])
  #expect(changes.removed.map(\.path) == ["b.txt"])
  let markdown = ChangesMarkdownWriter().write(changes)
  #expect(markdown.contains("1 changed (1 renamed), 1 added, 1 removed."))
  #expect(markdown.contains("Renamed: `old/a.txt` → `new/a.txt`"))
}

@Test func aRenamedFileWithoutATitlePairsByContent() throws {
  let untitled = "到2025年，农膜回收率达到85%以上。"
  let old = Dataset(records: [try record(untitled, path: "x.txt")])
  let new = Dataset(records: [try record(untitled, path: "y.txt")])
  let changes = DatasetDiffer().diff(old, new)
  #expect(changes.added.isEmpty && changes.removed.isEmpty)
  #expect(changes.changed.map(\.new.path) == ["y.txt"])
}

@Test func datasetsRoundTripThroughJSON() throws {
  let dataset = Dataset(records: [try record(plan, path: "a.txt")])
  let folder = try ScratchFolder()
  let url = folder.url.appendingPathComponent("dataset.json")
  try DatasetJSONWriter().write(dataset).write(to: url, atomically: true, encoding: .utf8)
  #expect(try DatasetFile.load(folder.url.path) == dataset)
}

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
  #expect(document.targets == [.init(subject: "农膜回收率", old: "≥85% 到2025年", new: "≥88% 到2025年")])
  #expect(document.departments.map(\.subject) == ["一、 市农业农村委", "一、 市水务局"])
  #expect(document.departments.map(\.new) == ["lead", "support"])
  #expect(document.deadlines.contains { $0.old == nil && $0.new == "by 2024-09-30" })
  #expect(document.deadlines.contains { $0.new == nil && $0.old == "by 2024-06-30" })
  let markdown = ChangesMarkdownWriter().write(changes)
  #expect(markdown.contains("- 农膜回收率: ≥85% 到2025年 → ≥88% 到2025年"))
}

@Test func documentsPairByPathThenTitle() throws {
  let old = Dataset(records: [
    try record(plan, path: "old/a.txt"), try record("另一个方案\n一、目标", path: "b.txt"),
  ])
  let new = Dataset(records: [
    try record(plan, path: "new/a.txt"), try record("第三个方案\n一、目标", path: "c.txt"),
  ])
  let changes = DatasetDiffer().diff(old, new)
  #expect(changes.changed.isEmpty, "moved but unchanged plan pairs by title")
  #expect(changes.added.map(\.path) == ["c.txt"])
  #expect(changes.removed.map(\.path) == ["b.txt"])
}

@Test func datasetsRoundTripThroughJSON() throws {
  let dataset = Dataset(records: [try record(plan, path: "a.txt")])
  let folder = try ScratchFolder()
  let url = folder.url.appendingPathComponent("dataset.json")
  try DatasetJSONWriter().write(dataset).write(to: url, atomically: true, encoding: .utf8)
  #expect(try DatasetFile.load(folder.url.path) == dataset)
}

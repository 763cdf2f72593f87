import Foundation
import Testing

@testable import PlanScope
@testable import PlanScopeBench

/// Files directly in `folder`, sorted (empty when it does not exist).
private func names(_ folder: URL) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

@Test func freshFolderMovesTheOldOneAsideUntilTheTrashIsEmptied() throws {
  let scratch = try ScratchFolder()
  let workspace = BenchWorkspace(root: scratch.url)
  try scratch.write("out/run/dataset.json", Array("first".utf8))

  let first = try workspace.folder("out/run", fresh: true)
  #expect(names(first).isEmpty)
  #expect(names(workspace.url("trash/0")) == ["dataset.json"])

  try scratch.write("out/run/dataset.json", Array("second".utf8))
  _ = try workspace.folder("out/run", fresh: true)
  #expect(names(workspace.url("trash")) == ["0", "1"])
  let kept = try String(contentsOf: workspace.url("trash/1/dataset.json"), encoding: .utf8)
  #expect(kept == "second")

  // Without `fresh` a folder keeps its files.
  try scratch.write("out/run/state.sqlite", Array("state".utf8))
  #expect(names(try workspace.folder("out/run")) == ["state.sqlite"])

  workspace.emptyTrash()
  #expect(!FileManager.default.fileExists(atPath: workspace.url("trash").path))
  #expect(names(workspace.url("out/run")) == ["state.sqlite"])
}

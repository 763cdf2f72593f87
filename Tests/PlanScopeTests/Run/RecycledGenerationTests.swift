import Foundation
import Testing

@testable import PlanScope

/// A plan with a few targets, different for every `seed` and `version`.
private func plan(_ seed: Int, version: Int = 0) -> [UInt8] {
  var text = "第\(seed)号污染防治实施方案\n一、工作目标\n"
  for item in 1...4 {
    text += "（\(item)）到2026年，第\(seed)项排放指标\(item)削减\(seed + item + version)%。（市生态环境局牵头）\n"
  }
  return Array(text.utf8)
}

private func inode(_ path: URL) throws -> UInt64 {
  try #require(FileManager.default.attributesOfItem(atPath: path.path)[.systemFileNumber] as? UInt64)
}

private func generations(_ output: URL) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasPrefix(".data-") }
    .sorted()
}

/// A run writes its outputs over the generation before the published one (its files and
/// folder, not new ones), keeps that generation's texts where the plan's outputs are the same,
/// and publishes exactly what a cold run does: texts of removed and changed plans are not left
/// behind. The generation it replaces stays until the next run.
@Test func aRunWritesOverTheGenerationBeforeThePublishedOne() throws {
  let workspace = try RunWorkspace()
  for seed in 1...6 { try workspace.write("p\(seed).txt", plan(seed)) }
  _ = try workspace.runAndCompare("first run")
  let first = try #require(try generations(workspace.output).first)
  let firstFolder = workspace.output.appendingPathComponent(first)
  let (json, text) = (
    try inode(firstFolder.appendingPathComponent("dataset.json")),
    try inode(firstFolder.appendingPathComponent("text"))
  )

  try workspace.write("p1.txt", plan(1, version: 1))
  _ = try workspace.runAndCompare("p1 changed")
  #expect(try generations(workspace.output).count == 2, "the published generation and the one before")
  #expect(try generations(workspace.output).contains(first))

  // p2 changes, p4 goes, p7 comes: the third run is written over the first generation.
  try workspace.write("p2.txt", plan(2, version: 1))
  try FileManager.default.removeItem(at: workspace.corpus.appendingPathComponent("p4.txt"))
  try workspace.write("p7.txt", plan(7))
  _ = try workspace.runAndCompare("p2 changed, p4 removed, p7 added")
  let current = workspace.output.appendingPathComponent(".current").resolvingSymlinksInPath()
  #expect(try inode(current.appendingPathComponent("dataset.json")) == json, "written over")
  #expect(try inode(current.appendingPathComponent("text")) == text, "its texts folder kept")
  #expect(try generations(workspace.output).count == 2)
  #expect(!(try generations(workspace.output).contains(first)), "recycled, not copied")
}

/// A recycled generation someone added files to publishes none of them: files the run does
/// not write are removed, and a texts folder that is not exactly its index's is emptied and
/// filled anew.
@Test func filesAddedToARecycledGenerationAreNotPublished() throws {
  let workspace = try RunWorkspace()
  for seed in 1...4 { try workspace.write("p\(seed).txt", plan(seed)) }
  _ = try workspace.runAndCompare("first run")
  let first = workspace.output.appendingPathComponent(try #require(try generations(workspace.output).first))
  try workspace.write("p1.txt", plan(1, version: 1))
  _ = try workspace.runAndCompare("p1 changed")
  try Data("笔记".utf8).write(to: first.appendingPathComponent("notes.md"))
  try Data("多余".utf8).write(to: first.appendingPathComponent("text/stray.txt"))
  try workspace.write("p3.txt", plan(3, version: 1))
  // The comparison with a cold run covers every file of the published generation.
  _ = try workspace.runAndCompare("p3 changed, over a generation with added files")
  let current = workspace.output.appendingPathComponent(".current")
  #expect(!FileManager.default.fileExists(atPath: current.appendingPathComponent("notes.md").path))
  #expect(!FileManager.default.fileExists(atPath: current.appendingPathComponent("text/stray.txt").path))
}

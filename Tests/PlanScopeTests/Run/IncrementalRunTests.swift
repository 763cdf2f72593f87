import Foundation
import Testing

@testable import PlanScope

/// A small plan, different for every `seed`: targets, a department, a deadline.
private func plan(_ seed: Int, extra: String = "") -> [UInt8] {
  var text = "第\(seed)号节水工作方案\n一、主要目标\n"
  for item in 1...6 {
    text += "（\(item)）到2027年，第\(seed)类用水指标\(item)下降\(seed % 9 + item)%。（县水利局牵头，县财政局配合）\n"
  }
  return Array((text + extra).utf8)
}

@Test func anIncrementalRunPublishesWhatAColdRunWould() throws {
  let workspace = try RunWorkspace()
  let (corpus, output) = (workspace.corpus, workspace.output)
  let write = workspace.write
  for seed in 1...8 { try write("p\(seed).txt", plan(seed)) }
  let first = try workspace.runAndCompare("first run")
  #expect(first.contains("8 document(s) written"))
  #expect(!first.contains("reused from the last outputs"))

  // One plan changed: seven are spliced without being read.
  try write("p3.txt", plan(3, extra: "到2030年，新增节水灌溉面积20万亩。\n"))
  let changed = try workspace.runAndCompare("one plan changed")
  #expect(changed.contains("7 of them reused from the last outputs"), "\(changed)")

  // Added and removed plans, and a copy of p5 that sorts before it: p5 becomes a copy, so its
  // bytes (duplicate_of) change and it is processed again, not spliced.
  try FileManager.default.removeItem(at: corpus.appendingPathComponent("p7.txt"))
  try write("p9.txt", plan(9))
  try write("a-copy.txt", plan(5))
  let moved = try workspace.runAndCompare("added, removed, copied")
  #expect(moved.contains("9 document(s) written"))
  #expect(moved.contains("6 of them reused from the last outputs"), "\(moved)")

  // The first of the two copies goes: p5 is no copy any more.
  try FileManager.default.removeItem(at: corpus.appendingPathComponent("a-copy.txt"))
  let original = try workspace.runAndCompare("copy removed")
  #expect(original.contains("7 of them reused from the last outputs"), "\(original)")

  // A file rewritten with its own bytes, while another changes: the touched one is hashed,
  // found the same, and spliced like the untouched ones.
  try write("p2.txt", plan(2))
  try write("p4.txt", plan(4, extra: "到2026年，水质达标率达到95%。\n"))
  let touched = try workspace.runAndCompare("touched and changed")
  #expect(touched.contains("8 document(s) written"))
  #expect(touched.contains("7 of them reused from the last outputs"), "\(touched)")

  // A renamed plan is no unchanged document (its path is new), but its bytes are known: its
  // record comes from the cache and its texts from the published generation's files (the
  // state keeps no texts).
  try FileManager.default.moveItem(
    at: corpus.appendingPathComponent("p6.txt"), to: corpus.appendingPathComponent("r6.txt"))
  let renamed = try workspace.runAndCompare("renamed")
  #expect(renamed.contains("8 unchanged, from cache, 7 of them reused"), "\(renamed)")
  try FileManager.default.moveItem(
    at: corpus.appendingPathComponent("r6.txt"), to: corpus.appendingPathComponent("p6.txt"))
  _ = try workspace.runAndCompare("renamed back")
  let texts = try SQLiteDatabase(path: output.appendingPathComponent("state.sqlite").path).query(
    "SELECT count(*) FROM cache WHERE text != '' OR original != ''")
  #expect(texts.first?.first?.integer == 0, "the state keeps records, not texts")

  // The state follows: documents are present, the removed one is not.
  let state = try StateStore(
    path: output.appendingPathComponent("state.sqlite").path, fingerprint: nil)
  let entries = try state.entries()
  #expect(entries.filter(\.present).map(\.path) == ["p1.txt", "p2.txt", "p3.txt", "p4.txt", "p5.txt", "p6.txt", "p8.txt", "p9.txt"])
  #expect(entries.first { $0.path == "p7.txt" }?.present == false)
  #expect(entries.first { $0.path == "p4.txt" }?.previous != nil, "a changed plan keeps its previous record")
}

/// The index of a generation describes exactly the bytes it was written with, so an index
/// that does not fit (another pipeline, a damaged file) is never spliced from.
@Test func aGenerationIndexOfAnotherPipelineIsNotUsed() throws {
  let workspace = try RunWorkspace()
  let output = workspace.output
  let write = workspace.write
  for seed in 1...3 {
    try write("p\(seed).txt", plan(seed))
  }
  _ = try workspace.runAndCompare("first run")
  let index = output.appendingPathComponent(".current/\(GenerationIndex.fileName)")
  let text = try String(contentsOf: index, encoding: .utf8)
  #expect(text.hasPrefix("planscope-generation-index 1\t"))
  #expect(text.split(separator: "\n").count == 4, "a header and one line per document")
  // Another fingerprint in the header: the next run writes every document anew.
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  let other = (["planscope-generation-index 1\tanother-pipeline"] + lines.dropFirst().map(String.init))
    .joined(separator: "\n")
  try FileManager.default.removeItem(at: index)
  try other.write(to: index, atomically: false, encoding: .utf8)
  try write("p2.txt", plan(2, extra: "到2029年，节水率达到30%。\n"))
  let run = try workspace.runAndCompare("foreign index")
  // Nor are its texts: records of the cache without them are extracted again.
  #expect(!run.contains("reused from the last outputs"), "\(run)")
  #expect(run.contains("(0 unchanged, from cache)"))
}

/// A published generation someone damaged (a text deleted, dataset.json cut short) is not
/// spliced from where it is damaged: the outputs still equal a cold run's, and the damaged
/// generation is not written through.
@Test func aDamagedGenerationIsNotSplicedFrom() throws {
  let workspace = try RunWorkspace()
  let output = workspace.output
  let write = workspace.write
  for seed in 1...6 {
    try write("p\(seed).txt", plan(seed))
  }
  _ = try workspace.runAndCompare("first run")
  let current = output.appendingPathComponent(".current").resolvingSymlinksInPath()

  // One plan's text is gone: that plan is processed again, the others are spliced.
  let key = try #require(
    try String(contentsOf: current.appendingPathComponent(GenerationIndex.fileName), encoding: .utf8)
      .split(separator: "\n").first { $0.hasPrefix("p2.txt\t") }?.split(separator: "\t")[2])
  try FileManager.default.removeItem(at: current.appendingPathComponent("text/\(key).txt"))
  try write("p4.txt", plan(4, extra: "到2028年，节水率达到20%。\n"))
  let missingText = try workspace.runAndCompare("a text deleted")
  #expect(missingText.contains("4 of them reused from the last outputs"), "\(missingText)")

  // dataset.json cut short: nothing is spliced from that generation.
  let damaged = output.appendingPathComponent(".current").resolvingSymlinksInPath()
  let json = damaged.appendingPathComponent("dataset.json")
  let bytes = try Data(contentsOf: json)
  try bytes.prefix(bytes.count / 2).write(to: json)
  try write("p3.txt", plan(3, extra: "到2029年，节水率达到25%。\n"))
  let cut = try workspace.runAndCompare("dataset.json cut")
  #expect(!cut.contains("reused from the last outputs"), "\(cut)")
}

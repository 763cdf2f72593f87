import Foundation
import Testing

@testable import PlanScope

/// A small plan, different for every `seed`, with targets, departments and Traditional text
/// for odd seeds (so both full-text columns are filled).
private func plan(_ seed: Int, extra: String = "") -> [UInt8] {
  var text = "第\(seed)號節水工作方案\n一、主要目標\n"
  for item in 1...4 {
    text += "（\(item)）到2027年，第\(seed)類用水指標\(item)下降\(seed % 7 + item)%。（縣水利局牽頭，縣財政局配合）\n"
  }
  if seed.isMultiple(of: 2) { text = text.replacingOccurrences(of: "號", with: "号") }
  return Array((text + extra).utf8)
}

/// The inode, size and modification time of a file: whether it was replaced or written.
private func identity(_ path: String) -> [Int] {
  var info = stat()
  guard stat(path, &info) == 0 else { return [] }
  return [
    Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec),
  ]
}

/// The slot the current generation's dataset.sqlite links to.
private func currentSlot(_ output: URL) -> Int? {
  DatabaseSlots.slot(of: output.appendingPathComponent(".current").resolvingSymlinksInPath())
}

@Test func runsAlternateBetweenTwoDatabasesAndUpdateTheOlderInPlace() throws {
  let workspace = try RunWorkspace()
  let (corpus, output) = (workspace.corpus, workspace.output)
  let write = workspace.write
  let slot = { (number: Int) in output.appendingPathComponent(DatabaseSlots.file(number)).path }
  for seed in 1...9 { try write("p\(seed).txt", plan(seed)) }
  _ = try workspace.runAndCompare("cold run")
  #expect(currentSlot(output) == 0)

  // The first splicing run finds the other slot empty: it starts as a copy of slot 0, which
  // the published generation uses and which is not written.
  let published = identity(slot(0))
  try write("p3.txt", plan(3, extra: "到2030年，新增節水灌溉面積20萬畝。\n"))
  let second = try workspace.runAndCompare("one plan changed")
  #expect(second.contains("8 of them reused from the last outputs"), "\(second)")
  #expect(currentSlot(output) == 1)
  #expect(identity(slot(0)) == published, "the published generation's database is not written")

  // The next one updates slot 0 in place (the same file): p3 there is a generation old and
  // comes from slot 1, p5 is processed, p8 goes.
  let older = identity(slot(0))
  let current = identity(slot(1))
  try write("p5.txt", plan(5, extra: "到2028年，節水器具普及率達到90%。\n"))
  try FileManager.default.removeItem(at: corpus.appendingPathComponent("p8.txt"))
  let third = try workspace.runAndCompare("another plan changed, one removed")
  #expect(third.contains("7 of them reused from the last outputs"), "\(third)")
  #expect(currentSlot(output) == 0)
  #expect(identity(slot(0)).first == older.first, "slot 0 is updated, not replaced")
  #expect(identity(slot(0)) != older)
  #expect(identity(slot(1)) == current, "the published generation's database is not written")
  for number in 0..<2 {
    #expect(!FileManager.default.fileExists(
      atPath: output.appendingPathComponent(DatabaseSlots.pendingFile(number)).path))
  }
}

@Test func aSlotLeftByAKilledRunIsReplacedByACopy() throws {
  let workspace = try RunWorkspace()
  let output = workspace.output
  let write = workspace.write
  for seed in 1...6 { try write("p\(seed).txt", plan(seed)) }
  _ = try workspace.runAndCompare("cold run")
  try write("p2.txt", plan(2, extra: "到2029年，再生水利用率达到30%。\n"))
  _ = try workspace.runAndCompare("one plan changed")
  #expect(currentSlot(output) == 1)

  // What a run killed while writing slot 0 leaves: its mark, a database half written, and a
  // journal that must not be played back into the copy that replaces it.
  let slot0 = output.appendingPathComponent(DatabaseSlots.file(0)).path
  let handle = try #require(FileHandle(forWritingAtPath: slot0))
  try handle.truncate(atOffset: try handle.seekToEnd() / 2)
  try handle.close()
  try Data("not a journal".utf8).write(to: URL(fileURLWithPath: slot0 + "-journal"))
  FileManager.default.createFile(
    atPath: output.appendingPathComponent(DatabaseSlots.pendingFile(0)).path, contents: nil)
  let damaged = identity(slot0)
  try write("p4.txt", plan(4, extra: "到2029年，再生水利用率达到35%。\n"))
  let run = try workspace.runAndCompare("after a killed run")
  #expect(run.contains("5 of them reused from the last outputs"), "\(run)")
  #expect(currentSlot(output) == 0)
  #expect(identity(slot0).first != damaged.first, "the slot is a new copy")
  #expect(!FileManager.default.fileExists(atPath: slot0 + "-journal"))
  #expect(!FileManager.default.fileExists(
    atPath: output.appendingPathComponent(DatabaseSlots.pendingFile(0)).path))
}

import Foundation
import Testing

@testable import PlanScope

@Test func anUnchangedCorpusIsNotProcessedAgain() throws {
  let corpus = try ScratchFolder()
  for index in 0..<4 {
    try corpus.write("p\(index).txt", Array("一、目标\n（一）到2025年，指标\(index)达到\(80 + index)%。\n".utf8))
  }
  let output = try ScratchFolder()
  let arguments = ["run", corpus.url.path, "-o", output.url.path]
  let first = try CommandLineTool.run(arguments + ["--timestamp", "2026-11-01"])
  #expect(first.status == 0)
  let published = try publishedFiles(output.url)

  let second = try CommandLineTool.run(arguments + ["--timestamp", "2026-11-08"])
  #expect(second.status == 0)
  #expect(second.standardError.contains("4 document(s) unchanged since the last run"))
  #expect(try publishedFiles(output.url) == published)
  let state = try StateStore(
    path: output.url.appendingPathComponent("state.sqlite").path, fingerprint: nil)
  let seen = try state.entries().map { StateStore.stamp($0.lastSeen) }
  #expect(seen == Array(repeating: "2026-11-08T00:00:00Z", count: 4), "documents marked seen")

  // A changed file (new size and time) means a run; the other three come from the cache.
  try corpus.write("p2.txt", Array("一、目标\n（一）到2027年，指标达到99%。\n".utf8))
  let third = try CommandLineTool.run(arguments)
  #expect(third.standardError.contains("4 document(s) written"))
  #expect(third.standardError.contains("3 unchanged, from cache"))
  // A removed file also means a run.
  try FileManager.default.removeItem(at: corpus.url.appendingPathComponent("p3.txt"))
  let fourth = try CommandLineTool.run(arguments)
  #expect(fourth.standardError.contains("3 document(s) written"))
  // --no-cache always processes everything.
  let fifth = try CommandLineTool.run(arguments + ["--no-cache"])
  #expect(fifth.standardError.contains("3 document(s) written") && fifth.standardError.contains("(0 unchanged"))
}

/// A file rewritten with the same bytes (a copy, `touch`, a checkout) has a new modification
/// time: it is read and hashed, found unchanged, and the run stays a no-op; a file of the same
/// size whose bytes differ is a change.
@Test func aTouchedFileWithTheSameBytesIsNotAChange() throws {
  let corpus = try ScratchFolder()
  for index in 0..<3 {
    try corpus.write("p\(index).txt", Array("一、目标\n（一）到2025年，指标\(index)达到\(80 + index)%。\n".utf8))
  }
  let output = try ScratchFolder()
  let arguments = ["run", corpus.url.path, "-o", output.url.path]
  #expect(try CommandLineTool.run(arguments).status == 0)
  let published = try publishedFiles(output.url)
  let statePath = output.url.appendingPathComponent("state.sqlite").path

  let touched = corpus.url.appendingPathComponent("p1.txt")
  let bytes = try Data(contentsOf: touched)
  try FileManager.default.setAttributes(
    [.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: touched.path)
  let second = try CommandLineTool.run(arguments)
  #expect(second.status == 0)
  #expect(second.standardError.contains("3 document(s) unchanged since the last run"))
  #expect(try publishedFiles(output.url) == published)
  // The new stamp is recorded: the next run does not read the file again.
  let stamp = FileStamp.of(touched.path)
  let row = try SQLiteDatabase(path: statePath).query(
    "SELECT size, modified FROM documents WHERE path = 'p1.txt'"
  ).first
  #expect(row?[1].text == stamp?.modified)

  // Same size, other bytes: a change.
  var changed = [UInt8](bytes)
  changed[changed.count - 6] = UInt8(ascii: "9")  // 81% → 89%
  try corpus.write("p1.txt", changed)
  let third = try CommandLineTool.run(arguments)
  #expect(third.standardError.contains("3 document(s) written"))
  #expect(third.standardError.contains("2 unchanged, from cache"))
}

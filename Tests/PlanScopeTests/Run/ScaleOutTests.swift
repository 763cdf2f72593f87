import Foundation
import Testing

@testable import PlanScope

/// A small mixed corpus: three seed plans in nested folders, a Traditional DOCX, a Big5 text
/// and a binary file that fails.
private func mixedCorpus() throws -> ScratchFolder {
  let corpus = try ScratchFolder()
  let seeds = FixturePaths.repository.appendingPathComponent("corpus")
  let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted()
  for (index, name) in names.prefix(3).enumerated() {
    try corpus.write(
      "\(["a", "b/c", "d"][index])/\(name)",
      [UInt8](try Data(contentsOf: seeds.appendingPathComponent(name))))
  }
  try corpus.write(
    "docx/09_traditional_ext.docx", try FixturePaths.bytes("Fixtures/docx/09_traditional_ext.docx"))
  try corpus.write("big5.txt", try FixturePaths.bytes("Fixtures/hostile/big5.txt"))
  try corpus.write("broken/binary_nul.txt", try FixturePaths.bytes("Fixtures/hostile/binary_nul.txt"))
  return corpus
}

private let stamp = "2026-11-21T06:00:00Z"

/// Every document of the state database, for comparing two outputs' states.
private func stateEntries(_ output: URL) throws -> [StateEntry] {
  try StateStore(path: output.appendingPathComponent("state.sqlite").path, fingerprint: nil)
    .entries()
}

@Test(arguments: ["0/1", "2/3", "0/2", "1/2"])
func shardSpecificationsParse(_ text: String) throws {
  let shard = try Shard(parsing: text)
  #expect(shard.description == text)
}

@Test(arguments: ["3/3", "-1/2", "1", "a/b", "1/0", "0/2/3", ""])
func malformedShardSpecificationsAreRejected(_ text: String) {
  #expect(throws: ShardError.self) { try Shard(parsing: text) }
}

@Test func everyPathFallsInExactlyOneShardAndStaysThere() {
  let paths = (0..<300).map { "plans/\($0 % 7)/plan-\($0).txt" }
  for count in 1...5 {
    for path in paths {
      let owners = (0..<count).filter { Shard(index: $0, count: count).contains(path) }
      #expect(owners.count == 1)
    }
    let sizes = (0..<count).map { index in
      paths.filter { Shard(index: index, count: count).contains($0) }.count
    }
    #expect(sizes.allSatisfy { $0 > 300 / count / 2 }, "shards are balanced: \(sizes)")
  }
  // Pinned to the documented rule (first 8 bytes of SHA-256, big-endian, mod N), so a manifest
  // split outside planscope (`sha256sum`, Python's hashlib) agrees with it.
  #expect(Shard.bucket(of: "plans/0/plan-0.txt", count: 1000) == 372)
  #expect(Shard.bucket(of: "a.txt", count: 1000) == 629)
  #expect(Shard.bucket(of: "a.txt", count: 3) == 2)
  #expect(
    Manifest.files(from: "b.txt\n./a.txt\r\n\nb.txt\r\nc d.txt", root: URL(fileURLWithPath: "/r"))
      .map(\.path) == ["a.txt", "b.txt", "c d.txt"], "CRLF, ./, blank lines and repeats")
}

@Test(arguments: [1, 2, 3])
func mergedShardsEqualASingleRun(_ count: Int) throws {
  let corpus = try mixedCorpus()
  let work = try ScratchFolder()
  let single = work.url.appendingPathComponent("single")
  let run = try CommandLineTool.run([
    "run", corpus.url.path, "-o", single.path, "--timestamp", stamp, "-q", "--jobs", "2",
  ])
  #expect(run.status == 1, "the binary file fails: \(run.standardError)")
  #expect(run.standardError.contains("broken/binary_nul.txt"))

  let manifest = work.url.appendingPathComponent("manifest.txt")
  let paths = try Corpus(root: corpus.url).files().map(\.path)
  try Data(paths.reversed().joined(separator: "\n").utf8).write(to: manifest)
  var shardFolders: [String] = []
  var lines = 0
  for index in 0..<count {
    let folder = work.url.appendingPathComponent("shard-\(index)")
    let shard = try CommandLineTool.run([
      "run", "--manifest", manifest.path, "--root", corpus.url.path, "--shard", "\(index)/\(count)",
      "-o", folder.path, "-q", "--jobs", "1",
    ])
    #expect(shard.status == 0, "a failed document is a line, not an exit status")
    lines += try String(contentsOf: folder.appendingPathComponent("shard.jsonl"), encoding: .utf8)
      .split(separator: "\n").count
    shardFolders.append(folder.path)
  }
  #expect(lines == paths.count)
  let merged = work.url.appendingPathComponent("merged")
  let merge = try CommandLineTool.run(
    ["merge"] + shardFolders.reversed() + ["-o", merged.path, "--timestamp", stamp, "-q"])
  #expect(merge.status == 1, "the failure is reported by the merge")
  #expect(merge.standardError.contains("broken/binary_nul.txt"))

  let expected = try publishedFiles(single)
  #expect(expected.keys.contains("dataset.json") && expected.keys.contains("dataset.sqlite"))
  #expect(
    expected.count == 9 + 3 + 2 * 5,
    "9 outputs, the generation's index, comparison parts and comparison blocks, 5 texts × 2")
  let actual = try publishedFiles(merged)
  #expect(actual.keys.sorted() == expected.keys.sorted())
  for (name, bytes) in expected {
    #expect(actual[name] == bytes, "\(name) differs")
  }
  #expect(try stateEntries(merged) == stateEntries(single))
  let stamps = { (output: URL) in
    try SQLiteDatabase(path: output.appendingPathComponent("state.sqlite").path)
      .query("SELECT path, size, modified FROM documents ORDER BY path")
  }
  #expect(try stamps(merged) == stamps(single), "file stamps travel in the lines")
  #expect(try stamps(single).allSatisfy { $0[1] != .null })
}

@Test func jsonLinesPipedIntoMergeEqualASingleRun() throws {
  let corpus = try mixedCorpus()
  let work = try ScratchFolder()
  let single = work.url.appendingPathComponent("single")
  _ = try CommandLineTool.run(["run", corpus.url.path, "-o", single.path, "-q"])
  let paths = try Corpus(root: corpus.url).files().map(\.path)
  let lines = try CommandLineTool.run(
    ["run", "--stdin-paths", "--jsonl", "--root", corpus.url.path, "-q"],
    input: Data(paths.joined(separator: "\n").utf8))
  #expect(lines.status == 0)
  let decoded = try String(decoding: lines.standardOutput, as: UTF8.self)
    .split(separator: "\n").map { try DocumentLine.decode(Array($0.utf8), source: "stdout") }
  #expect(decoded.map(\.path) == paths, "one line per path, in path order")
  let failed = decoded.filter { if case .failed = $0.outcome { true } else { false } }
  #expect(failed.map(\.path) == ["broken/binary_nul.txt"])

  let merged = work.url.appendingPathComponent("merged")
  let merge = try CommandLineTool.run(
    ["merge", "--jsonl", "-o", merged.path, "-q"], input: lines.standardOutput)
  #expect(merge.status == 1)
  #expect(try publishedFiles(merged) == publishedFiles(single))
}

@Test func mergeRefusesOverlappingOrIncompleteShards() throws {
  let corpus = try mixedCorpus()
  let work = try ScratchFolder()
  let out = work.url.appendingPathComponent("out").path
  let all = work.url.appendingPathComponent("all")
  _ = try CommandLineTool.run(["run", corpus.url.path, "--shard", "0/1", "-o", all.path, "-q"])
  let lines = all.appendingPathComponent("shard.jsonl").path
  let overlapping = try CommandLineTool.run(["merge", "--jsonl", lines, lines, "-o", out, "-q"])
  #expect(overlapping.status == 2)
  #expect(overlapping.standardError.contains("more than one line"))

  var folders: [String] = []
  for index in 0..<3 {
    let folder = work.url.appendingPathComponent("s\(index)").path
    _ = try CommandLineTool.run([
      "run", corpus.url.path, "--shard", "\(index)/3", "-o", folder, "-q",
    ])
    folders.append(folder)
  }
  let incomplete = try CommandLineTool.run(["merge", folders[0], folders[2], "-o", out, "-q"])
  #expect(incomplete.status == 2)
  #expect(incomplete.standardError.contains("missing shard(s) 1/3"), "\(incomplete.standardError)")
  let mixed = try CommandLineTool.run(["merge"] + folders + [all.path, "-o", out, "-q"])
  #expect(mixed.status == 2 && mixed.standardError.contains("mixed"))
  let missingRoot = try CommandLineTool.run(
    ["run", "--stdin-paths", "--jsonl", "--root", work.url.appendingPathComponent("none").path],
    input: Data("a.txt\n".utf8))
  #expect(missingRoot.status == 2 && missingRoot.standardError.contains("no such folder"))
}

@Test func limitOptionsMakeAClearPerFileError() throws {
  let corpus = try ScratchFolder()
  try corpus.write("small.txt", Array("一、目标\n（一）到2025年。\n".utf8))
  try corpus.write("large.txt", Array(repeating: Array("一、目标\n".utf8), count: 100_000).flatMap { $0 })
  let output = try ScratchFolder()
  let run = try CommandLineTool.run([
    "run", corpus.url.path, "-o", output.url.path, "--max-input-mb", "1", "-q",
  ])
  #expect(run.status == 1)
  #expect(run.standardError.contains("large.txt"))
  #expect(run.standardError.contains("limit"), "\(run.standardError)")
  let dataset = try DatasetFile.load(output.url.appendingPathComponent("dataset.json").path)
  #expect(dataset.documents.map(\.source.path) == ["small.txt"])
  // large.txt is 1.3 MB of text: over a 1 MiB text limit with the input limit left alone.
  let text = try CommandLineTool.run([
    "run", corpus.url.path, "-o", output.url.path, "--max-text-mb", "1", "--no-cache", "-q",
  ])
  #expect(text.status == 1)
  #expect(text.standardError.contains("large.txt: text too large"), "\(text.standardError)")
  let refused = try CommandLineTool.run(["run", corpus.url.path, "-o", output.url.path, "--max-xml-depth", "0"])
  #expect(refused.status != 0 && refused.standardError.contains("positive"))
}

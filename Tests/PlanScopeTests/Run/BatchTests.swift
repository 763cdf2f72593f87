import Foundation
import Testing

@testable import PlanScope

/// A scratch folder removed at the end of a test.
struct ScratchFolder: ~Copyable {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "planscope-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(at: url) }

  func write(_ relative: String, _ bytes: [UInt8]) throws {
    let target = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: target)
  }
}

@Test func batchReportsFailuresAndKeepsGoing() throws {
  let corpus = try ScratchFolder()
  try corpus.write("b/plan.txt", Array("一、总体要求\n（一）到2025年。\n".utf8))
  try corpus.write("a/broken.txt", [0x00, 0x01, 0x02])
  try corpus.write("notes.md", Array("ignored".utf8))
  try corpus.write(".hidden.txt", Array("ignored".utf8))
  let found = try Corpus(root: corpus.url).files()
  // Hidden files are not part of a corpus; other formats are listed as skipped.
  #expect(found.map(\.path) == ["a/broken.txt", "b/plan.txt", "notes.md"])
  #expect(found[2].disposition == .skip(.unsupported(path: "notes.md", fileExtension: "md")))
  let files = found.filter { $0.disposition == .read }
  let outcomes = BatchRunner(pipeline: try Shared.pipeline(), jobs: 2).run(files)
  guard case .failed(let path, let reason) = outcomes[0] else {
    Issue.record("binary file should fail")
    return
  }
  #expect(path == "a/broken.txt")
  #expect(reason.contains("a/broken.txt") && reason.contains("binary content"))
  guard case .processed(let run) = outcomes[1] else {
    Issue.record("text file should be processed")
    return
  }
  #expect(run.record.tasks.map(\.path) == [["一、"], ["一、", "（一）"]])
  #expect(run.text == "一、总体要求\n（一）到2025年。\n")
}

@Test func outputIsWrittenAtomicallyAndIdenticallyForAnyJobCount() throws {
  let corpus = try ScratchFolder()
  for index in 0..<6 {
    try corpus.write("p\(index).txt", Array("一、目标\n（一）第\(index)项。\n".utf8))
  }
  let files = try Corpus(root: corpus.url).files()
  var datasets: [String] = []
  for jobs in [1, 2] {
    let out = try ScratchFolder()
    let runs = BatchRunner(pipeline: try Shared.pipeline(), jobs: jobs).run(files).compactMap {
      if case .processed(let run) = $0 { return run } else { return nil }
    }
    try OutputDirectory(out.url).writeRun(
      dataset: Dataset(records: runs.map(\.record)), documents: runs,
      comparison: ComparisonMarkdownWriter(lexicon: try ComparisonLexicon.standard()))
    let names = try FileManager.default.contentsOfDirectory(atPath: out.url.path).sorted()
    #expect(names.filter { $0.hasPrefix(".data-") }.count == 1, "one published generation")
    #expect(
      names.filter { !$0.hasPrefix(".data-") } == [
        ".current", DatabaseSlots.indexFile(0), DatabaseSlots.file(0), "comparison.html",
        "comparison.md", "dataset.json", "dataset.sqlite",
        "deadlines.csv", "documents.csv", "metadata.yml", "responsibilities.csv", "targets.csv",
        "text",
      ], "no staging or temporary files are left behind")
    let texts = try FileManager.default.contentsOfDirectory(
      atPath: out.url.appendingPathComponent("text").path)
    #expect(texts.count == 12)
    datasets.append(
      try String(contentsOf: out.url.appendingPathComponent("dataset.json"), encoding: .utf8))
  }
  #expect(datasets[0] == datasets[1])
}

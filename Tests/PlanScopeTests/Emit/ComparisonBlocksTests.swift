import Foundation
import Testing

@testable import PlanScope

/// Publishes `records` into `folder` as a run that splices does, and returns the generation's
/// name and how many comparison blocks it copied from the previous generation.
private func publish(_ records: [DocumentRecord], into folder: URL) throws -> (
  generation: String, reused: Int
) {
  let writer = try RunWriter(
    directory: OutputDirectory(folder),
    comparison: ComparisonMarkdownWriter(lexicon: try ComparisonLexicon.standard()),
    fingerprint: "comparison-blocks-test")
  writer.splices = true
  for record in Dataset(records: records).documents {
    try writer.add(ProcessedDocument(record: record, text: "正文", original: "正文"))
  }
  let generation = try writer.commit()
  return (generation, writer.reusedComparisonBlocks)
}

private func bytes(_ folder: URL, _ name: String) throws -> Data {
  try Data(contentsOf: folder.appendingPathComponent(name))
}

/// Blocks recorded in a generation's `.comparison-blocks` (40 bytes each after its header).
private func blockCount(_ folder: URL) throws -> Int {
  let header = "planscope comparison blocks 1\n".utf8.count
  return (try bytes(folder, ".current/" + ComparisonBlocks.fileName).count - header) / 40
}

@Test func aComparisonCopiesTheBlocksOfUnchangedRowsAndRendersWhatANewOneWould() throws {
  var records = ComparisonCase.large(400)
  let out = try ScratchFolder()
  let first = try publish(records, into: out.url)
  #expect(first.reused == 0, "nothing to copy from")
  let blocks = try blockCount(out.url)
  #expect(blocks >= 30, "the shared families' long charts are cut into blocks")

  // One plan's label changes (its rows in every chart it has), and a plan goes: the rows
  // after it move up a chart, which moves a group of bars, not the bytes of its bars.
  records[200].title = "计划200（修订）"
  records.remove(at: 50)
  let second = try publish(records, into: out.url)
  let fresh = try ScratchFolder()
  let reference = try publish(records, into: fresh.url)
  #expect(reference.reused == 0)
  for name in ["comparison.md", "comparison.html"] {
    #expect(try bytes(out.url, name) == bytes(fresh.url, name), "\(name) as rendered anew")
  }
  #expect(second.generation == reference.generation, "a copied block names the generation as a rendered one")
  #expect(second.reused > blocks / 2, "the unchanged rows' blocks are copied")
  #expect(second.reused < blocks, "the changed rows' blocks are rendered")
}

@Test func damagedBlocksAreRenderedAnew() throws {
  var records = ComparisonCase.large(200)
  for damage in [ComparisonBlocks.fileName, "comparison.html"] {
    let out = try ScratchFolder()
    _ = try publish(records, into: out.url)
    // The table loses its last bytes; the page, half of them (its blocks then end past it).
    let victim = out.url.appendingPathComponent(".current/" + damage)
    let handle = try FileHandle(forWritingTo: victim)
    let size = try handle.seekToEnd()
    try handle.truncate(atOffset: damage == "comparison.html" ? size / 2 : size - 3)
    try handle.close()
    records[0].title = "计划0（\(damage)）"
    let again = try publish(records, into: out.url)
    #expect(again.reused == 0, "\(damage) damaged: nothing is copied")
    let fresh = try ScratchFolder()
    _ = try publish(records, into: fresh.url)
    #expect(try bytes(out.url, "comparison.html") == bytes(fresh.url, "comparison.html"), "\(damage)")
  }
}

@Test func identicalOutputsOfAnotherPipelineKeepTheGenerationAndTakeItsIndex() throws {
  let records = ComparisonCase.large(20)
  let out = try ScratchFolder()
  func publish(fingerprint: String) throws -> String {
    let writer = try RunWriter(
      directory: OutputDirectory(out.url),
      comparison: ComparisonMarkdownWriter(lexicon: try ComparisonLexicon.standard()),
      fingerprint: fingerprint)
    for record in Dataset(records: records).documents {
      try writer.add(ProcessedDocument(record: record, text: "正文", original: "正文"))
    }
    return try writer.commit()
  }
  let first = try publish(fingerprint: "before-upgrade")
  let second = try publish(fingerprint: "after-upgrade")
  #expect(first == second, "the same outputs: the generation stays")
  let index = try #require(
    GenerationIndex.load(
      from: out.url.appendingPathComponent(second), files: RunWriter.splicedFiles.count + 1))
  #expect(index.fingerprint == "after-upgrade", "the next run splices from it")
  // The database the kept generation links to holds the same rows: it is trusted for the
  // next run but one (which would otherwise copy it), as the new one is for the next.
  for slot in 0..<2 {
    #expect(
      DatabaseSlots(folder: out.url).contents(
        slot, fingerprint: "after-upgrade", files: RunWriter.splicedFiles.count + 1) != nil,
      "slot \(slot)")
  }
  #expect(try FileManager.default.contentsOfDirectory(atPath: out.url.path).filter {
    $0.hasPrefix(".staging-")
  }.isEmpty)
}

import Foundation
import Testing

@testable import PlanScope

private func comparisonWriter() throws -> ComparisonMarkdownWriter {
  ComparisonMarkdownWriter(lexicon: try ComparisonLexicon.standard())
}

/// Entries of a folder, sorted.
private func entries(_ folder: URL) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

/// Renders `records` the way a run does: spilled to files in a scratch folder, streamed into
/// `comparison.md` and `comparison.html` there (a record with the bytes of an earlier one
/// added as its copy). Checks that the spill never shows up in the folder.
private func streamThroughFiles(
  _ records: [DocumentRecord], writer: ComparisonMarkdownWriter,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> (markdown: String, html: String) {
  let folder = try ScratchFolder()
  let files = try ComparisonFiles(folder: folder.url)
  #expect(
    try entries(folder.url) == [], "scratch files are unlinked", sourceLocation: sourceLocation)
  var builder = ComparisonBuilder(writer: writer, spill: files)
  var first: [String: String] = [:]
  for record in records {
    try builder.add(record, copyOf: first[record.source.sha256])
    if first[record.source.sha256] == nil { first[record.source.sha256] = record.key }
  }
  var rendered: [String] = []
  for name in ["comparison.md", "comparison.html"] {
    let output = folder.url.appendingPathComponent(name)
    var file = try BufferedFile(path: output.path)
    if name.hasSuffix(".md") {
      try builder.render(into: &file)
    } else {
      try builder.renderHTML(into: &file)
    }
    try file.finish()
    rendered.append(String(decoding: try Data(contentsOf: output), as: UTF8.self))
  }
  files.close()
  #expect(
    try entries(folder.url) == ["comparison.html", "comparison.md"],
    sourceLocation: sourceLocation)
  return (rendered[0], rendered[1])
}

@Test(arguments: ComparisonCase.all)
func streamedComparisonMatchesTheInMemoryRenderer(_ comparison: ComparisonCase) throws {
  let dataset = Dataset(records: comparison.records)
  let writer = try comparisonWriter()
  let expected = ComparisonOracle(lexicon: try ComparisonLexicon.standard()).write(dataset)
  #expect(writer.write(dataset) == expected)
  let streamed = try streamThroughFiles(dataset.documents, writer: writer)
  #expect(streamed.markdown == expected)
  #expect(streamed.html == writer.writeHTML(dataset))
  if comparison.id == "large" {
    #expect(expected.utf8.count > 2 << 20, "spilled streams cross their megabyte chunks")
  }
}

@Test func streamedComparisonOfTheSeedCorpusMatchesItsGolden() throws {
  let golden = try #require(try GoldenCase.all().first { $0.name == "seed-corpus" })
  let pipeline = try Shared.pipeline()
  var records: [DocumentRecord] = []
  for input in try golden.inputs() {
    var diagnostics = Diagnostics()
    records.append(
      pipeline.run(try pipeline.load(input.url, as: input.path), diagnostics: &diagnostics).record)
  }
  let writer = try comparisonWriter()
  let dataset = Dataset(records: records)
  let streamed = try streamThroughFiles(dataset.documents, writer: writer)
  try golden.check("comparison.md", streamed.markdown)
  try golden.check("comparison.html", streamed.html)
  // Copies under other paths: one row per copy, flagged, their facts counted once.
  let copies = Dataset(
    records: (0..<3).flatMap { copy in
      records.map { record in
        var record = record
        record.source.path = "copy\(copy)/" + record.source.path
        return record
      }
    })
  let expected = ComparisonOracle(lexicon: try ComparisonLexicon.standard()).write(copies)
  #expect(writer.write(copies) == expected)
  let streamedCopies = try streamThroughFiles(copies.documents, writer: writer)
  #expect(streamedCopies.markdown == expected)
  #expect(streamedCopies.html == writer.writeHTML(copies))
}

// MARK: - Scratch files

private let publishedGeneration = [
  "comparison.html", "comparison.md", "dataset.json", "dataset.sqlite", "deadlines.csv",
  "documents.csv",
  "metadata.yml", "responsibilities.csv", "targets.csv", "text",
]

private func documents(_ records: [DocumentRecord]) -> [ProcessedDocument] {
  Dataset(records: records).documents.map {
    ProcessedDocument(record: $0, text: "正文", original: "正文")
  }
}

@Test func committedRunLeavesOnlyItsOutputs() throws {
  let out = try ScratchFolder()
  let records = documents(
    (ComparisonCase.all.first { $0.id == "all-sections" }?.records ?? [])
      + ComparisonCase.large(100))
  let writer = try RunWriter(directory: OutputDirectory(out.url), comparison: comparisonWriter())
  for document in records { try writer.add(document) }
  let staging = try #require(try entries(out.url).first { $0.hasPrefix(".staging-") })
  #expect(
    try entries(out.url.appendingPathComponent(staging)).filter { $0.hasPrefix(".") }
      == [RunWriter.partsFile, GenerationIndex.fileName],
    "the comparison's scratch files are not in the staging folder while records stream")
  let generation = try writer.commit()
  #expect(
    try entries(out.url.appendingPathComponent(generation))
      == ([RunWriter.partsFile, GenerationIndex.fileName, ComparisonBlocks.fileName]
        + publishedGeneration).sorted())
  #expect(
    try entries(out.url).filter { $0.hasPrefix(".") }
      == [".current", generation, DatabaseSlots.indexFile(0), DatabaseSlots.file(0)].sorted(),
    "the generation, and the database slot its dataset.sqlite links to")
  let markdown = try String(
    contentsOf: out.url.appendingPathComponent("comparison.md"), encoding: .utf8)
  let dataset = Dataset(records: records.map(\.record))
  #expect(markdown == ComparisonOracle(lexicon: try ComparisonLexicon.standard()).write(dataset))
  let html = try String(
    contentsOf: out.url.appendingPathComponent("comparison.html"), encoding: .utf8)
  #expect(html == (try comparisonWriter()).writeHTML(dataset))
}

/// How a run ends before its commit: records out of order (an error), or just dropped.
enum AbandonedRun: String, CaseIterable, Sendable {
  case failedAdd, dropped
}

@Test(arguments: AbandonedRun.allCases)
func abandonedRunLeavesNoScratchFiles(_ ending: AbandonedRun) throws {
  let out = try ScratchFolder()
  let records = documents(ComparisonCase.large(50))
  do {
    let writer = try RunWriter(directory: OutputDirectory(out.url), comparison: comparisonWriter())
    for document in records { try writer.add(document) }
    if ending == .failedAdd {
      #expect(throws: OutputError.self) { try writer.add(records[0]) }
    }
  }
  #expect(try entries(out.url) == [], "no staging folder, no scratch files, nothing published")
}

@Test func closedScratchThrowsInsteadOfCrashing() throws {
  let folder = try ScratchFolder()
  let files = try ComparisonFiles(folder: folder.url)
  var builder = ComparisonBuilder(writer: try comparisonWriter(), spill: files)
  try builder.add(ComparisonCase.tianjin)
  files.close()
  var text = try BufferedFile(path: folder.url.appendingPathComponent("out.md").path)
  #expect(throws: OutputError.self) { try builder.render(into: &text) }
  #expect(throws: OutputError.self) {
    try ComparisonFiles(folder: folder.url.appendingPathComponent("missing"))
  }
}

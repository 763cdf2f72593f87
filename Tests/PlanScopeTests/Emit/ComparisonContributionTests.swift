import Foundation
import Testing

@testable import PlanScope

private func partsWriter() throws -> ComparisonMarkdownWriter {
  ComparisonMarkdownWriter(lexicon: try ComparisonLexicon.standard())
}

/// A plan's part of the comparison, as an incremental run keeps it in a generation, reads back
/// to the same part, and a damaged one is refused rather than replayed.
@Test func aComparisonPartReadsBackAsWritten() throws {
  let names = ComparisonNames(writer: try partsWriter())
  let records =
    (ComparisonCase.all.first { $0.id == "all-sections" }?.records ?? []) + ComparisonCase.large(40)
  #expect(records.count > 40)
  for (number, record) in records.enumerated() {
    let part = ComparisonContribution(record, copyOf: number == 3 ? "0123456789abcdef" : nil, names: names)
    let bytes = part.bytes
    let read = try #require(ComparisonContribution(bytes: bytes))
    #expect(read.bytes == bytes)
    #expect(read.isCopy == (number == 3))
    #expect(read.targets.count == (number == 3 ? 0 : record.targets.count))
    let refused = ComparisonContribution(bytes: Array(bytes.dropLast(1))) == nil
    #expect(refused, "a cut part is refused")
  }
}

/// Replaying the parts gives the comparison the records give.
@Test func replayedPartsRenderTheSameComparison() throws {
  let records =
    (ComparisonCase.all.first { $0.id == "all-sections" }?.records ?? []) + ComparisonCase.large(60)
  let writer = try partsWriter()
  var fromRecords = ComparisonBuilder(writer: writer, spill: ComparisonMemory())
  var fromParts = ComparisonBuilder(writer: writer, spill: ComparisonMemory())
  let names = ComparisonNames(writer: writer)
  for record in records {
    fromRecords.add(record)
    let bytes = ComparisonContribution(record, copyOf: nil, names: names).bytes
    let part = try #require(ComparisonContribution(bytes: bytes))
    fromParts.add(part)
  }
  var first = ComparisonText()
  var second = ComparisonText()
  fromRecords.render(into: &first)
  fromParts.render(into: &second)
  #expect(first.bytes == second.bytes)
  #expect(!first.bytes.isEmpty)
}

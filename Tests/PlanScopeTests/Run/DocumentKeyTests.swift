import Foundation
import Testing

@testable import PlanScope

/// `dataset.json` names each document by the key the CSV, SQLite and `text/` files use, and
/// marks a copy (same bytes as an earlier path) with the first one's key: written by a run as
/// documents stream in, and by `DatasetJSONWriter` from a `Dataset`, byte for byte alike.
@Test func datasetJSONCarriesDocumentKeysAndMarksCopies() throws {
  let source = { (path: String, sha: String) in
    SourceInfo(path: path, sha256: sha, format: .text, encoding: "utf-8")
  }
  let records = [
    DocumentRecord(id: "aa", source: source("a.txt", "aa11"), title: "甲", script: .simplified, tasks: []),
    DocumentRecord(id: "bb", source: source("b.txt", "bb22"), title: "乙", script: .simplified, tasks: []),
    DocumentRecord(id: "aa", source: source("c/a copy.txt", "aa11"), title: "甲", script: .simplified, tasks: []),
  ]
  let dataset = Dataset(records: records)
  #expect(dataset.documents.map(\.duplicateOf) == [nil, nil, records[0].key])

  let work = try ScratchFolder()
  let writer = try RunWriter(
    directory: OutputDirectory(work.url),
    comparison: ComparisonMarkdownWriter(lexicon: try ComparisonLexicon.standard()))
  for record in records {
    try writer.add(ProcessedDocument(record: record, text: "正文", original: "正文"))
  }
  try writer.commit()
  let written = try String(
    contentsOf: work.url.appendingPathComponent("dataset.json"), encoding: .utf8)
  #expect(written == (try DatasetJSONWriter().write(dataset)))
  #expect(written.contains("\"document_key\" : \"\(records[1].key)\""))
  #expect(written.components(separatedBy: "\"duplicate_of\" : \"\(records[0].key)\"").count == 2)
  #expect(records[0].key == String(SHA256.hexDigest(Array("a.txt".utf8)).prefix(16)))

  // Reading the dataset back keeps the mark; a record of its own (state, JSON lines) has none.
  let decoded = try DatasetCoding.decoder().decode(Dataset.self, from: Data(written.utf8))
  #expect(decoded.documents.map(\.duplicateOf) == dataset.documents.map(\.duplicateOf))
  #expect(!(try RecordEncoder().stateJSON(records[2])).contains("duplicate_of"))
}

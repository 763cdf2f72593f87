import Foundation
import Testing

@testable import PlanScope

@Test func aFolderMixingEveryFormatWritesEachReadablePlanAndReportsTheRest() throws {
  let work = try ScratchFolder()
  let corpus = work.url.appendingPathComponent("corpus")
  let fixtures: [(String, String)] = [
    ("Fixtures/pdf/plan_wrapped.pdf", "a.pdf"), ("Fixtures/pdf/scanned.pdf", "scan.pdf"),
    ("Fixtures/html/portal_gb2312.html", "b.html"), ("Fixtures/docx/04_table_tasks.docx", "c.docx"),
    ("Fixtures/hostile/gb18030.txt", "d.txt"),
  ]
  for (fixture, name) in fixtures {
    try work.write("corpus/\(name)", try FixturePaths.bytes(fixture))
  }
  try work.write("corpus/e.xlsx", Array("a spreadsheet".utf8))
  try work.write("corpus/f.doc", Array("not a Word file".utf8))
  let output = work.url.appendingPathComponent("output")
  let result = try CommandLineTool.run(["run", corpus.path, "-o", output.path])
  #expect(result.status == 1)
  #expect(result.standardError.contains("scan.pdf: cannot read PDF: scanned PDF: no text layer"))
  // A .doc goes through LibreOffice: without it, it fails alone naming what to install; with
  // it, this text file renamed .doc is converted like any text (LibreOffice opens text).
  let docRead = !result.standardError.contains("f.doc: ")
  #expect(result.standardError.contains("1 file(s) skipped"))
  let dataset = try DatasetFile.load(output.path)
  #expect(
    dataset.documents.map(\.source.path)
      == ["a.pdf", "b.html", "c.docx", "d.txt"] + (docRead ? ["f.doc"] : []))
  #expect(
    dataset.documents.map(\.source.format) == [.pdf, .html, .docx, .text] + (docRead ? [.doc] : []))
  #expect(dataset.skipped.map(\.path) == ["e.xlsx"])
  #expect(docRead == (LegacyWordReader.soffice != nil))
  // Each text is the reader's: the published original equals what `planscope text` prints.
  for record in dataset.documents {
    let published = try String(
      contentsOf: output.appendingPathComponent("text/\(record.key).original.txt"), encoding: .utf8)
    let direct = try CommandLineTool.run([
      "text", corpus.appendingPathComponent(record.source.path).path,
    ])
    #expect(!published.isEmpty)
    #expect(published.count <= String(decoding: direct.standardOutput, as: UTF8.self).count)
  }
  #expect(
    dataset.documents[0].targets.contains { $0.indicator.contains("回收利用率") && $0.value == 35 })
}

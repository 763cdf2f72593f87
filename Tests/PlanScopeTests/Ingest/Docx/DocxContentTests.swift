import Foundation
import Testing

@testable import PlanScope

private let mathNS = "http://schemas.openxmlformats.org/officeDocument/2006/math"

@Test func equationTextIsKeptInItsParagraph() throws {
  // 单位GDP能耗 = E/G, an inline Office Math object between two runs.
  let body =
    "<w:p><w:r><w:t>能耗强度</w:t></w:r><m:oMath xmlns:m=\"\(mathNS)\"><m:r><m:t>E</m:t></m:r>"
    + "<m:r><m:t>/G</m:t></m:r></m:oMath><w:r><w:t>下降13.5%。</w:t></w:r></w:p>"
  #expect(try readDocx(body: body) == "能耗强度E/G下降13.5%。\n")
}

@Test func aTrackedCellDeletionRemovesTheCell() throws {
  let cell = { (text: String, deleted: Bool) in
    "<w:tc><w:tcPr>\(deleted ? "<w:cellDel w:id=\"1\" w:author=\"审核\" w:date=\"2024-01-01T00:00:00Z\"/>" : "")</w:tcPr>\(para(text))</w:tc>"
  }
  let body =
    "<w:tbl><w:tr>\(cell("推进煤改电", false))\(cell("已删除的单位", true))\(cell("市发展改革委", false))</w:tr></w:tbl>"
  #expect(try readDocx(body: body) == "推进煤改电\t市发展改革委\n")
}

@Test func aPackageWhoseMainPartIsNotAWordDocumentFails() throws {
  var zip = TestZip()
  zip.add(
    "_rels/.rels",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
  )
  zip.add(
    "xl/workbook.xml",
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>"
  )
  let error = #expect(throws: DocxError.self) { try DocxReader().extractText(from: zip.bytes()) }
  #expect(error == .notWordDocument(part: "xl/workbook.xml"))
  #expect(error?.description.hasPrefix("not a Word document") == true)
}

@Test func aTextNodeOverLibxml2sLimitIsAClearError() throws {
  // 10,000,001 bytes in one w:t: libxml2's limit without XML_PARSE_HUGE.
  let huge = String(repeating: "a", count: 10_000_001)
  let error = #expect(throws: DocxError.self) {
    try readDocx(body: "<w:p><w:r><w:t>\(huge)</w:t></w:r></w:p>")
  }
  #expect(error == .textNodeTooLarge(part: "word/document.xml"))
  #expect(error?.description.contains("over 10 MB") == true)
}

@Test func anEmbeddedHTMLChunkIsReadInPlace() throws {
  let relationshipsNS = "http://schemas.openxmlformats.org/package/2006/relationships"
  let typePrefix = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
  var zip = TestZip()
  zip.add(
    "_rels/.rels",
    "<Relationships xmlns=\"\(relationshipsNS)\"><Relationship Id=\"rId1\" Type=\"\(typePrefix)officeDocument\" Target=\"word/document.xml\"/></Relationships>"
  )
  let chunk =
    "<w:altChunk xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rIdChunk\"/>"
  zip.add("word/document.xml", wordDocument(para("一、主要目标") + chunk + para("二、保障措施")))
  zip.add(
    "word/_rels/document.xml.rels",
    "<Relationships xmlns=\"\(relationshipsNS)\"><Relationship Id=\"rIdChunk\" Type=\"\(typePrefix)aFChunk\" Target=\"afchunk.htm\"/></Relationships>"
  )
  zip.add(
    "word/afchunk.htm",
    "<html><body><p>到2025年，覆盖率达到90%。</p><table><tr><td>推进改造</td><td>市住建局</td></tr></table></body></html>"
  )
  var diagnostics: [Diagnostic] = []
  let text = try DocxReader().extractText(from: zip.bytes(), diagnostics: &diagnostics)
  #expect(text == "一、主要目标\n到2025年，覆盖率达到90%。\n推进改造\t市住建局\n二、保障措施\n")
  #expect(diagnostics.isEmpty)
}

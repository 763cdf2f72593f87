import Testing

@testable import PlanScope

/// Hardening of `WordML` and part resolution of `DocxPackage`.
@Suite struct DocxWordMLTests {
  private func parseAll(_ xml: [UInt8], limits: IngestLimits = IngestLimits()) throws(DocxError)
    -> Int
  {
    try WordML.parse(xml, part: "test.xml", limits: limits) { (parser) throws(DocxError) in
      var events = 0
      while try parser.next() != nil { events += 1 }
      return events
    }
  }

  @Test func doctypeAfterACommentIsRefusedBeforeParsing() {
    let xml = Array(
      "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE x [<!ENTITY e \"v\">]><x>&e;</x>".utf8)
    #expect(WordML.startsWithDoctype(xml))
    #expect(throws: DocxError.dtdNotAllowed(part: "test.xml")) { try parseAll(xml) }
  }

  @Test func doctypeInAUTF16PartIsRefusedByTheReader() {
    let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE x><x>a</x>"
    let xml: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(!WordML.startsWithDoctype(xml))
    #expect(throws: DocxError.dtdNotAllowed(part: "test.xml")) { try parseAll(xml) }
  }

  @Test func malformedXMLCarriesLibxml2sMessage() {
    do {
      _ = try parseAll(Array("<a><b></a>".utf8))
      Issue.record("expected an error")
    } catch {
      guard case .malformedXML(let part, let reason) = error else {
        Issue.record("expected malformedXML, got \(error)")
        return
      }
      #expect(part == "test.xml")
      #expect(reason.contains("line 1"))
      #expect(reason.contains("mismatch"))
    }
  }

  @Test func undeclaredEntityIsMalformed() {
    #expect(throws: DocxError.self) { try parseAll(Array("<a>&xxe;</a>".utf8)) }
  }

  @Test func depthLimitCountsElementsInSkippedSubtrees() throws {
    var limits = IngestLimits()
    limits.maxXMLDepth = 6
    let deep =
      "<w:p><w:del>" + String(repeating: "<x>", count: 6) + String(repeating: "</x>", count: 6)
      + "</w:del></w:p>"
    #expect(throws: DocxError.nestingTooDeep(part: "word/document.xml", limit: 6)) {
      try readDocx(body: deep, limits: limits)
    }
    limits.maxXMLDepth = 20
    #expect(try readDocx(body: deep, limits: limits) == "")
  }

  @Test func mainPartIsFoundThroughStrictRelationships() throws {
    var zip = TestZip()
    zip.add(
      "_rels/.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"r1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\""
        + " Target=\"/doc/./main%20part.xml\"/></Relationships>")
    zip.add("doc/main part.xml", wordDocument(para("主")))
    let package = try DocxPackage(bytes: zip.bytes(), limits: IngestLimits())
    #expect(package.mainPartName == "doc/main part.xml")
    #expect(package.numberingPartName == nil)
  }

  @Test func relationshipsWithoutOfficeDocumentMeanNoMainPart() {
    var zip = TestZip()
    zip.add(
      "_rels/.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>")
    zip.add("word/document.xml", wordDocument(para("x")))
    #expect(throws: DocxError.self) { try DocxPackage(bytes: zip.bytes(), limits: IngestLimits()) }
  }

  @Test func targetsResolveRelativeToTheSourceFolder() {
    #expect(DocxPackage.resolve("numbering.xml", from: "word") == "word/numbering.xml")
    #expect(DocxPackage.resolve("/word/styles.xml", from: "word") == "word/styles.xml")
    #expect(DocxPackage.resolve("../../../etc/passwd", from: "word") == "etc/passwd")
    #expect(DocxPackage.resolve("word\\document.xml", from: "") == "word/document.xml")
  }

  @Test func sniffingNamesTheProblem() {
    #expect(throws: DocxError.emptyFile) { try DocxReader.sniff([]) }
    #expect(throws: DocxError.legacyOrEncrypted) {
      try DocxReader.sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1])
    }
    #expect(throws: DocxError.notZip) { try DocxReader.sniff(Array("文本".utf8)) }
  }
}

import Testing

@testable import PlanScope

/// Run-, field-, table- and text-box rules of `BodyRenderer` beyond what the fixtures cover.
@Suite struct DocxBodyRendererTests {
  private func run(_ inner: String) -> String { "<w:r>\(inner)</w:r>" }
  private func text(_ value: String) -> String {
    "<w:r><w:t xml:space=\"preserve\">\(value)</w:t></w:r>"
  }
  private func fieldChar(_ type: String) -> String {
    "<w:r><w:fldChar w:fldCharType=\"\(type)\"/></w:r>"
  }
  private func instruction(_ value: String) -> String {
    "<w:r><w:instrText>\(value)</w:instrText></w:r>"
  }

  @Test func nestedFieldInsideAnInstructionShowsOnlyTheOuterResult() throws {
    let body =
      "<w:p>" + text("甲") + fieldChar("begin") + instruction("IF ") + fieldChar("begin")
      + instruction("MERGEFIELD x") + fieldChar("separate") + text("内层") + fieldChar("end")
      + instruction(" = 1 ") + fieldChar("separate") + text("结果") + fieldChar("end") + text("乙")
      + "</w:p>"
    #expect(try readDocx(body: body) == "甲结果乙\n")
  }

  @Test func fieldWithoutSeparateShowsNothing() throws {
    let body =
      "<w:p>" + text("页") + fieldChar("begin") + instruction("PAGE") + fieldChar("end") + text("码")
      + "</w:p>"
    #expect(try readDocx(body: body) == "页码\n")
  }

  @Test func breaksTabsAndSymbols() throws {
    let body =
      "<w:p>" + text("a") + run("<w:br/>") + text("b") + run("<w:br w:type=\"page\"/>") + text("c")
      + run("<w:br w:type=\"column\"/>") + run("<w:br w:type=\"textWrapping\"/>") + text("d")
      + run("<w:cr/>")
      + run("<w:tab/>") + run("<w:sym w:font=\"SimSun\" w:char=\"4E00\"/>")
      + run("<w:sym w:font=\"Symbol\" w:char=\"F0B7\"/>") + "</w:p>"
    #expect(try readDocx(body: body) == "a\nbc\nd\n\t一\n")
  }

  @Test func tabStopsInParagraphPropertiesAreNotText() throws {
    let body = para("正文", "<w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs>")
    #expect(try readDocx(body: body) == "正文\n")
  }

  @Test func hiddenRunsAreDroppedUnlessVanishIsOff() throws {
    let body =
      "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r>"
      + "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>显</w:t></w:r>" + text("示") + "</w:p>"
    #expect(try readDocx(body: body) == "显示\n")
  }

  @Test func onlyOneAlternateContentBranchIsRead() throws {
    let choiceAndFallback =
      "<w:p>" + text("前") + "<mc:AlternateContent><mc:Choice Requires=\"wps\">" + text("选")
      + "</mc:Choice><mc:Fallback>" + text("备") + "</mc:Fallback></mc:AlternateContent></w:p>"
    #expect(try readDocx(body: choiceAndFallback) == "前选\n")
    let fallbackOnly =
      "<w:p><mc:AlternateContent><mc:Fallback>" + text("备")
      + "</mc:Fallback></mc:AlternateContent></w:p>"
    #expect(try readDocx(body: fallbackOnly) == "备\n")
  }

  @Test func rubyTextAndDrawingMLTextAreDropped() throws {
    let body =
      "<w:p><w:r><w:ruby><w:rt><w:r><w:t>zhōng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>中</w:t></w:r>"
      + "</w:rubyBase></w:ruby></w:r><w:r><w:drawing><a:t>图中文字</a:t></w:drawing></w:r></w:p>"
    #expect(try readDocx(body: body) == "中\n")
  }

  @Test func nestedTablesStayInsideTheirCell() throws {
    let nested =
      "<w:tbl><w:tr><w:tc>\(para("x"))</w:tc><w:tc>\(para("y"))</w:tc></w:tr>"
      + "<w:tr><w:tc>\(para("z"))</w:tc></w:tr></w:tbl>"
    let body =
      "<w:tbl><w:tr><w:tc>\(para("A"))</w:tc><w:tc>\(nested)\(para(""))</w:tc></w:tr>"
      + "<w:tr><w:tc>\(para(""))</w:tc><w:tc>\(para(""))</w:tc></w:tr>"
      + "<w:tr><w:tc>\(para("第一行"))\(para("第二行"))</w:tc><w:tc>\(para(""))</w:tc></w:tr></w:tbl>"
      + para("后")
    #expect(try readDocx(body: body) == "A\tx y z\n第一行 第二行\t\n后\n")
  }

  @Test func lineBreaksInsideACellBecomeSpaces() throws {
    let body =
      "<w:tbl><w:tr><w:tc><w:p>" + text("一") + run("<w:br/>") + text("二")
      + "</w:p></w:tc></w:tr></w:tbl>"
    #expect(try readDocx(body: body) == "一 二\n")
  }

  @Test func textBoxLinesFollowTheAnchoringParagraph() throws {
    let box =
      "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>\(para("框一"))\(para("框二"))</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    let body = "<w:p>" + text("前") + box + text("后") + "</w:p>" + para("下一段")
    #expect(try readDocx(body: body) == "前后\n框一\n框二\n下一段\n")
  }

  @Test func deletedMarkOnTheLastParagraphStillEmitsItsText() throws {
    let body = para("末段", "<w:rPr><w:del w:id=\"1\" w:author=\"a\"/></w:rPr>")
    #expect(try readDocx(body: body) == "末段\n")
  }

  @Test func deletedRunsAndMovedAwayTextAreDroppedInsertionsKept() throws {
    let body =
      "<w:p><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>旧</w:delText></w:r></w:del>"
      + "<w:ins w:id=\"2\" w:author=\"a\">\(text("新"))</w:ins>"
      + "<w:moveFrom w:id=\"3\" w:author=\"a\">\(text("移走"))</w:moveFrom>"
      + "<w:moveTo w:id=\"4\" w:author=\"a\">\(text("移来"))</w:moveTo></w:p>"
    #expect(try readDocx(body: body) == "新移来\n")
  }

  @Test func strictNamespaceAttributesAreRead() throws {
    let strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    var zip = TestZip()
    zip.add(
      "word/document.xml",
      "<w:document xmlns:w=\"\(strict)\"><w:body><w:p><w:r><w:t>a</w:t><w:br w:type=\"page\"/><w:t>b</w:t>"
        + "</w:r></w:p></w:body></w:document>")
    // No _rels/.rels at all: the reader falls back to word/document.xml.
    #expect(try DocxReader().extractText(from: zip.bytes()) == "ab\n")
  }
}

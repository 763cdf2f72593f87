import Testing

@testable import PlanScope

/// Counter, restart, style and override rules of `ListNumbering`, through whole documents.
@Suite struct DocxListNumberingTests {
  private func level(
    _ ilvl: Int, _ format: String, _ text: String, start: Int = 1, suffix: String? = "nothing",
    extra: String = ""
  ) -> String {
    let suff = suffix.map { "<w:suff w:val=\"\($0)\"/>" } ?? ""
    return
      "<w:lvl w:ilvl=\"\(ilvl)\"><w:start w:val=\"\(start)\"/><w:numFmt w:val=\"\(format)\"/>\(extra)\(suff)"
      + "<w:lvlText w:val=\"\(text)\"/></w:lvl>"
  }

  private func abstract(_ id: Int, _ levels: String...) -> String {
    "<w:abstractNum w:abstractNumId=\"\(id)\">" + levels.joined() + "</w:abstractNum>"
  }

  private func num(_ id: Int, _ abstractID: Int, _ overrides: String = "") -> String {
    "<w:num w:numId=\"\(id)\"><w:abstractNumId w:val=\"\(abstractID)\"/>\(overrides)</w:num>"
  }

  @Test func instancesOfOneDefinitionContinueOneList() throws {
    let numbering = abstract(0, level(0, "chineseCounting", "%1、")) + num(1, 0) + num(2, 0)
    let body = para("甲", numPr(1, 0)) + para("乙", numPr(2, 0)) + para("丙", numPr(1, 0))
    #expect(try readDocx(body: body, numbering: numbering) == "一、甲\n二、乙\n三、丙\n")
  }

  @Test func startOverrideGivesTheInstanceItsOwnCounters() throws {
    let numbering =
      abstract(0, level(0, "decimal", "%1.")) + num(1, 0)
      + num(2, 0, "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride>")
    let body =
      para("a", numPr(1, 0)) + para("b", numPr(2, 0)) + para("c", numPr(2, 0))
      + para("d", numPr(1, 0))
    #expect(try readDocx(body: body, numbering: numbering) == "1.a\n5.b\n6.c\n2.d\n")
  }

  @Test func anInstanceRedefiningALevelStillSharesTheCounter() throws {
    // Word: A., 2., C. (one count, the second instance only writes it in decimal).
    let numbering =
      abstract(0, level(0, "upperLetter", "%1.")) + num(1, 0)
      + num(2, 0, "<w:lvlOverride w:ilvl=\"0\">\(level(0, "decimal", "%1."))</w:lvlOverride>")
    let body = para("", numPr(1, 0)) + para("", numPr(2, 0)) + para("", numPr(1, 0))
    #expect(try readDocx(body: body, numbering: numbering) == "A.\n2.\nC.\n")
  }

  @Test func aSkippedLevelCountsAsUsed() throws {
    let numbering =
      abstract(
        0, level(0, "decimal", "%1."), level(1, "decimal", "%1.%2."),
        level(2, "decimal", "%1.%2.%3.")) + num(1, 0)
    // 1. then straight to level 3 (1.1.1.), then level 2 again: 1.2., as Word numbers it.
    let body = para("", numPr(1, 0)) + para("", numPr(1, 2)) + para("", numPr(1, 1))
    #expect(try readDocx(body: body, numbering: numbering) == "1.\n1.1.1.\n1.2.\n")
  }

  @Test func startingALevelResetsDeeperLevelsUnlessLvlRestartSaysNever() throws {
    let numbering =
      abstract(
        0, level(0, "decimal", "%1"), level(1, "lowerLetter", "%2"),
        level(2, "lowerRoman", "%3", extra: "<w:lvlRestart w:val=\"0\"/>")) + num(1, 0)
    let body =
      para("", numPr(1, 0)) + para("", numPr(1, 1)) + para("", numPr(1, 2)) + para("", numPr(1, 0))
      + para("", numPr(1, 1)) + para("", numPr(1, 2))
    #expect(try readDocx(body: body, numbering: numbering) == "1\na\ni\n2\na\nii\n")
  }

  @Test func numIdZeroSwitchesStyleNumberingOff() throws {
    let numbering = abstract(0, level(0, "decimal", "%1.", suffix: "space")) + num(3, 0)
    let styles =
      "<w:style w:type=\"paragraph\" w:styleId=\"Base\"><w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>"
      + "<w:style w:type=\"paragraph\" w:styleId=\"Child\"><w:basedOn w:val=\"Base\"/></w:style>"
    let body =
      para("一", "<w:pStyle w:val=\"Child\"/>")
      + para("二", "<w:pStyle w:val=\"Child\"/>\(numPr(0, 0))")
      + para("三", "<w:pStyle w:val=\"Base\"/>")
    #expect(try readDocx(body: body, numbering: numbering, styles: styles) == "1. 一\n二\n2. 三\n")
  }

  @Test func levelComesFromTheLevelTiedToTheStyle() throws {
    let numbering =
      abstract(
        0,
        level(
          0, "chineseCountingThousand", "第%1章", suffix: "space", extra: "<w:pStyle w:val=\"H1\"/>"),
        level(1, "decimal", "%1.%2", suffix: nil, extra: "<w:pStyle w:val=\"H2\"/><w:isLgl/>"))
      + num(7, 0)
    let styles =
      "<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:pPr><w:numPr><w:numId w:val=\"7\"/></w:numPr></w:pPr></w:style>"
      + "<w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:pPr><w:numPr><w:numId w:val=\"7\"/></w:numPr></w:pPr></w:style>"
    let body = para("总则", "<w:pStyle w:val=\"H1\"/>") + para("目的", "<w:pStyle w:val=\"H2\"/>")
    #expect(try readDocx(body: body, numbering: numbering, styles: styles) == "第一章 总则\n1.1\t目的\n")
  }

  @Test func defaultParagraphStyleNumbersUnstyledParagraphs() throws {
    let numbering = abstract(0, level(0, "decimalEnclosedCircle", "%1")) + num(1, 0)
    let styles =
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:pPr><w:numPr><w:numId w:val=\"1\"/>"
      + "</w:numPr></w:pPr></w:style>"
    #expect(
      try readDocx(body: para("甲") + para("乙"), numbering: numbering, styles: styles) == "①甲\n②乙\n")
  }

  @Test func bulletsPrintTheirTextAndPrivateUseSymbolsAsBullet() throws {
    let numbering =
      abstract(
        0, level(0, "bullet", "\u{F0A7}", suffix: nil), level(1, "bullet", "–", suffix: "space"))
      + num(1, 0)
    let body = para("一", numPr(1, 0)) + para("二", numPr(1, 1))
    #expect(try readDocx(body: body, numbering: numbering) == "•\t一\n– 二\n")
  }

  @Test func levelOverrideRedefinesTheLevel() throws {
    let numbering =
      abstract(0, level(0, "decimal", "%1.")) + num(1, 0)
      + num(
        2, 0,
        "<w:lvlOverride w:ilvl=\"0\">\(level(0, "upperRoman", "(%1)", start: 3))</w:lvlOverride>")
    let body = para("a", numPr(2, 0)) + para("b", numPr(2, 0))
    #expect(try readDocx(body: body, numbering: numbering) == "(III)a\n(IV)b\n")
  }

  @Test func unknownNumIdIsNotNumbered() throws {
    #expect(try readDocx(body: para("a", numPr(9, 0)), numbering: "") == "a\n")
  }
}

@Suite struct DocxSecondaryPartTests {
  @Test func malformedNumberingPartIsADiagnosticNotAFailure() throws {
    let bytes = minimalDocx(body: para("正文", numPr(1, 0)), numbering: "<w:abstractNum>")
    let document = try DocxReader().read(DocumentInput(path: "a.docx", bytes: bytes))
    #expect(document.text == "正文\n")
    #expect(document.diagnostics.map(\.code) == [.unreadablePart])
    #expect(document.diagnostics.first?.message.contains("word/numbering.xml") == true)
  }

  @Test func doctypeInStylesIsRefusedAndReported() throws {
    let bytes = minimalDocx(body: para("正文"), styles: "")
    let archive = try ZipArchive(bytes: bytes, limits: IngestLimits())
    var rebuilt = TestZip()
    for entry in archive.entries {
      let data =
        entry.name == "word/styles.xml"
        ? Array("<!DOCTYPE w:styles [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:styles/>".utf8)
        : try archive.extract(entry)
      rebuilt.entries.append(.init(name: entry.name, data: data))
    }
    let document = try DocxReader().read(DocumentInput(path: "b.docx", bytes: rebuilt.bytes()))
    #expect(document.text == "正文\n")
    #expect(document.diagnostics.count == 1)
    #expect(
      document.diagnostics.first?.message.contains("DTD not allowed in word/styles.xml") == true)
  }

  @Test func inputOverTheSizeLimitIsRefusedBeforeReading() {
    var limits = IngestLimits()
    limits.maxInputBytes = 10
    #expect(throws: IngestError.inputTooLarge(path: "c.docx", size: 11, limit: 10)) {
      try DocxReader(limits: limits).read(
        DocumentInput(path: "c.docx", bytes: Array(repeating: 0x50, count: 11)))
    }
  }
}

@Suite struct DocxStyleSheetTests {
  @Test func basedOnCyclesEnd() throws {
    let styles =
      "<w:style w:type=\"paragraph\" w:styleId=\"A\"><w:basedOn w:val=\"B\"/></w:style>"
      + "<w:style w:type=\"paragraph\" w:styleId=\"B\"><w:basedOn w:val=\"A\"/></w:style>"
    #expect(
      try readDocx(body: para("正文", "<w:pStyle w:val=\"A\"/>"), numbering: "", styles: styles)
        == "正文\n")
  }
}

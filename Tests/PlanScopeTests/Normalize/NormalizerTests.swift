import Testing

@testable import PlanScope

@Test(arguments: try Case<String, String>.table("debris"))
func removesDebrisOnly(_ row: Case<String, String>) {
  let cleaned = DebrisRemover().clean(Array(row.input.unicodeScalars))
  #expect(ScalarText(cleaned).string == row.expected)
}

@Test func foldingKeepsLengthAndFoldsWidth() {
  let folder = WidthFolder()
  let input = Array("（一）到２０２５年达到８５％以上，巿级　部门".unicodeScalars)
  let folded = folder.fold(input)
  #expect(folded.count == input.count)
  #expect(ScalarText(folded).string == "(一)到2025年达到85%以上,市级 部门")
}

@Test func damagedTextBecomesWarningsWithSpans() throws {
  let source = SourceDocument(
    source: SourceInfo(path: "x.txt", sha256: "", format: .text),
    text: "農牧循環型規?;笄蒺B殖場\n技術措施應用??茖W編制\n是否可行?\n壞\u{FFFD}\u{FFFD}字")
  var diagnostics = Diagnostics()
  let document = try Normalizer(converter: Shared.converter()).normalize(
    source, diagnostics: &diagnostics)
  let spans = diagnostics.items.map { document.original[$0.span ?? SourceSpan(start: 0, end: 0)] }
  #expect(diagnostics.items.allSatisfy { $0.code == .damagedText })
  #expect(spans == ["?;", "??", "\u{FFFD}\u{FFFD}"])
}

@Test func normalizingIsIdempotent() throws {
  let converter = try Shared.converter()
  let normalizer = Normalizer(converter: converter)
  let text = "[bookmark: _Toc1]一、總體要求\n（一）發(fā)展目標。到2025年。"
  var diagnostics = Diagnostics()
  let once = normalizer.normalize(
    SourceDocument(source: SourceInfo(path: "a", sha256: "", format: .text), text: text),
    diagnostics: &diagnostics)
  let twice = normalizer.normalize(
    SourceDocument(
      source: SourceInfo(path: "a", sha256: "", format: .text), text: once.text.string),
    diagnostics: &diagnostics)
  #expect(once.text == twice.text)
  #expect(once.text.string == "一、总体要求\n（一）发展目标。到2025年。")
}

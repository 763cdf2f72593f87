import Foundation
import Testing

@testable import PlanScope

// PDFs written by Fixtures/pdf/make_pdfs.py from invented plans: Chinese lines wrapped at a
// fixed width, a running header and a page number on every page, a two-column page, and a
// page drawn without text (a scan).

@Test(arguments: ["plan_wrapped", "two_columns"])
func pdfTextIsReadInOrderWithLinesRejoined(_ name: String) throws {
  let bytes = try FixturePaths.bytes("Fixtures/pdf/\(name).pdf")
  let document = try PdfReader().read(DocumentInput(path: "\(name).pdf", bytes: bytes))
  #expect(document.text == (try FixturePaths.text("Fixtures/pdf/\(name).expected.txt")))
  #expect(document.source.format == .pdf)
  // The running header and the page numbers are gone.
  #expect(!document.text.contains("办公室文件") && !document.text.contains("—"))
}

@Test func aPDFWithoutATextLayerFailsAlone() throws {
  let bytes = try FixturePaths.bytes("Fixtures/pdf/scanned.pdf")
  let error = #expect(throws: IngestError.self) {
    try PdfReader().read(DocumentInput(path: "scan.pdf", bytes: bytes))
  }
  #expect(
    error?.description == "scan.pdf: cannot read PDF: scanned PDF: no text layer (run OCR first)")
  let notPDF = #expect(throws: IngestError.self) {
    try PdfReader().read(DocumentInput(path: "fake.pdf", bytes: Array("不是PDF".utf8)))
  }
  #expect(notPDF?.description.hasPrefix("fake.pdf: cannot read PDF: ") == true)
}

@Test func pageNumbersAndOutlineItemsAreRecognized() {
  for number in ["3", "— 3 —", "- 12 -", "第3页", "第 3 页 共 12 页", "3/12", "Page 3"] {
    #expect(PdfLayout.isPageNumber(number), "\(number)")
  }
  for text in ["2025年", "共3项任务", "三、目标"] { #expect(!PdfLayout.isPageNumber(text), "\(text)") }
  for item in ["一、总体要求", "（一）目标", "(2)任务", "1．推进", "12、完善", "①加强", "第三条 职责", "第一章", "专栏1"] {
    #expect(PdfLayout.startsOutlineItem(item), "\(item)")
  }
  for line in ["2025年底前完成", "100%。", "一般性工作", "第三方评估", "1.5万吨"] {
    #expect(!PdfLayout.startsOutlineItem(line), "\(line)")
  }
}

@Test func aLineContinuesOnlyFromTheMarginAndNotAfterASentence() {
  func line(_ text: String, _ x1: Double) -> PdfLayout.Line {
    PdfLayout.Line(text: text, x1: x1, margin: 500, height: 14, left: 72)
  }
  #expect(PdfLayout.continues(line("到2025年，全市回收利用率达到", 495), with: line("35%以上。", 150)))
  #expect(!PdfLayout.continues(line("到2025年，全市回收利用率达到35%。", 495), with: line("下一句", 150)))
  #expect(!PdfLayout.continues(line("甲市垃圾分类方案", 300), with: line("一、目标", 150)))
  #expect(!PdfLayout.continues(line("加强宣传引导，每年组织开展集中宣传", 495), with: line("二、保障", 150)))
  #expect(PdfLayout.joiner("recycling", "rate") == " " && PdfLayout.joiner("回收", "利用") == "")
}

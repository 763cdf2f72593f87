import Foundation
import Testing

@testable import PlanScope

/// Pages written for these tests (invented plans): a GB2312 portal page with navigation,
/// breadcrumbs, a 信息公开 field table, a share bar and a footer; an HTML5 page with
/// `<nav>`, `<aside>`, `<footer>` and a script; a Big5 page with a Hong Kong character.
private let pages: [(file: String, encoding: String)] = [
  ("portal_gb2312", "gb18030"), ("article_utf8", "utf-8"), ("article_big5", "big5-hkscs"),
]

@Test(arguments: pages.map(\.file))
func htmlPagesReadAsTheirArticle(_ name: String) throws {
  let bytes = try FixturePaths.bytes("Fixtures/html/\(name).html")
  let document = try HtmlReader().read(DocumentInput(path: "\(name).html", bytes: bytes))
  #expect(document.text == (try FixturePaths.text("Fixtures/html/\(name).expected.txt")))
  #expect(document.source.format == .html)
  #expect(document.source.encoding == pages.first { $0.file == name }?.encoding)
}

@Test func portalChromeAndScriptsNeverReachTheText() throws {
  for (name, _) in pages {
    let text = try HtmlReader().read(
      DocumentInput(path: name, bytes: try FixturePaths.bytes("Fixtures/html/\(name).html"))
    ).text
    for chrome in ["首页", "当前位置", "分享到", "版权所有", "ICP", "脚本", "相关阅读", "主頁", "私隱"] {
      #expect(!text.contains(chrome), "\(name) keeps \(chrome)")
    }
  }
}

@Test func aTextFileThatIsAnHTMLPageIsReadAsHTML() throws {
  let url = FixturePaths.url("Fixtures/html/saved_page.txt")
  let document = try DocumentLoader().load(url, as: "saved_page.txt")
  #expect(document.source.format == .html)
  #expect(document.text == "丁县方案\n一、目标\n到2025年，绿化覆盖率达到40%。\n")
}

@Test func hostilePagesFailOrReadEmpty() throws {
  let deep = try FixturePaths.bytes("Fixtures/html/deep_nesting.html")
  let error = #expect(throws: IngestError.self) {
    try HtmlReader().read(DocumentInput(path: "deep.html", bytes: deep))
  }
  #expect(error?.description.contains("deep.html: cannot read HTML") == true)
  #expect(error?.description.contains("nesting too deep") == true)
  let empty = try HtmlReader().read(DocumentInput(path: "empty.html", bytes: []))
  #expect(empty.text.isEmpty)
  // An external entity or a remote DTD is never fetched: the HTML parser has no DTD, and
  // the network is off.
  let page = Array(
    "<!DOCTYPE html SYSTEM \"http://127.0.0.1:9/x.dtd\"><html><body><p>正文。&amp;</p></body></html>"
      .utf8)
  #expect(try HtmlReader().read(DocumentInput(path: "dtd.html", bytes: page)).text == "正文。&\n")
}

@Test func labelledFieldRowsBecomeOneFieldALine() {
  #expect(HtmlText.isFieldRow(["发文字号：", "甲政办发〔2024〕3号", "成文日期:", "2024年3月1日"]))
  #expect(!HtmlText.isFieldRow(["序号", "任务", "牵头单位", "完成时限"]))
  #expect(!HtmlText.isFieldRow(["发文字号："]))
}

@Test func aMislabelledCharsetGivesWayToDetection() throws {
  // The page says UTF-8, its bytes are GB18030 (a common portal error).
  let page =
    "<html><head><meta charset=\"utf-8\"></head><body><p>到2025年，绿化覆盖率达到40%以上。</p></body></html>"
  let bytes = try #require(page.data(using: .init(rawValue: 0x8000_0632)))  // GB18030
  let document = try HtmlReader().read(
    DocumentInput(path: "mislabelled.html", bytes: [UInt8](bytes)))
  #expect(document.text == "到2025年，绿化覆盖率达到40%以上。\n")
  #expect(document.source.encoding == "gb18030")
}

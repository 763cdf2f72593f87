import Testing

@testable import PlanScope

struct LabelExpectation: Decodable, Sendable {
  var kind: String
  var label: String
  var title: String
}

@Test(arguments: try Case<String, LabelExpectation?>.table("outline_labels"))
func recognisesLabels(_ row: Case<String, LabelExpectation?>) throws {
  let outline = try Shared.outline(row.input)
  guard let expected = row.expected else {
    #expect(outline.sections.isEmpty)
    return
  }
  let section = try #require(outline.sections.first)
  #expect(outline.sections.count == 1)
  #expect(section.kind.rawValue == expected.kind)
  #expect(section.label == expected.label)
  #expect(section.title == expected.title)
}

@Test func nestsByRankAndContinuesNumberingAcrossChapters() throws {
  let text = """
    一、总体要求
    （一）工作目标。到2025年。
    二、重点任务
    （二）推进工业。
    1．强化评价。
    \t专栏1  工业重点工程
    \t钢铁行业。
    2．推行设计。
    （三）推进农业。
    三、保障措施
    """
  let outline = try Shared.outline(text)
  #expect(
    outline.sections.map { $0.path.joined(separator: "/") } == [
      "一、", "一、/（一）", "二、", "二、/（二）", "二、/（二）/1．", "二、/（二）/1．/专栏1",
      "二、/（二）/2．", "二、/（三）", "三、",
    ])
  // Bodies run to the next label of any level and quote the text.
  let box = outline.sections[5]
  #expect(outline.document.text[box.body] == "专栏1  工业重点工程\n\t钢铁行业。\n")
  #expect(outline.sections[4].parent == 3)
  #expect(outline.document.text[outline.preamble] == "")
}

@Test func spansQuoteTheNormalizedText() throws {
  let outline = try Shared.outline("前言\n[bookmark: _Toc1]（一）推進工業清潔生產。內容")
  let section = try #require(outline.sections.first)
  #expect(outline.document.text[section.span] == "（一）推进工业清洁生产")
  #expect(outline.document.original[section.span] == "（一）推進工業清潔生產")
  #expect(outline.document.text[outline.preamble] == "前言\n")
}

@Test func pipeTablesNumberTheirRowsLikeTabTables() throws {
  // A task-division table copied from a web page: cells between `|`, rows numbered 1, 2 …
  for separator in [" | ", "｜", "\t"] {
    let cells = { (items: [String]) in items.joined(separator: separator) + separator }
    let text = [
      cells(["序号", "重点任务", "牵头单位", "配合单位"]),
      cells(["一、优化服务", "", "", ""]),
      cells(["1", "压缩开办时间", "区政务服务局", "区市场监管局"]),
      cells(["2", "推行一网通办", "区数据局", "各街道办事处"]),
    ].joined(separator: "\n")
    let outline = try Shared.outline(text)
    #expect(
      outline.sections.map { $0.path.joined(separator: "/") } == ["一、", "一、/1", "一、/2"],
      "separator \(separator)")
    #expect(outline.sections.dropFirst().allSatisfy { $0.kind == .tableRow })
    #expect(outline.sections.map(\.title) == ["优化服务", "压缩开办时间", "推行一网通办"])
  }
  // Outside a task table, a number before a pipe is no label.
  #expect(try Shared.outline("2025 | 年度目标 |\n").sections.isEmpty)
}

import Testing

@testable import PlanScope

// Duplicate content under two names (#19): the comparison lists the copy once, as a copy of
// the first plan with those bytes, and counts its targets, assignments and deadlines once.

@Test func copyIsListedOnceAndNotCountedTwice() throws {
  let writer = ComparisonMarkdownWriter(lexicon: try ComparisonLexicon.standard())
  let original = ComparisonCase.tianjin
  let copy = ComparisonCase.tianjinCopy
  #expect(original.source.sha256 == copy.source.sha256 && original.key != copy.key)
  let dataset = Dataset(records: [original, copy])
  let markdown = writer.write(dataset)
  let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

  let copyRows = lines.filter { $0.contains("), a copy of `\(original.key)` |") }
  #expect(copyRows.count == 1)
  #expect(copyRows.first?.contains("(`\(copy.key)`)") == true)
  #expect(markdown.contains("2 plans, 1 of them a copy of an earlier plan"))
  // Tianjin's families are in one plan only: the copy does not make them shared.
  #expect(markdown.contains("## At a glance\n\nNo indicator appears in more than one plan."))
  #expect(
    lines.filter { $0.hasPrefix("### ") }
      == Array(repeating: "### 天津市清洁生产推行工作方案（2023-2025年） · 天津市", count: 2),
    "one heading under other targets, one under deadlines")
  #expect(lines.contains { $0.hasPrefix("| all plans (1) |") })
  let title = "| 天津市清洁生产推行工作方案（2023-2025年）"
  #expect(lines.filter { $0.hasPrefix(title + " (`") }.count == 2, "two rows of the plans table")
  #expect(lines.filter { $0.hasPrefix(title + " · 天津市 | L") }.count == 1, "one who-leads-what row")

  let html = writer.writeHTML(dataset)
  #expect(html.components(separatedBy: "<tr class=\"copy\"").count == 2)
  #expect(!html.contains("<svg"))
  #expect(html.contains("2 plans, 1 of them a copy of an earlier plan"))

  // Beside another plan, the copy changes nothing past the plans table.
  let shared = writer.write(Dataset(records: [original, copy, ComparisonCase.chongqing]))
  let dataset3 = Dataset(records: [original, ComparisonCase.chongqing])
  let withoutCopy = writer.write(dataset3)
  let glance = try #require(shared.range(of: "## At a glance"))
  let glanceWithoutCopy = try #require(withoutCopy.range(of: "## At a glance"))
  #expect(
    shared[glance.lowerBound...] == withoutCopy[glanceWithoutCopy.lowerBound...],
    "the copy changes nothing past the plans")
}

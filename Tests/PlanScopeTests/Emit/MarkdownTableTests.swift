import Foundation
import Testing

@testable import PlanScope

/// Cells as they were cut and escaped with Foundation's `replacingOccurrences` (the scalar
/// loop that replaced it must agree on every kind of text).
@Test(arguments: [
  "农膜回收率达到85%以上", "", "a|b", "a\\b", "line\nbreak", "tab\there", "crlf\r\nend",
  "很长的一段文字，超过了单元格允许的最大长度，需要截断并加上省略号才能放进表格里", "|||\\\\|||\\\\|||\\\\|||\\\\",
  "👨‍👩‍👧 family emoji and e\u{301} combining marks in a long cell", "exactly-12ch", "exactly-13chr",
  "\n\n\n\n\n\n\n\n\n\n\n\n\n\n", "中文|中文|中文|中文|中文|中文|中文",
])
func markdownCellMatchesFoundationReplacement(_ text: String) {
  for max in [1, 2, 12, 24, 60] {
    var value = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(
      of: "\t", with: " ")
    if value.count > max { value = String(value.prefix(max - 1)) + "…" }
    let expected = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
      of: "|", with: "\\|")
    #expect(MarkdownTable.cell(text, max: max) == expected, "max \(max)")
  }
}

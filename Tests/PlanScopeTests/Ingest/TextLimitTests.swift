import Foundation
import Testing

@testable import PlanScope

/// One document against `IngestLimits.maxTextBytes`: its bytes, its format, the limit, and the
/// UTF-8 size of its text when that is over the limit (nil: read normally).
struct TextLimitCase: Sendable, CustomTestStringConvertible {
  var name: String
  var format: SourceFormat
  var bytes: [UInt8]
  var limit: Int
  var refusedSize: Int?

  var testDescription: String { name }
}

/// UTF-16LE with a byte-order mark.
private func utf16LE(_ text: String) -> [UInt8] {
  [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
}

private let textLimitCases: [TextLimitCase] = [
  // 一、目标 + LF: 4 characters of 3 bytes, one of 1.
  TextLimitCase(
    name: "UTF-8 text at the limit", format: .text, bytes: Array("一、目标\n".utf8), limit: 13,
    refusedSize: nil),
  TextLimitCase(
    name: "UTF-8 text one byte over", format: .text, bytes: Array("一、目标\n".utf8), limit: 12,
    refusedSize: 13),
  // 10 input bytes (BOM + 4 UTF-16 units) become 13 bytes of text: the text counts, not the file.
  TextLimitCase(
    name: "UTF-16 text larger once decoded", format: .text, bytes: utf16LE("一、目标\n"),
    limit: 12, refusedSize: 13),
  TextLimitCase(
    name: "DOCX text over the limit", format: .docx,
    bytes: minimalDocx(body: para("一、目标")), limit: 12, refusedSize: 13),
  TextLimitCase(
    name: "DOCX text at the limit", format: .docx, bytes: minimalDocx(body: para("一、目标")),
    limit: 13, refusedSize: nil),
]

@Test(arguments: textLimitCases)
func textOverTheLimitIsAPerFileError(_ row: TextLimitCase) throws {
  var limits = IngestLimits()
  limits.maxTextBytes = row.limit
  let input = DocumentInput(path: "plans/\(row.name)", bytes: row.bytes)
  let loader = DocumentLoader(limits: limits)
  if let size = row.refusedSize {
    let error = #expect(throws: IngestError.self) { try loader.read(input, format: row.format) }
    #expect(error == .textTooLarge(path: input.path, size: size, limit: row.limit))
    #expect(error?.description.contains("plans/\(row.name): text too large") == true)
  } else {
    #expect(try loader.read(input, format: row.format).text == "一、目标\n")
  }
}

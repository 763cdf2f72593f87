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

@Test func aLegacyEncodedFileOverTheTextLimitIsRefusedBeforeDecoding() throws {
  // GB18030 bytes never shrink when decoded (2 bytes become 3 of UTF-8, ASCII stays 1), so
  // 2,000 input bytes are at least 2,000 bytes of text: refused without decoding them, the
  // size in the message being that bound, not the decoded size (3,000).
  let gb: [UInt8] = Array(repeating: [0xD6, 0xD0], count: 1_000).flatMap { $0 }
  let reader = TextReader(maxTextBytes: 1_000)
  let error = #expect(throws: IngestError.self) {
    try reader.read(DocumentInput(path: "big.txt", bytes: gb))
  }
  #expect(error == .textTooLarge(path: "big.txt", size: 2_000, limit: 1_000))
  // UTF-32: 4 input bytes can be 1 byte of text, so the same limit admits 4,000 bytes.
  let utf32: [UInt8] =
    [0xFF, 0xFE, 0, 0] + Array(repeating: [0x41, 0, 0, 0], count: 999).flatMap { $0 }
  #expect(try reader.read(DocumentInput(path: "wide.txt", bytes: utf32)).text.count == 999)
}

@Test func nulsAndInnerByteOrderMarksAreRemovedWithAWarning() throws {
  // UTF-16LE: BOM, 方案, U+0000, a second BOM (two files concatenated), 一.
  let bytes: [UInt8] = [0xFF, 0xFE, 0xB9, 0x65, 0x48, 0x68, 0, 0, 0xFF, 0xFE, 0x00, 0x4E]
  let document = try TextReader().read(DocumentInput(path: "joined.txt", bytes: bytes))
  #expect(document.text == "方案一")
  #expect(document.diagnostics.map(\.code) == [.undecodableBytes])
  #expect(document.diagnostics.first?.message.contains("1 NUL character(s) removed") == true)
}

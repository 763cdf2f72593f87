import Foundation
import Testing

@testable import PlanScope

/// Every `Fixtures/docx/NAME.docx` reads to `NAME.expected.txt`, byte for byte.
@Suite struct DocxFixtureTests {
  static let fixtures = FixturePaths.files(in: "Fixtures/docx", withExtension: "docx")

  @Test func fixturesArePresent() {
    #expect(Self.fixtures.count >= 11)
  }

  @Test(arguments: fixtures)
  func docxFixtureMatchesExpectedText(_ name: String) throws {
    let stem = String(name.dropLast(".docx".count))
    let input = DocumentInput(
      path: "docx/\(name)", bytes: try FixturePaths.bytes("Fixtures/docx/\(name)"))
    let expected = try String(
      decoding: FixturePaths.bytes("Fixtures/docx/\(stem).expected.txt"), as: UTF8.self)
    let document = try DocxReader().read(input)
    #expect(Array(document.text.utf8) == Array(expected.utf8), "\(stem):\n\(document.text)")
    #expect(document.source.format == .docx)
    #expect(document.source.encoding == nil)
    #expect(document.source.path == "docx/\(name)")
    #expect(document.source.sha256 == "")
  }
}

import Foundation
import Testing

@testable import PlanScope

/// One row of `Cases/fuzz.json`: an input of `Fixtures/fuzz/` on which a fuzz target of
/// `Tests/Fuzz` crashed, hung or leaked, and what reading it gives now.
struct FuzzRegression: Codable, Sendable, CustomTestStringConvertible {
  /// The fuzz target that found the input; the test feeds it through the same code.
  enum Target: String, Codable, Sendable {
    case text, zip, wordml, extract
  }

  /// What the input must give: a `DocxError` case name, or the text read (`text`, `zip`,
  /// `wordml`); for `extract`, what `planscope extract` reports: each deadline as
  /// `kind date|duration|recurrence` and each number expression's value.
  struct Expected: Codable, Sendable, Equatable {
    var error: String?
    var text: String?
    var deadlines: [String]?
    var quantities: [Double]?
  }

  var id: String
  var target: Target
  var input: String
  var expected: Expected

  var testDescription: String { id }

  static func all() throws -> [FuzzRegression] {
    try JSONDecoder().decode(
      [FuzzRegression].self, from: Data(FixturePaths.bytes("Cases/fuzz.json")))
  }

  /// Runs the input through its target's code path and reports the outcome.
  func outcome() throws -> Expected {
    let bytes = try FixturePaths.bytes("Fixtures/fuzz/\(input)")
    switch target {
    case .text:
      return Expected(text: try TextReader().read(DocumentInput(path: input, bytes: bytes)).text)
    case .zip:
      do {
        return Expected(text: try DocxReader().extractText(from: bytes))
      } catch {
        return Expected(error: error.kind)
      }
    case .wordml:
      do {
        return Expected(text: try Self.renderWordML(bytes))
      } catch {
        return Expected(error: error.kind)
      }
    case .extract:
      let report = try Pipeline.standard().report(snippet: String(decoding: bytes, as: UTF8.self))
      return Expected(
        deadlines: report.deadlines.map {
          "\($0.kind.rawValue) " + ($0.date ?? $0.duration ?? $0.recurrence ?? "-")
        },
        quantities: report.quantities.map(\.value))
    }
  }

  /// One XML part as the `wordml` target reads it: its own numbering and styles (if it has
  /// any), then rendered as the main document part.
  static func renderWordML(_ xml: [UInt8]) throws(DocxError) -> String {
    let limits = IngestLimits()
    let definitions =
      (try? NumberingDefinitions(xml: xml, part: "word/numbering.xml", limits: limits))
      ?? NumberingDefinitions()
    let styles =
      (try? StyleSheet(xml: xml, part: "word/styles.xml", limits: limits)) ?? StyleSheet()
    var renderer = BodyRenderer(numbering: ListNumbering(definitions: definitions, styles: styles))
    let utf8 = try WordML.parse(xml, part: "word/document.xml", limits: limits) {
      (parser) throws(DocxError) in try renderer.render(parser, part: "word/document.xml")
    }
    return String(decoding: utf8, as: UTF8.self)
  }
}

/// Every input a fuzz target once failed on is read to a defined outcome.
@Suite struct FuzzRegressionTests {
  @Test func everyFuzzFixtureHasARow() throws {
    let names = try FileManager.default.contentsOfDirectory(
      atPath: FixturePaths.url("Fixtures/fuzz").path
    ).filter { $0 != "README.md" }
    #expect(Set(try FuzzRegression.all().map(\.input)) == Set(names))
  }

  @Test(arguments: try FuzzRegression.all())
  func fuzzFindingIsReadToItsExpectedOutcome(_ row: FuzzRegression) throws {
    let outcome = try row.outcome()
    #expect(outcome == row.expected, "\(row.id): \(outcome)")
  }
}

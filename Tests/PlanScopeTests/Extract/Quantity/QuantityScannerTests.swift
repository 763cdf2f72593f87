import Foundation
import Testing

@testable import PlanScope

/// One row of Cases/quantities.json.
struct QuantityCase: Decodable, Sendable, CustomTestStringConvertible {
  struct Expected: Decodable, Sendable {
    var text: String
    var value: Double
    var valueMax: Double?
    var unit: String
    var comparator: Target.Comparator
  }
  var id: String
  var input: String
  var expected: [Expected]

  var testDescription: String { id }

  static func all() throws -> [QuantityCase] {
    let data = try Data(contentsOf: FixturePaths.url("Cases/quantities.json"))
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode([QuantityCase].self, from: data)
  }
}

@Suite struct QuantityScannerTests {
  static let units = (try? UnitLexicon.load()) ?? UnitLexicon(units: [])

  @Test(arguments: try QuantityCase.all())
  func scansQuantityCase(_ row: QuantityCase) throws {
    let found = QuantityScanner(units: Self.units).scan(row.input)
    let text = ScalarText(row.input)
    #expect(found.map(\.text) == row.expected.map(\.text), "\(row.id)")
    for (quantity, expected) in zip(found, row.expected) {
      #expect(text[quantity.span] == quantity.text, "span must cut the quote")
      #expect(quantity.value == expected.value, "\(row.id): value \(quantity.value)")
      #expect(quantity.valueMax == expected.valueMax, "\(row.id): value_max")
      #expect(quantity.unit == expected.unit, "\(row.id): unit")
      #expect(quantity.comparator == expected.comparator, "\(row.id): comparator")
    }
  }

  @Test func caseIdsAreUniqueAndTableIsLargeEnough() throws {
    let ids = try QuantityCase.all().map(\.id)
    #expect(Set(ids).count == ids.count)
    #expect(ids.count >= 80)
  }

  @Test func spansAreRelativeToTheScannedSlice() {
    let scalars = Array("前言。比例不低于85%。".unicodeScalars)
    let found = QuantityScanner(units: Self.units).scan(scalars[3...])
    #expect(found.map(\.span) == [SourceSpan(start: 2, end: 8)])
    #expect(found.first?.text == "不低于85%")
  }

  @Test func listOfUnitsWorksWithoutTheBundledLexicon() {
    let found = QuantityScanner(units: ["万吨", "个"]).scan("新增1.6万吨和3个")
    #expect(found.map(\.unit) == ["万吨", "个"])
    #expect(found.map(\.value) == [1.6, 3])
  }
}

@Suite struct QuantityUnitLexiconTests {
  @Test func unitLexiconIsSortedUniqueAndHeaded() throws {
    let lexicon = try Lexicon.load(.unitsQuantity)
    #expect(lexicon.header.count >= 3)
    for key in ["# format:", "# source:", "# license:"] {
      #expect(lexicon.header.contains { $0.hasPrefix(key) }, "missing \(key)")
    }
    let keys = lexicon.keys
    #expect(keys.count >= 200)
    #expect(Set(keys).count == keys.count, "duplicate units")
    let sorted = keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    #expect(keys == sorted, "units must be sorted by code point")
    #expect(lexicon.rows.allSatisfy { $0.count == 2 && !$0[1].isEmpty })
  }

  @Test func longestUnitWins() {
    let lexicon = UnitLexicon(units: ["万", "万平方米", "平方米"])
    let scalars = Array("万平方米".unicodeScalars)
    #expect(lexicon.longestMatch(in: scalars, at: 0) == 4)
    #expect(lexicon.longestMatch(in: scalars, at: 1) == 3)
    #expect(lexicon.longestMatch(in: scalars, at: 2) == 0)
  }
}

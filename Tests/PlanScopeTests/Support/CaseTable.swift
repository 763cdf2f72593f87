import Foundation
import Testing

/// One row of a `Cases/<stage>.json` table: `{ "id", "input", "expected" }`.
struct Case<Input: Decodable & Sendable, Expected: Decodable & Sendable>: Decodable, Sendable,
  CustomTestStringConvertible
{
  /// Stable slug; never renumbered.
  let id: String
  let input: Input
  let expected: Expected

  var testDescription: String { id }

  /// Loads `Cases/<name>.json`.
  static func table(_ name: String) throws -> [Case] {
    let data = try Data(contentsOf: FixturePaths.url("Cases/\(name).json"))
    return try JSONDecoder().decode([Case].self, from: data)
  }
}

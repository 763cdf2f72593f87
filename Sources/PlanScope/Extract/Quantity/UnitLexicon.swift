import Foundation

/// The units a quantity may carry (`万吨`, `%`, `个`, `万平方米`), loaded from
/// `units_quantity.tsv`, with a longest-match lookup over Unicode scalars.
///
/// `longestMatch` at the `万` of `1.6万平方米` finds `万平方米`, not `万`.
public struct UnitLexicon: Sendable, Hashable {
  /// Unit → dimension (`万吨` → `mass`); the dimension is empty for units given as a list.
  public let dimensions: [String: String]
  /// Units by first scalar, longest first.
  private let byFirstScalar: [Unicode.Scalar: [[Unicode.Scalar]]]

  /// Builds the lexicon from unit strings such as `["万吨", "%", "个"]`.
  public init(units: [String]) {
    self.init(
      dimensions: Dictionary(units.map { ($0, "") }, uniquingKeysWith: { first, _ in first }))
  }

  /// Builds the lexicon from a loaded `units_quantity` lexicon (`unit<TAB>dimension` rows).
  public init(_ lexicon: Lexicon) {
    var dimensions: [String: String] = [:]
    for row in lexicon.rows {
      guard let unit = row.first, !unit.isEmpty else { continue }
      dimensions[unit] = row.count > 1 ? row[1] : ""
    }
    self.init(dimensions: dimensions)
  }

  private init(dimensions: [String: String]) {
    self.dimensions = dimensions
    var table: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
    for unit in dimensions.keys {
      let scalars = Array(unit.unicodeScalars)
      guard let first = scalars.first else { continue }
      table[first, default: []].append(scalars)
    }
    for key in table.keys {
      table[key]?.sort {
        $0.count != $1.count
          ? $0.count > $1.count : $0.lexicographicallyPrecedes($1, by: { $0.value < $1.value })
      }
    }
    byFirstScalar = table
  }

  /// Loads the bundled `units_quantity.tsv`, or the one in `directory` (`--lexicons DIR`).
  /// - Throws: `LexiconError`.
  public static func load(from directory: URL? = nil) throws -> UnitLexicon {
    UnitLexicon(try Lexicon.load(.unitsQuantity, from: directory))
  }

  /// Length in scalars of the longest unit starting at `index` (`万平方米` in `1.6万平方米`), or 0.
  public func longestMatch(in scalars: [Unicode.Scalar], at index: Int) -> Int {
    guard index < scalars.count, let candidates = byFirstScalar[scalars[index]] else { return 0 }
    for unit in candidates where index + unit.count <= scalars.count {
      if scalars[index..<(index + unit.count)].elementsEqual(unit) { return unit.count }
    }
    return 0
  }
}

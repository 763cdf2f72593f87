import Foundation

/// What the comparison needs to group facts across plans: indicator families, and the
/// function each department serves, with labels.
public struct ComparisonLexicon: Sendable {
  /// Indicator (and its UTF-8) → family, longest first.
  private let families: [(indicator: String, bytes: [UInt8], family: String)]
  /// Function slug → Chinese label.
  private let functionLabels: [String: String]
  /// The function slug of a department (`发展改革委` → `development_reform`), from the
  /// extraction's department lexicon (given by the caller: Emit does not use a stage).
  private let functionOf: @Sendable (String) -> String?

  /// Builds the lexicon from its tables and a department → function slug lookup.
  public init(
    families: Lexicon, functionLabels: Lexicon, functionOf: @escaping @Sendable (String) -> String?
  ) {
    self.families = families.rows.filter { $0.count > 1 }.map { ($0[0], Array($0[0].utf8), $0[1]) }
      .sorted { $0.indicator.count > $1.indicator.count }
    var labels: [String: String] = [:]
    for row in functionLabels.rows where row.count > 1 { labels[row[0]] = row[1] }
    self.functionLabels = labels
    self.functionOf = functionOf
  }

  /// The family an indicator is compared in: the longest listed indicator it contains, else
  /// the indicator itself without a leading 新增.
  func family(of indicator: String) -> String {
    // Compared as UTF-8 bytes: Foundation's `contains` went through NSString for every row of
    // the table and was a tenth of a cold run (the targets export asks for each target).
    let bytes = Array(indicator.utf8)
    if let match = families.first(where: { Self.contains(bytes, $0.bytes) }) {
      return match.family
    }
    return indicator.hasPrefix("新增") ? String(indicator.dropFirst(2)) : indicator
  }

  /// Whether `needle` occurs in `haystack` (UTF-8 is self-synchronizing: a byte match is a
  /// match of whole characters).
  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    // An empty indicator matches nothing, as with Foundation's `contains`.
    guard let first = needle.first else { return false }
    guard needle.count <= haystack.count else { return false }
    var start = 0
    while start + needle.count <= haystack.count {
      if haystack[start] == first, haystack[start..<start + needle.count].elementsEqual(needle) {
        return true
      }
      start += 1
    }
    return false
  }

  /// The function label of a department (发展改革), or 其他.
  func function(of department: String) -> String {
    let slug = functionOf(department) ?? "other"
    return functionLabels[slug] ?? slug
  }
}

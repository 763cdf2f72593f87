import Foundation

/// What the comparison needs to group facts across plans: indicator families, and the
/// function each department serves, with labels.
public struct ComparisonLexicon: Sendable {
  /// Indicator → family, longest first.
  private let families: [(indicator: String, family: String)]
  /// Function slug → Chinese label.
  private let functionLabels: [String: String]
  /// The function slug of a department (`发展改革委` → `development_reform`), from the
  /// extraction's department lexicon (given by the caller: Emit does not use a stage).
  private let functionOf: @Sendable (String) -> String?

  /// Builds the lexicon from its tables and a department → function slug lookup.
  public init(
    families: Lexicon, functionLabels: Lexicon, functionOf: @escaping @Sendable (String) -> String?
  ) {
    self.families = families.rows.filter { $0.count > 1 }.map { ($0[0], $0[1]) }
      .sorted { $0.indicator.count > $1.indicator.count }
    var labels: [String: String] = [:]
    for row in functionLabels.rows where row.count > 1 { labels[row[0]] = row[1] }
    self.functionLabels = labels
    self.functionOf = functionOf
  }

  /// The family an indicator is compared in: the longest listed indicator it contains, else
  /// the indicator itself without a leading 新增.
  func family(of indicator: String) -> String {
    if let match = families.first(where: { indicator.contains($0.indicator) }) {
      return match.family
    }
    return indicator.hasPrefix("新增") ? String(indicator.dropFirst(2)) : indicator
  }

  /// The function label of a department (发展改革), or 其他.
  func function(of department: String) -> String {
    let slug = functionOf(department) ?? "other"
    return functionLabels[slug] ?? slug
  }
}

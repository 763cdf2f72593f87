import Foundation

extension ComparisonLexicon {
  /// The bundled (or overridden) tables, with department functions from the extraction's
  /// department lexicon: the one place the comparison and the extractors meet.
  /// - Throws: `LexiconError`.
  public static func standard(lexicons directory: URL? = nil) throws -> ComparisonLexicon {
    let departments = try DepartmentLexicon.standard(lexicons: directory)
    return try ComparisonLexicon(
      families: Lexicon.load(.indicatorFamilies, from: directory),
      functionLabels: Lexicon.load(.functionLabels, from: directory),
      functionOf: { departments.function(of: $0) })
  }
}

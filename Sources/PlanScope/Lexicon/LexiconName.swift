/// Every lexicon planscope ships, named `<what>_<granularity>.tsv` in `Resources/Lexicons`.
public enum LexiconName: String, CaseIterable, Sendable {
  /// OpenCC TSPhrases: Traditional phrase → Simplified phrase (same length).
  case t2sPhrases = "t2s_phrases"
  /// OpenCC TSCharacters: Traditional character → Simplified character.
  case t2sCharacters = "t2s_characters"
  /// Units after a number, with their dimension: `万吨	mass`, `%	ratio`, `个	count`.
  case unitsQuantity = "units_quantity"

  /// The file name.
  public var fileName: String { rawValue + ".tsv" }
}

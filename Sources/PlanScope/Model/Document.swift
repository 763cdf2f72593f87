/// The script a document is written in (`script` in the dataset).
public enum Script: String, Codable, Sendable {
  /// Simplified characters only (or no convertible characters at all).
  case simplified
  /// Traditional characters, with at most incidental Simplified-only ones.
  case traditional
  /// A real mixture of both.
  case mixed
}

/// A cleaned, normalized document: original-script text and its Simplified twin, same length.
///
/// Produced by `Normalizer`; every later stage reads `text` (Simplified) or `folded`
/// (Simplified with full-width digits and punctuation folded, same length) and quotes `text`.
public struct Document: Sendable, Hashable {
  /// Where the text came from.
  public var source: SourceInfo
  /// Cleaned text in the original script (debris removed); written as `<id>.original.txt`.
  public var original: ScalarText
  /// `original` converted to Simplified (OpenCC t2s); written as `<id>.txt`. Same count.
  public var text: ScalarText
  /// `text` with width folded (`１`→`1`, `．`→`.`, `（`→`(`); for matching only. Same count.
  public var folded: ScalarText
  /// The script of the input.
  public var script: Script

  /// Creates a document; the three texts must have the same scalar count.
  public init(
    source: SourceInfo, original: ScalarText, text: ScalarText, folded: ScalarText,
    script: Script
  ) {
    precondition(original.count == text.count && text.count == folded.count, "texts must align")
    self.source = source
    self.original = original
    self.text = text
    self.folded = folded
    self.script = script
  }

  /// The document id (first 16 hex digits of the source SHA-256).
  public var id: String { source.documentID }
}

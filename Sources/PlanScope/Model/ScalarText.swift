/// Text held as an array of Unicode scalars, so spans index it in O(1).
///
/// All offsets in planscope are scalar offsets (the dataset contract counts
/// Unicode scalars, not UTF-16 units or grapheme clusters).
public struct ScalarText: Sendable, Hashable {
  /// The scalars of the text.
  public var scalars: [Unicode.Scalar]

  /// Wraps scalars.
  public init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

  /// Splits a string into scalars.
  public init(_ string: String) { self.scalars = Array(string.unicodeScalars) }

  /// Number of scalars.
  public var count: Int { scalars.count }

  /// The whole text as a `String`.
  public var string: String { Self.string(scalars[...]) }

  /// The text covered by `span`, clamped to the text.
  public subscript(span: SourceSpan) -> String {
    let lower = min(max(0, span.start), scalars.count)
    let upper = min(max(lower, span.end), scalars.count)
    return Self.string(scalars[lower..<upper])
  }

  /// Builds a `String` from a run of scalars.
  public static func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: slice)
    return String(view)
  }
}

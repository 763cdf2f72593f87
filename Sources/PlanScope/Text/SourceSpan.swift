/// A half-open range of Unicode-scalar offsets into a document's normalized text.
///
/// Traditional→Simplified conversion keeps offsets, so the same span cuts the
/// original-script text too: `text[start..<end] == quote`.
public struct SourceSpan: Codable, Sendable, Hashable, Comparable {
  /// First scalar offset (inclusive).
  public var start: Int
  /// Last scalar offset (exclusive).
  public var end: Int

  /// Creates a span; `end` is clamped so it is never before `start`.
  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// Number of scalars covered.
  public var length: Int { end - start }

  /// The span moved by `offset` scalars.
  public func shifted(by offset: Int) -> SourceSpan {
    SourceSpan(start: start + offset, end: end + offset)
  }

  /// Whether `other` lies inside this span.
  public func contains(_ other: SourceSpan) -> Bool {
    other.start >= start && other.end <= end
  }

  public static func < (lhs: SourceSpan, rhs: SourceSpan) -> Bool {
    (lhs.start, lhs.end) < (rhs.start, rhs.end)
  }
}

/// The cue words of `target_cues.tsv`, looked up around a target's number.
public struct TargetCues: Sendable {
  /// What a cue word says.
  public enum Kind: String, Sendable {
    case increase, decrease, maintain, level, action, subject, stretch, past, incentive, vague,
      category
  }

  /// Cue phrases by kind, longest first.
  let phrases: [(phrase: [Unicode.Scalar], kind: Kind)]

  /// Builds the cues from the lexicon.
  public init(_ lexicon: Lexicon) {
    phrases = lexicon.rows.compactMap { row in
      guard row.count > 1, let kind = Kind(rawValue: row[1]) else { return nil }
      return (Array(row[0].unicodeScalars), kind)
    }.sorted { $0.phrase.count > $1.phrase.count }
  }

  /// The longest cue starting at `index` of `s`, if any, among `kinds`.
  func match(_ s: ArraySlice<Unicode.Scalar>, at index: Int, kinds: Set<Kind>) -> (length: Int, kind: Kind)? {
    for (phrase, kind) in phrases where kinds.contains(kind) {
      guard index + phrase.count <= s.endIndex else { continue }
      if s[index..<(index + phrase.count)].elementsEqual(phrase) { return (phrase.count, kind) }
    }
    return nil
  }

  /// Whether any cue of `kinds` occurs in `s`.
  func occurs(in s: ArraySlice<Unicode.Scalar>, kinds: Set<Kind>) -> Bool {
    s.indices.contains { match(s, at: $0, kinds: kinds) != nil }
  }

  /// The last change or level cue in `s`: its range and kind.
  func lastChange(in s: ArraySlice<Unicode.Scalar>) -> (range: Range<Int>, kind: Kind)? {
    var found: (Range<Int>, Kind)?
    var index = s.startIndex
    while index < s.endIndex {
      if let (length, kind) = match(s, at: index, kinds: [.increase, .decrease, .maintain, .level, .action]) {
        found = (index..<(index + length), kind)
        index += length
      } else {
        index += 1
      }
    }
    return found
  }
}

/// A set of words answering "the longest word that starts (or ends) this name" with one hash
/// lookup per word length, instead of one comparison per word: department names are checked
/// against hundreds of suffixes, stems and abbreviations many times per plan.
///
/// Comparison is by `Character`, like `hasPrefix`/`hasSuffix` on `String`.
struct AffixIndex: Sendable {
  private let words: Set<String>
  /// Distinct word lengths in Characters, longest first.
  private let lengths: [Int]

  /// Indexes `words` (empty strings ignored).
  init(_ words: some Sequence<String>) {
    self.words = Set(words.filter { !$0.isEmpty })
    lengths = Set(self.words.map(\.count)).sorted(by: >)
  }

  /// The longest word that `name` starts with and that is shorter than `name` by at least
  /// `leaving` Characters.
  func longestPrefix(of name: some StringProtocol, leaving: Int = 0) -> String? {
    let count = name.count
    for length in lengths where length + leaving <= count {
      let candidate = String(name.prefix(length))
      if words.contains(candidate) { return candidate }
    }
    return nil
  }

  /// The longest word that `name` ends with and that is shorter than `name` by at least
  /// `leaving` Characters.
  func longestSuffix(of name: some StringProtocol, leaving: Int = 0) -> String? {
    let count = name.count
    for length in lengths where length + leaving <= count {
      let candidate = String(name.suffix(length))
      if words.contains(candidate) { return candidate }
    }
    return nil
  }
}

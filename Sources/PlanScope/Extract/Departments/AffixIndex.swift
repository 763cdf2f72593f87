/// A set of words answering "the longest word that starts (or ends) this name" by walking a
/// trie over the name's scalars: department names are checked against hundreds of suffixes,
/// stems and abbreviations many times per plan, so no `String` is built per candidate.
///
/// Lengths count Unicode scalars (department names are Han text, one scalar per character).
struct AffixIndex: Sendable {
  /// The words, in the order the tries index them.
  private let words: [String]
  private let prefixes: ScalarTrie
  /// The words reversed: a suffix of a name is a prefix of the reversed name.
  private let suffixes: ScalarTrie

  /// Indexes `words` (empty strings and duplicates ignored).
  init(_ words: some Sequence<String>) {
    let list = Set(words.filter { !$0.isEmpty }).sorted()
    self.words = list
    prefixes = ScalarTrie(list.map { Array($0.unicodeScalars) })
    suffixes = ScalarTrie(list.map { Array($0.unicodeScalars.reversed()) })
  }

  /// The length of the longest word that `name` starts with and that is shorter than `name`
  /// by at least `leaving` scalars.
  func longestPrefixLength(of name: ArraySlice<Unicode.Scalar>, leaving: Int = 0) -> Int? {
    guard name.count > leaving else { return nil }
    return prefixes.longestWord(in: name, from: name.startIndex, to: name.endIndex - leaving)?
      .length
  }

  /// The length of the longest word that `name` ends with and that is shorter than `name` by
  /// at least `leaving` scalars.
  func longestSuffixLength(of name: ArraySlice<Unicode.Scalar>, leaving: Int = 0) -> Int? {
    guard name.count > leaving else { return nil }
    let reversed = name.reversed()
    let limit = reversed.index(reversed.startIndex, offsetBy: name.count - leaving)
    return suffixes.longestWord(in: reversed, from: reversed.startIndex, to: limit)?.length
  }

  /// The longest word that `name` starts with, shorter than `name` by `leaving` scalars.
  func longestPrefix(of name: ArraySlice<Unicode.Scalar>, leaving: Int = 0) -> String? {
    guard name.count > leaving else { return nil }
    return prefixes.longestWord(in: name, from: name.startIndex, to: name.endIndex - leaving)
      .map { words[$0.word] }
  }

  /// The longest word that `name` ends with, shorter than `name` by `leaving` scalars.
  func longestSuffix(of name: ArraySlice<Unicode.Scalar>, leaving: Int = 0) -> String? {
    guard name.count > leaving else { return nil }
    let reversed = name.reversed()
    let limit = reversed.index(reversed.startIndex, offsetBy: name.count - leaving)
    return suffixes.longestWord(in: reversed, from: reversed.startIndex, to: limit)
      .map { words[$0.word] }
  }
}

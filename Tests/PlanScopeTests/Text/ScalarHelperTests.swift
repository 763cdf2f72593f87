import Testing

@testable import PlanScope

private let firstOfEachCases: [(names: [String], kept: [Int])] = [
  ([], []),
  (["市发展改革委", "市财政局", "市发展改革委"], [0, 1]),  // a repeat is dropped, order kept
  (["市财政局", "市财政局", "市财政局"], [0]),
  (["财政局", "市财政局"], [0, 1]),  // a prefix is another name
  (["\u{E9}", "e\u{301}"], [0, 1]),  // bytes, not canonical equivalence
]

@Test(arguments: firstOfEachCases)
func firstOfEachKeepsTheFirstOfEqualBytes(names: [String], kept: [Int]) {
  let items = Array(names.enumerated())
  #expect(items.firstOfEach { $0.element }.map(\.offset) == kept)
}

private let includesCases: [(text: String, word: String, expected: Bool)] = [
  ("累计完成投资", "累计", true),  // at the start
  ("投资累计", "累计", true),  // at the end
  ("累", "累计", false),  // longer than the text
  ("计累", "累计", false),  // both scalars, wrong order
  ("", "", true),
  ("到2025年", "", true),  // the empty word is everywhere
  ("建成区内", "区内", true),
]

@Test(arguments: includesCases)
func scalarIncludesFindsWordsLikeStringIncludes(text: String, word: String, expected: Bool) {
  #expect(Array(text.unicodeScalars).includes(Array(word.unicodeScalars)) == expected)
  #expect(text.includes(word) == expected)
}

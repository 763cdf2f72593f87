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

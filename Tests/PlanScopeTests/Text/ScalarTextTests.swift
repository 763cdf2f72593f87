import Testing

@testable import PlanScope

@Test func spanCutsScalarsNotUTF16Units() {
  // 𠮷 is one scalar but two UTF-16 units.
  let text = ScalarText("陈𠮷电话")
  #expect(text.count == 4)
  #expect(text[SourceSpan(start: 1, end: 3)] == "𠮷电")
  #expect(text[SourceSpan(start: 3, end: 99)] == "话")
}

/// Strings are built by encoding UTF-8 directly: every width, and empty slices.
@Test(arguments: ["", "a", "é", "中", "𠮷", "a\u{0}b", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", "农膜回收率达到85%以上😀"])
func stringOfScalarsRoundTrips(_ text: String) {
  let scalars = Array(text.unicodeScalars)
  #expect(ScalarText.string(scalars[...]) == text)
  #expect(ScalarText.string(scalars.dropFirst()).unicodeScalars.elementsEqual(scalars.dropFirst()))
}

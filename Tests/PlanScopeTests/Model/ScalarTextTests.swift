import Testing

@testable import PlanScope

@Test func spanCutsScalarsNotUTF16Units() {
  // 𠮷 is one scalar but two UTF-16 units.
  let text = ScalarText("陈𠮷电话")
  #expect(text.count == 4)
  #expect(text[SourceSpan(start: 1, end: 3)] == "𠮷电")
  #expect(text[SourceSpan(start: 3, end: 99)] == "话")
}

import Testing

@testable import PlanScope

/// A set with BMP scalars, a `\d` class and a scalar beyond the BMP (kept in the range list).
private let bitmap: ScalarBitmap = {
  var set = ScalarSet(ranges: [0x5E74...0x5E74, 0x6708...0x6708, 0x20BB7...0x20BB7])
  set.digits = true
  return ScalarBitmap(set)
}()

private let containsCases: [(text: String, expected: Bool)] = [
  ("", false),
  ("推进农膜回收", false),
  ("到2025", true),  // \d
  ("到二〇二五", true),  // Swift's \d: numeric characters
  ("每年", true),  // 年 at the end
  ("月底前", true),  // 月 at the start
  ("𠮷野家", true),  // U+20BB7, beyond the BMP
  ("𠮶", false),  // U+20BB6, its neighbour
]

@Test(arguments: containsCases)
func bitmapContainsAnyAgreesWithContains(text: String, expected: Bool) {
  let scalars = Array(text.unicodeScalars)
  // Contiguous storage (the fast loop), and a view without it (the fallback).
  #expect(bitmap.containsAny(of: scalars) == expected)
  #expect(bitmap.containsAny(of: scalars[...]) == expected)
  #expect(bitmap.containsAny(of: text.unicodeScalars) == expected)
  #expect(scalars.contains { bitmap.contains($0) } == expected)
}

import Testing

@testable import PlanScope

/// `ChineseNumber.value(of:)` over whole expressions; rows are (input, value or nil).
@Suite struct ChineseNumberQuantityTests {
  static let rows: [(String, Double?)] = [
    ("1,200.5", 1200.5), ("１２", 12), ("１２．５", 12.5), ("一百二十三", 123), ("两百", 200),
    ("十四点五", 14.5), ("一万二千", 12000), ("三千五百万", 35_000_000), ("〇", 0),
    ("一百零五", 105), ("一百〇五", 105), ("一百○五", 105), ("二〇二五", 2025),
    ("壹贰叁", 123), ("壹佰贰拾叁", 123), ("廿", 20), ("卅五", 35), ("1.6万", 16000),
    ("3千", 3000), ("5百", 500), ("四万万", 400_000_000), ("一万五千亿", 1.5e12),
    ("五亿零六", 500_000_006), ("九十二万四", 924_000), ("一千三", 1300), ("零点五", 0.5),
    ("负三十二", -32), ("三分之一", 1.0 / 3), ("十余万", 100_000), ("万", nil), ("一切", nil),
    ("两两", nil), ("", nil), ("1,20", nil),
  ]

  @Test(arguments: rows.indices)
  func parsesExpression(_ index: Int) {
    let (input, expected) = Self.rows[index]
    let value = ChineseNumber.value(of: input)
    if let expected, let value {
      #expect(abs(value - expected) < 1e-6, "\(input) → \(value)")
    } else {
      #expect(value == expected, "\(input)")
    }
  }
}

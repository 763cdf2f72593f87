import Testing

@testable import PlanScope

@Suite struct DocxListNumberFormatTests {
  @Test func chineseCountingOneToThirty() {
    let expected = [
      "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
      "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
      "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八", "二十九", "三十",
    ]
    #expect((1...30).map { ListNumberFormat.chineseCounting.format($0) } == expected)
  }

  @Test func chineseCountingPastNinetyNineIsDigitByDigit() {
    #expect(ListNumberFormat.chineseCounting.format(99) == "九十九")
    #expect(ListNumberFormat.chineseCounting.format(100) == "一〇〇")
    #expect(ListNumberFormat.chineseCounting.format(105) == "一〇五")
  }

  @Test(arguments: [
    (12, "十二"), (10, "十"), (20, "二十"), (100, "一百"), (101, "一百零一"), (110, "一百一十"),
    (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (10000, "一万"), (10010, "一万零一十"),
    (12000, "一万二千"), (20001, "二万零一"), (100000, "十万"), (1_0000_0000, "一亿"),
  ])
  func chineseCountingThousand(_ number: Int, _ text: String) {
    #expect(ListNumberFormat.chineseCountingThousand.format(number) == text)
  }

  @Test(arguments: [
    (1, "1st", "First", "One"), (2, "2nd", "Second", "Two"), (3, "3rd", "Third", "Three"),
    (4, "4th", "Fourth", "Four"), (11, "11th", "Eleventh", "Eleven"),
    (12, "12th", "Twelfth", "Twelve"), (13, "13th", "Thirteenth", "Thirteen"),
    (20, "20th", "Twentieth", "Twenty"), (21, "21st", "Twenty-First", "Twenty-One"),
    (102, "102nd", "One Hundred Second", "One Hundred Two"),
    (1_111, "1111th", "One Thousand One Hundred Eleventh", "One Thousand One Hundred Eleven"),
  ])
  func englishOrdinalsAndCardinals(
    _ number: Int, _ ordinal: String, _ text: String, _ cardinal: String
  ) {
    #expect(ListNumberFormat.ordinal.format(number) == ordinal)
    #expect(ListNumberFormat.ordinalText.format(number) == text)
    #expect(ListNumberFormat.cardinalText.format(number) == cardinal)
  }

  @Test func decimalZeroPadsToTwoDigits() {
    #expect(
      [1, 9, 10, 123].map { ListNumberFormat.decimalZero.format($0) } == ["01", "09", "10", "123"])
    #expect(ListNumberFormat.cardinalText.format(10_000) == "10000")
  }

  @Test func legalAndTaiwaneseNumerals() {
    #expect((1...3).map { ListNumberFormat.chineseLegalSimplified.format($0) } == ["壹", "贰", "叁"])
    #expect(ListNumberFormat.chineseLegalSimplified.format(10) == "壹拾")
    #expect(ListNumberFormat.chineseLegalSimplified.format(12) == "壹拾贰")
    #expect(ListNumberFormat.chineseLegalSimplified.format(105) == "壹佰零伍")
    #expect(ListNumberFormat.ideographLegalTraditional.format(2) == "貳")
    #expect(ListNumberFormat.taiwaneseCountingThousand.format(11) == "十一")
    #expect(ListNumberFormat.taiwaneseCountingThousand.format(10000) == "一萬")
    #expect(ListNumberFormat.taiwaneseCounting.format(21) == "二十一")
    #expect(ListNumberFormat.taiwaneseDigital.format(2023) == "二〇二三")
  }

  @Test func ideographTraditionalCyclesThroughTheHeavenlyStems() {
    #expect(
      (1...10).map { ListNumberFormat.ideographTraditional.format($0) }.joined() == "甲乙丙丁戊己庚辛壬癸")
    #expect(ListNumberFormat.ideographTraditional.format(11) == "甲")
    #expect(ListNumberFormat.ideographZodiac.format(12) == "亥")
  }

  @Test func enclosedNumbersFallBackToDecimalPastTheirRange() {
    #expect(
      (1...20).map { ListNumberFormat.decimalEnclosedCircle.format($0) }.joined()
        == "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
    #expect(ListNumberFormat.decimalEnclosedCircle.format(21) == "21")
    #expect(ListNumberFormat.decimalEnclosedCircleChinese.format(3) == "③")
    #expect(ListNumberFormat.decimalEnclosedParen.format(2) == "⑵")
    #expect(ListNumberFormat.decimalEnclosedFullstop.format(2) == "⒉")
    #expect(ListNumberFormat.ideographEnclosedCircle.format(1) == "㈠")
  }

  @Test func decimalVariants() {
    #expect(ListNumberFormat.decimal.format(12) == "12")
    #expect(ListNumberFormat.decimalFullWidth.format(12) == "１２")
    #expect(ListNumberFormat.decimalZero.format(7) == "07")
    #expect(ListNumberFormat(attribute: "noSuchFormat") == .decimal)
    #expect(ListNumberFormat(attribute: nil) == .decimal)
  }

  @Test func lettersAndRomanNumerals() {
    #expect(
      [1, 26, 27, 28].map { ListNumberFormat.lowerLetter.format($0) } == ["a", "z", "aa", "bb"])
    #expect(ListNumberFormat.upperLetter.format(3) == "C")
    #expect(
      [4, 9, 14, 1994].map { ListNumberFormat.upperRoman.format($0) } == [
        "IV", "IX", "XIV", "MCMXCIV",
      ])
    #expect(ListNumberFormat.lowerRoman.format(3) == "iii")
  }

  @Test func bulletAndNonePrintNoNumber() {
    #expect(ListNumberFormat.bullet.format(3) == "")
    #expect(ListNumberFormat.none.format(3) == "")
    #expect(ListNumbering.bulletText("\u{F0B7}") == "•")
    #expect(ListNumbering.bulletText("\u{25CF}") == "\u{25CF}")
  }
}

/// A list-number format (`w:numFmt/@w:val`, ECMA-376 ST_NumberFormat) and how Word renders it.
///
/// Chinese drafting uses 一、（一）1．（1）①: `chineseCounting` 12 → “十二”,
/// `chineseCountingThousand` 101 → “一百零一”, `chineseLegalSimplified` 12 → “壹拾贰”,
/// `ideographTraditional` 1 → “甲”, `decimalEnclosedCircle` 3 → “③”, `decimalFullWidth` 2 → “２”.
/// Unknown formats render as `decimal`.
enum ListNumberFormat: String, Sendable, CaseIterable {
  case decimal, decimalZero, decimalHalfWidth, decimalFullWidth, decimalFullWidth2
  case decimalEnclosedCircle, decimalEnclosedCircleChinese, decimalEnclosedFullstop,
    decimalEnclosedParen
  case chineseCounting, chineseCountingThousand, chineseLegalSimplified
  case taiwaneseCounting, taiwaneseCountingThousand, taiwaneseDigital
  case ideographTraditional, ideographZodiac, ideographDigital, ideographLegalTraditional
  case ideographEnclosedCircle
  case lowerLetter, upperLetter, lowerRoman, upperRoman
  /// English: `ordinal` 2 → “2nd”, `ordinalText` 2 → “Second”, `cardinalText` 2 → “Two”.
  case ordinal, ordinalText, cardinalText
  case bullet, none

  /// The format named by a `w:numFmt/@w:val` value; unknown names (and a missing value) give
  /// `decimal`, Word's default.
  init(attribute: String?) {
    self = attribute.flatMap(ListNumberFormat.init(rawValue:)) ?? .decimal
  }

  /// Whether the level prints its `lvlText` verbatim (no counter value).
  var isBullet: Bool { self == .bullet }

  /// The counter value `number` written in this format (`bullet` and `none` give "").
  func format(_ number: Int) -> String {
    if self == .none || self == .bullet { return "" }
    guard number > 0 else { return String(number) }
    switch self {
    case .decimal, .decimalHalfWidth, .bullet, .none:
      return String(number)
    case .decimalZero:
      return number < 10 ? "0\(number)" : String(number)
    case .decimalFullWidth, .decimalFullWidth2:
      return String(
        String.UnicodeScalarView(
          String(number).unicodeScalars.compactMap { Unicode.Scalar($0.value + 0xFEE0) }))
    case .decimalEnclosedCircle, .decimalEnclosedCircleChinese:
      return Self.enclosed(number, first: 0x2460, count: 20)
    case .decimalEnclosedFullstop:
      return Self.enclosed(number, first: 0x2488, count: 20)
    case .decimalEnclosedParen:
      return Self.enclosed(number, first: 0x2474, count: 20)
    case .ideographEnclosedCircle:
      return Self.enclosed(number, first: 0x3220, count: 10)
    case .chineseCounting, .taiwaneseCounting:
      return number < 100 ? Self.grouped(number, Self.commonNumerals) : Self.digitwise(number)
    case .taiwaneseDigital, .ideographDigital:
      return Self.digitwise(number)
    case .chineseCountingThousand:
      return Self.grouped(number, Self.commonNumerals)
    case .taiwaneseCountingThousand:
      return Self.grouped(number, Self.traditionalNumerals)
    case .chineseLegalSimplified:
      return Self.grouped(number, Self.legalSimplifiedNumerals)
    case .ideographLegalTraditional:
      return Self.grouped(number, Self.legalTraditionalNumerals)
    case .ideographTraditional:
      return Self.cycle(number, "甲乙丙丁戊己庚辛壬癸")
    case .ideographZodiac:
      return Self.cycle(number, "子丑寅卯辰巳午未申酉戌亥")
    case .lowerLetter, .upperLetter:
      // Word repeats the letter past z: 27 → aa, 28 → bb. The label grows with the value,
      // which is whatever `w:start` says, so past zz…z (30 letters) it is written in decimal.
      guard number <= Self.longestLetterLabel * 26 else { return String(number) }
      let base = self == .lowerLetter ? 0x61 : 0x41
      let letter = Character(Unicode.Scalar(UInt8(base + (number - 1) % 26)))
      return String(repeating: letter, count: (number - 1) / 26 + 1)
    case .lowerRoman:
      return Self.roman(number).lowercased()
    case .upperRoman:
      return Self.roman(number)
    case .ordinal:
      let suffix =
        (11...13).contains(number % 100)
        ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][number % 10]
      return "\(number)\(suffix)"
    case .cardinalText:
      return Self.englishWords(number) ?? String(number)
    case .ordinalText:
      return Self.englishWords(number).map(Self.ordinalWords) ?? "\(number)"
    }
  }

  // MARK: - English words

  private static let ones = [
    "", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
    "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
  ]
  private static let tens = [
    "", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety",
  ]

  /// 1–9,999 in words as Word writes them (“Twenty-One”, “One Hundred Five”); nil beyond.
  static func englishWords(_ number: Int) -> String? {
    guard (1...9_999).contains(number) else { return nil }
    var parts: [String] = []
    if number >= 1_000 { parts.append(ones[number / 1_000] + " Thousand") }
    let hundreds = number % 1_000 / 100
    if hundreds > 0 { parts.append(ones[hundreds] + " Hundred") }
    let rest = number % 100
    if rest >= 20 {
      parts.append(tens[rest / 10] + (rest % 10 > 0 ? "-" + ones[rest % 10] : ""))
    } else if rest > 0 {
      parts.append(ones[rest])
    }
    return parts.joined(separator: " ")
  }

  /// The ordinal of cardinal words: the last word changes (“Twenty-One” → “Twenty-First”).
  static func ordinalWords(_ words: String) -> String {
    let irregular = [
      "One": "First", "Two": "Second", "Three": "Third", "Five": "Fifth", "Eight": "Eighth",
      "Nine": "Ninth", "Twelve": "Twelfth",
    ]
    let separator = words.lastIndex { $0 == " " || $0 == "-" }
    let head = separator.map { String(words[...$0]) } ?? ""
    let last = separator.map { String(words[words.index(after: $0)...]) } ?? words
    if let ordinal = irregular[last] { return head + ordinal }
    if last.hasSuffix("y") { return head + last.dropLast() + "ieth" }
    return head + last + "th"
  }

  /// Most repetitions of one letter in a `lowerLetter`/`upperLetter` label (780 → 30 × “z”).
  static let longestLetterLabel = 30

  // MARK: - Numeral systems

  /// Digits, positional units, myriad units, and whether 10–19 drop the leading “one”.
  struct Numerals {
    let digits: [Character]
    let units: [String]
    let myriads: [String]
    let omitsLeadingOneTen: Bool
  }

  static let commonNumerals = Numerals(
    digits: Array("零一二三四五六七八九"), units: ["", "十", "百", "千"], myriads: ["", "万", "亿"],
    omitsLeadingOneTen: true)
  static let traditionalNumerals = Numerals(
    digits: Array("零一二三四五六七八九"), units: ["", "十", "百", "千"], myriads: ["", "萬", "億"],
    omitsLeadingOneTen: true)
  static let legalSimplifiedNumerals = Numerals(
    digits: Array("零壹贰叁肆伍陆柒捌玖"), units: ["", "拾", "佰", "仟"], myriads: ["", "万", "亿"],
    omitsLeadingOneTen: false)
  static let legalTraditionalNumerals = Numerals(
    digits: Array("零壹貳參肆伍陸柒捌玖"), units: ["", "拾", "佰", "仟"], myriads: ["", "萬", "億"],
    omitsLeadingOneTen: false)

  /// Reads `number` the Chinese way: 十二, 一百零一, 一千零一十, 一万零五.
  static func grouped(_ number: Int, _ numerals: Numerals) -> String {
    var groups: [Int] = []
    var rest = number
    while rest > 0 {
      groups.append(rest % 10_000)
      rest /= 10_000
    }
    guard groups.count <= numerals.myriads.count else { return String(number) }
    var result = ""
    var zeroPending = false
    for index in groups.indices.reversed() {
      let group = groups[index]
      if group == 0 {
        zeroPending = !result.isEmpty
        continue
      }
      if !result.isEmpty && (zeroPending || group < 1000) { result.append(numerals.digits[0]) }
      zeroPending = false
      var innerZero = false
      for position in stride(from: 3, through: 0, by: -1) {
        var power = 1
        for _ in 0..<position { power *= 10 }
        let digit = group / power % 10
        if digit == 0 {
          innerZero = innerZero || (group / power) > 0
          continue
        }
        if innerZero { result.append(numerals.digits[0]) }
        innerZero = false
        let leadingTen = position == 1 && digit == 1 && result.isEmpty
        if !(leadingTen && numerals.omitsLeadingOneTen) { result.append(numerals.digits[digit]) }
        result += numerals.units[position]
      }
      result += numerals.myriads[index]
    }
    return result
  }

  /// Digit by digit with 〇: 105 → 一〇五 (Word's `chineseCounting` past 99).
  static func digitwise(_ number: Int) -> String {
    let digits = Array("〇一二三四五六七八九")
    return String(String(number).compactMap { $0.wholeNumberValue.map { digits[$0] } })
  }

  private static func cycle(_ number: Int, _ symbols: String) -> String {
    let list = Array(symbols)
    return String(list[(number - 1) % list.count])
  }

  private static func enclosed(_ number: Int, first: UInt32, count: Int) -> String {
    guard number <= count, let scalar = Unicode.Scalar(first + UInt32(number - 1)) else {
      return String(number)
    }
    return String(Character(scalar))
  }

  private static func roman(_ number: Int) -> String {
    guard number < 4000 else { return String(number) }
    let table: [(Int, String)] = [
      (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]
    var rest = number
    var result = ""
    for (value, symbol) in table {
      while rest >= value {
        result += symbol
        rest -= value
      }
    }
    return result
  }
}

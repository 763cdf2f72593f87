/// Small calendar helpers for deadlines: ISO dates, month ends, Chinese numerals in dates.
enum CalendarMath {
  /// `YYYY-MM-DD`.
  static func iso(_ year: Int, _ month: Int, _ day: Int) -> String {
    let y = String(year)
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(y)-\(m)-\(d)"
  }

  /// The last day of a month (Gregorian).
  static func lastDay(year: Int, month: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Whether a day exists in a month.
  static func isValid(year: Int, month: Int, day: Int) -> Bool {
    (1...12).contains(month) && day >= 1 && day <= lastDay(year: year, month: month)
  }

  /// Chinese digits used one by one in years (二〇二五).
  private static let chineseDigits: [Character: Int] = [
    "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9,
  ]

  /// Digits written as Chinese numerals one by one: 二〇二五 → 2025.
  static func digitByDigit(_ text: Substring) -> Int? {
    var value = 0
    for character in text {
      guard let digit = chineseDigits[character] else { return nil }
      value = value * 10 + digit
    }
    return value
  }

  /// A small count written in Arabic or Chinese numerals: 3, 十二, 两, 半 (0.5 → nil here).
  static func smallCount(_ text: Substring) -> Int? {
    if let value = Int(text) { return value }
    var digits = chineseDigits
    digits["两"] = 2
    if text == "十" { return 10 }
    if text.count == 1 { return digits[text.first ?? " "] }
    if text.first == "十", let unit = digits[text.last ?? " "], text.count == 2 { return 10 + unit }
    if text.count == 2, text.last == "十", let tens = digits[text.first ?? " "] { return tens * 10 }
    if text.count == 3, text.dropFirst().first == "十", let tens = digits[text.first ?? " "],
      let unit = digits[text.last ?? " "]
    {
      return tens * 10 + unit
    }
    return nil
  }
}

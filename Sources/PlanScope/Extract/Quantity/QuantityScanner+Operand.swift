/// One number with its sign, percent word, magnitude and unit: `百分之八十五`, `1.6万吨`, `-5%`.
struct Operand {
  /// First scalar (percent word or sign included).
  var start: Int
  /// End of the number itself (before 多 and the unit).
  var numberEnd: Int
  /// End of the unit.
  var end: Int
  /// The value before any magnitude kept in the unit.
  var value: Double
  /// The unit as written, magnitude included (`万吨`), or the percent word's (`%`).
  var unit: String
  /// 多/余/几 followed the number (`500多家`).
  var more: Bool
  /// A Chinese numeral with neither unit nor percent word (`三` in `一到三个` before the range).
  var needsUnit: Bool
  /// A four-digit Arabic year-like integer with no unit (`2021` in `2021—2025`, `2023-12-27`).
  var isBareYear: Bool
  /// The number stands before 年 and reads as a year (`2025年`, `二〇二五年`).
  var isYear: Bool
}

extension QuantityScanner {
  /// What reading an operand at one offset gave.
  enum OperandAttempt {
    case none
    case rejected(end: Int)
    case found(Operand)
  }

  /// Reads the operand starting at `index`; `rangeEnd` is true after a range connector.
  func operand(in scalars: [Unicode.Scalar], at index: Int, rangeEnd: Bool) -> OperandAttempt {
    guard index < scalars.count else { return .none }
    var position = index
    var percentUnit: String?
    if let percent = patterns.percentPrefixes.first(where: { scalars.has($0.scalars, at: index) }) {
      percentUnit = percent.meaning
      position += percent.scalars.count
    }
    var sign = 1.0
    if percentUnit == nil, !rangeEnd, patterns.negativeSigns.contains(scalars[position]),
      position + 1 < scalars.count, startsNumber(scalars, at: position + 1),
      position == 0 || !isNumberOrLetter(scalars[position - 1]),
      position == 0 || !patterns.signBlockers.contains(scalars[position - 1])
    {
      sign = -1
      position += 1
    }
    guard position < scalars.count,
      startsNumber(scalars, at: position)
        || (percentUnit != nil && (scalars[position] == "百" || scalars[position] == "佰"))
    else { return .none }
    if let idiom = patterns.numeralIdioms.first(where: { scalars.has($0.scalars, at: position) }) {
      return .rejected(end: position + idiom.scalars.count)
    }
    let reading: NumeralReading
    if let read = ChineseNumber.read(
      scalars, from: position, stopsAt: { units.longestMatch(in: scalars, at: $0) >= 2 })
    {
      reading = read
    } else if percentUnit != nil, scalars[position] == "百" || scalars[position] == "佰" {
      // 百分之百: the whole.
      reading = NumeralReading(
        start: position, end: position + 1, value: 100, coreEnd: position + 1, coreValue: 100,
        script: .chinese, integerDigits: 0, hasLeadingZero: false, hasFraction: false,
        more: false)
    } else {
      return .none
    }
    if percentUnit == nil, reading.script == .chinese, reading.end - position == 1,
      NumeralTable.isFinancialForm(scalars[position])
    {
      return .rejected(end: reading.end)  // 陆 in 登陆部队: 大写 numerals never stand alone
    }
    if !rangeEnd, isRejectedByContext(scalars, from: index, reading: reading) {
      return .rejected(end: reading.end)
    }
    return unitAndMore(
      scalars, start: index, reading: reading, sign: sign, percentUnit: percentUnit)
  }

  private func unitAndMore(
    _ scalars: [Unicode.Scalar], start: Int, reading: NumeralReading, sign: Double,
    percentUnit: String?
  ) -> OperandAttempt {
    let next = reading.end < scalars.count ? scalars[reading.end] : nil
    let isArabicInteger = reading.script == .arabic && !reading.hasFraction
    let yearShaped =
      isArabicInteger && reading.integerDigits == 4
      && patterns.plausibleYears.contains(reading.value)
    let isYear =
      next == patterns.yearUnit && (reading.script == .digitSequence || yearShaped)
    if reading.script == .digitSequence, let next, NumeralTable.smallUnit(next) != nil {
      // 二三十个: an approximate count (twenty or thirty), not 23 or 30.
      var end = reading.end
      while end < scalars.count,
        NumeralTable.startsChineseNumber(scalars[end])
          || NumeralTable.smallUnit(scalars[end]) != nil
          || NumeralTable.largeUnit(scalars[end]) != nil
      {
        end += 1
      }
      return .rejected(end: end)
    }
    if percentUnit == nil, isYear || reading.script == .digitSequence {
      return .rejected(end: reading.end)
    }
    var position = reading.end
    var more = reading.more
    if position < scalars.count, NumeralTable.isMoreMarker(scalars[position]) {
      more = true
      position += 1
    }
    var unit = ScalarText.string(scalars[reading.coreEnd..<reading.end])
    if let percentUnit {
      unit = percentUnit
    } else {
      // Messy web copies put a space between number and unit: `95 %`.
      if position + 1 < scalars.count, scalars[position] == " ",
        units.longestMatch(in: scalars, at: position + 1) > 0
      {
        position += 1
      }
      let length = units.longestMatch(in: scalars, at: position)
      if length == 0, position < scalars.count, isASCIILetter(scalars[position]) {
        return .rejected(end: position)  // 5G, 3D, 200MW without a known unit
      }
      unit += ScalarText.string(scalars[position..<(position + length)])
      position += length
      // 5.1公里/平方公里: a unit per unit is one unit as written.
      if length > 0, position + 1 < scalars.count, scalars[position] == "/" {
        let per = units.longestMatch(in: scalars, at: position + 1)
        if per > 0 {
          unit += ScalarText.string(scalars[position..<(position + 1 + per)])
          position += 1 + per
        }
      }
    }
    let wordFollows = position < scalars.count && scalars[position].properties.isIdeographic
    if more, unit.isEmpty, percentUnit == nil, wordFollows {
      position -= 1  // a bare 多 after a number is not read as “more”: 三多 is not an amount
      more = reading.more
    }
    return .found(
      Operand(
        start: start, numberEnd: reading.end, end: position, value: sign * reading.coreValue,
        unit: unit, more: more,
        needsUnit: reading.script == .chinese && unit.isEmpty,
        isBareYear: yearShaped && unit.isEmpty && percentUnit == nil, isYear: isYear))
  }

  /// Left and right context that makes a number a label, a code or part of a date.
  private func isRejectedByContext(
    _ scalars: [Unicode.Scalar], from start: Int, reading: NumeralReading
  ) -> Bool {
    let before = start > 0 ? scalars[start - 1] : nil
    let after = reading.end < scalars.count ? scalars[reading.end] : nil
    if patterns.labelWords.contains(where: { scalars.has($0.scalars, endingAt: start) }) {
      return true
    }
    if let before {
      if isASCIILetter(before) || before == patterns.ordinalMarker
        || patterns.specificationMarks.contains(before)
      {
        return true
      }
      // 2023-12-27, 12/27, 10:30, 1.2.3: a number glued to a digit by punctuation.
      if "-/.:：．－".unicodeScalars.contains(before), start >= 2,
        NumeralTable.arabicDigit(scalars[start - 2]) != nil
      {
        return true
      }
      // 三分之一 after the denominator, and %25 or =30 inside a URL.
      if before == "之", start >= 2, scalars[start - 2] == "分" { return true }
      if patterns.urlMarks.contains(before) { return true }
      if patterns.yearBrackets.contains(before), let after, patterns.closingBrackets.contains(after)
      {
        return true
      }
    }
    if let after {
      if patterns.dateOrNumberSuffixes.contains(after)
        || patterns.specificationMarks.contains(after)
      {
        return true
      }
      if patterns.labelPunctuation.contains(after), isLineStart(scalars, before: start) {
        return true
      }
    }
    if reading.script == .arabic, reading.hasLeadingZero, !reading.hasFraction {
      return true  // 0771-1234567, 023…: codes and telephone numbers
    }
    if reading.script == .arabic, !reading.hasFraction,
      reading.integerDigits >= patterns.phoneDigits,
      reading.coreEnd == reading.end,
      reading.integerDigits == 11 && scalars[start] == "1" || reading.integerDigits > 11
    {
      return true
    }
    return false
  }

  /// Whether only spaces stand between the previous line break and `index`.
  private func isLineStart(_ scalars: [Unicode.Scalar], before index: Int) -> Bool {
    var position = index - 1
    while position >= 0 {
      let scalar = scalars[position]
      if scalar == "\n" || scalar == "\r" { return true }
      if !(scalar == " " || scalar == "\t" || scalar == "\u{3000}") { return false }
      position -= 1
    }
    return true
  }

  private func startsNumber(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
    let scalar = scalars[index]
    if NumeralTable.arabicDigit(scalar) != nil || NumeralTable.startsChineseNumber(scalar) {
      return true
    }
    return NumeralTable.smallUnit(scalar) != nil && index + 1 < scalars.count
      && NumeralTable.chineseDigit(scalars[index + 1]) != nil
  }

  private func isNumberOrLetter(_ scalar: Unicode.Scalar) -> Bool {
    NumeralTable.arabicDigit(scalar) != nil || NumeralTable.chineseDigit(scalar) != nil
      || isASCIILetter(scalar)
  }

  private func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }
}

/// Parses number expressions in Chinese text: Arabic (`1,200.5`, `１２．５`), Chinese numerals
/// (`一百二十三`, `两百`, `十四点五`, `一万二千`, `三千五百万`, `二〇二五`, 大写 `壹佰伍拾`, `廿`),
/// and mixed (`3千`, `1.6万`, `25万6千`).
///
/// `value(of:)` parses a whole expression; `read(_:from:limit:stopsAt:)` reads the longest
/// number at an offset for `QuantityScanner`. Percent words (百分之) are the scanner's.
public enum ChineseNumber {
  /// The value of a whole number expression, or nil if the text is not exactly one number.
  ///
  /// Whitespace is ignored. `value(of: "三千五百万")` is 35000000, `value(of: "1.6万")` is
  /// 16000, `value(of: "十四点五")` is 14.5, `value(of: "负三十二")` is −32,
  /// `value(of: "三分之一")` is 0.333…; `value(of: "万")` and `value(of: "一切")` are nil.
  public static func value(of text: String) -> Double? {
    NumberExpression(text).value()
  }

  /// Reads the longest number starting at `start`, not reading at or past `limit`.
  ///
  /// `stopsAt(i)` is asked before a 十/百/千/万/亿 at offset `i` is read as part of the number;
  /// when it answers true the number ends there (the scanner answers true where a unit such
  /// as `千米`, `千瓦`, `万吨` begins). Returns nil when no number starts at `start`.
  static func read(
    _ scalars: [Unicode.Scalar], from start: Int, limit: Int? = nil,
    stopsAt: (Int) -> Bool = { _ in false }
  ) -> NumeralReading? {
    let limit = min(limit ?? scalars.count, scalars.count)
    guard start < limit else { return nil }
    return withoutActuallyEscaping(stopsAt) { stopsAt in
      readEscaping(scalars, from: start, limit: limit, stopsAt: stopsAt)
    }
  }

  private static func readEscaping(
    _ scalars: [Unicode.Scalar], from start: Int, limit: Int,
    stopsAt: @escaping (Int) -> Bool
  ) -> NumeralReading? {
    var reader = NumeralReader(scalars: scalars, start: start, limit: limit, stopsAt: stopsAt)
    guard var reading = reader.run() else { return nil }
    // A trailing magnitude (万, 亿, 万亿) stays with the unit: 1.6万吨 is 1.6 万吨.
    var coreEnd = reading.end
    while coreEnd > start, NumeralTable.largeUnit(scalars[coreEnd - 1]) != nil { coreEnd -= 1 }
    // 4.11百万公吨: after Arabic digits, 百万/千万 is a magnitude written with the unit too.
    let magnitudeFollows =
      coreEnd < reading.end
      || (reading.end < limit && NumeralTable.largeUnit(scalars[reading.end]) != nil)
    if magnitudeFollows, coreEnd - 1 > start, NumeralTable.smallUnit(scalars[coreEnd - 1]) != nil,
      NumeralTable.arabicDigit(scalars[coreEnd - 2]) != nil
    {
      coreEnd -= 1
    }
    if coreEnd < reading.end, coreEnd > start {
      var coreReader = NumeralReader(
        scalars: scalars, start: start, limit: coreEnd, stopsAt: stopsAt)
      if let core = coreReader.run(), core.end == coreEnd {
        reading.coreEnd = coreEnd
        reading.coreValue = core.value
      }
    }
    return reading
  }
}

/// The state machine behind `ChineseNumber.read`: digits, 十百千 sections, 万亿兆 groups.
private struct NumeralReader {
  let scalars: [Unicode.Scalar]
  let start: Int
  let limit: Int
  let stopsAt: (Int) -> Bool

  /// Groups closed by a large unit: (value, unit), e.g. 五亿 → (5e8, 1e8).
  private var groups: [(value: Double, unit: Double)] = []
  private var section = 0.0
  private var pending: Double?
  private var pendingIsChineseDigit = false
  private var lastUnit: Double?
  private var sawZero = false
  private var sequence: [Int] = []
  private var script: NumeralReading.Script = .chinese
  private var integerDigits = 0
  private var hasLeadingZero = false
  private var hasFraction = false
  private var fraction = 0.0
  private var more = false
  private var end: Int

  init(
    scalars: [Unicode.Scalar], start: Int, limit: Int, stopsAt: @escaping (Int) -> Bool
  ) {
    self.scalars = scalars
    self.start = start
    self.limit = limit
    self.stopsAt = stopsAt
    self.end = start
  }

  private var isEmpty: Bool { groups.isEmpty && section == 0 && pending == nil && !sawZero }

  mutating func run() -> NumeralReading? {
    var i = start
    var sawArabic = false
    loop: while i < limit {
      let scalar = scalars[i]
      if NumeralTable.arabicDigit(scalar) != nil {
        guard pending == nil, sequence.isEmpty else { break }
        let literal = readArabic(at: i)
        if isEmpty {
          script = .arabic
          integerDigits = literal.integerDigits
          hasLeadingZero = literal.leadingZero
        }
        hasFraction = hasFraction || literal.hasFraction
        sawArabic = true
        pending = literal.value
        pendingIsChineseDigit = false
        i = literal.end
        end = i
        continue
      }
      if let digit = NumeralTable.chineseDigit(scalar) {
        if !sequence.isEmpty || (pending != nil && pendingIsChineseDigit) {
          // 二〇二五: digits one by one, only from the start and never with 两.
          guard groups.isEmpty, section == 0, lastUnit == nil, !sawArabic,
            !NumeralTable.isCountingTwo(scalar)
          else { break }
          if sequence.isEmpty, let first = pending { sequence.append(Int(first)) }
          sequence.append(digit)
          i += 1
          end = i
          continue
        }
        if pending != nil { break }
        if digit == 0 {
          sawZero = true
          i += 1
          if isEmpty(ignoringZero: true) {
            // A leading 零 is a number (零点五, 零十); elsewhere it only holds a place (一千零五).
            pending = 0
            pendingIsChineseDigit = true
            end = i
          }
          continue
        }
        pending = Double(digit)
        pendingIsChineseDigit = true
        i += 1
        end = i
        continue
      }
      if !sequence.isEmpty { break }
      if let tens = NumeralTable.tens(scalar) {
        guard pending == nil else { break }
        section += tens
        lastUnit = 10
        sawZero = false
        i += 1
        end = i
        continue
      }
      if let unit = NumeralTable.smallUnit(scalar) {
        if stopsAt(i) { break }
        if let value = pending, value != 0 {
          section += value * unit
        } else if isEmpty || sawZero {
          // 十五, 零十; 百三/千三 only when a digit follows.
          if unit > 10, !(i + 1 < limit && NumeralTable.chineseDigit(scalars[i + 1]) != nil) {
            break
          }
          section += unit
        } else {
          break
        }
        pending = nil
        lastUnit = unit
        sawZero = false
        i += 1
        end = i
        continue
      }
      if NumeralTable.isMoreMarker(scalar), !isEmpty, i + 1 < limit,
        NumeralTable.largeUnit(scalars[i + 1]) != nil, !stopsAt(i + 1)
      {
        more = true
        i += 1
        continue
      }
      if let unit = NumeralTable.largeUnit(scalar) {
        if stopsAt(i) || isEmpty { break }
        closeGroup(unit)
        i += 1
        end = i
        continue
      }
      if NumeralTable.isChineseDecimalPoint(scalar), !isEmpty, i + 1 < limit,
        let first = NumeralTable.chineseDigit(scalars[i + 1]),
        !NumeralTable.isCountingTwo(scalars[i + 1])
      {
        var digits = "0.\(first)"
        var j = i + 2
        while j < limit, let digit = NumeralTable.chineseDigit(scalars[j]),
          !NumeralTable.isCountingTwo(scalars[j])
        {
          digits += String(digit)
          j += 1
        }
        fraction = Double(digits) ?? 0
        hasFraction = true
        end = j
        break loop
      }
      break
    }
    guard end > start else { return nil }
    let value = total()
    return NumeralReading(
      start: start, end: end, value: value, coreEnd: end, coreValue: value,
      script: sequence.isEmpty ? script : .digitSequence, integerDigits: integerDigits,
      hasLeadingZero: hasLeadingZero, hasFraction: hasFraction, more: more)
  }

  private func isEmpty(ignoringZero: Bool) -> Bool {
    groups.isEmpty && section == 0 && pending == nil && (ignoringZero || !sawZero)
  }

  private mutating func closeGroup(_ unit: Double) {
    let value = section + (pending ?? 0)
    var sum = value
    // Lower groups fold into this one: 一万五千亿 = (一万五千)亿; 四万万 = (四万)万.
    while let last = groups.last, value == 0 ? last.unit <= unit : last.unit < unit {
      sum += last.value
      groups.removeLast()
    }
    groups.append((sum * unit, unit))
    section = 0
    pending = nil
    lastUnit = unit
    sawZero = false
  }

  private func total() -> Double {
    if !sequence.isEmpty {
      // In Double like every other reading: twenty digits one by one overflow `Int`.
      return sequence.reduce(0.0) { $0 * 10 + Double($1) }
    }
    var tail = pending ?? 0
    // 一千三 is 1300, 九十二万四 is 924000: a bare digit after a unit is one step lower.
    if let value = pending, pendingIsChineseDigit, !sawZero, let unit = lastUnit, unit >= 100 {
      tail = value * unit / 10
    }
    return groups.reduce(0) { $0 + $1.value } + section + tail + fraction
  }

  private struct ArabicLiteral {
    var value: Double
    var end: Int
    var integerDigits: Int
    var leadingZero: Bool
    var hasFraction: Bool
  }

  /// `1,200.5`, `１２．５`: groups of three after a comma only when exactly three digits follow.
  private func readArabic(at start: Int) -> ArabicLiteral {
    var digits: [Int] = []
    var i = start
    while i < limit, let digit = NumeralTable.arabicDigit(scalars[i]) {
      digits.append(digit)
      i += 1
    }
    if digits.count <= 3 {
      while i + 3 < limit, NumeralTable.isThousandsSeparator(scalars[i]),
        (1...3).allSatisfy({ NumeralTable.arabicDigit(scalars[i + $0]) != nil }),
        !(i + 4 < limit && NumeralTable.arabicDigit(scalars[i + 4]) != nil)
      {
        for offset in 1...3 { digits.append(NumeralTable.arabicDigit(scalars[i + offset]) ?? 0) }
        i += 4
      }
    }
    let integerDigits = digits.count
    // Digits go through a decimal string so that 4.62 is the Double nearest 4.62.
    var literal = digits.map(String.init).joined()
    var hasFraction = false
    if i + 1 < limit, NumeralTable.isArabicDecimalPoint(scalars[i]),
      NumeralTable.arabicDigit(scalars[i + 1]) != nil
    {
      literal += "."
      i += 1
      while i < limit, let digit = NumeralTable.arabicDigit(scalars[i]) {
        literal += String(digit)
        i += 1
      }
      hasFraction = true
    }
    let value = Double(literal) ?? 0
    return ArabicLiteral(
      value: value, end: i, integerDigits: integerDigits,
      leadingZero: integerDigits > 1 && digits.first == 0, hasFraction: hasFraction)
  }
}

/// Finds quantities (数量) in a run of text: a number, its unit as written, and its comparator.
///
/// Takes text (a `String` or a slice of Unicode scalars) and returns every `Quantity` in order,
/// with spans relative to the start of what was scanned: `农膜回收率达到85%以上` gives
/// `85%以上` (85, `%`, `>=`); `新增5—10个` gives `5—10个` (5…10, `个`, `range`).
///
/// It does not report years or dates (`2025年`, `12月27日`: the deadline extractor's), document
/// numbers (`〔2021〕1524号`), section labels (`（一）`, line-initial `1．`), ordinals (`第3条`),
/// chemical or technical names (`PM2.5`, `CO2`, `5G`, `3×200MW`) or telephone numbers. A
/// duration (`3年`) is reported with unit `年`. A Chinese numeral needs a unit (`三个`), a
/// percent word (`百分之五`) or a range partner, so that `统一`, `十四五` and `一是` are not amounts.
/// It does not decide what is measured or whether the amount is a target.
public struct QuantityScanner: Sendable {
  /// Switches for the scanner.
  public struct Options: Sendable, Hashable {
    /// Whether a Chinese numeral needs a unit to count (`三个` yes, a bare `三` no).
    /// Off only for number-only inputs such as the Recognizers-Text specs (`一到五`).
    public var chineseNumeralsNeedUnit: Bool

    /// Creates options; by default a Chinese numeral needs a unit.
    public init(chineseNumeralsNeedUnit: Bool = true) {
      self.chineseNumeralsNeedUnit = chineseNumeralsNeedUnit
    }
  }

  let units: UnitLexicon
  let options: Options
  let patterns = QuantityPatterns()
  /// Scalars at which a quantity or a web address can start (digits, Chinese numerals and
  /// units, the first scalars of percent words, negative signs and URL starts): the scan steps
  /// over every other scalar without trying it.
  private let starts: ScalarBitmap

  /// Creates a scanner over a unit lexicon (`UnitLexicon.load()` for the bundled `units_quantity`).
  public init(units: UnitLexicon, options: Options = Options()) {
    self.units = units
    self.options = options
    var starts = (UInt32(0)..<0x10000).compactMap(Unicode.Scalar.init).filter {
      NumeralTable.arabicDigit($0) != nil || NumeralTable.startsChineseNumber($0)
        || NumeralTable.smallUnit($0) != nil
    }
    starts += patterns.percentPrefixes.compactMap(\.scalars.first)
    starts += patterns.urlStarts.compactMap(\.scalars.first)
    starts += patterns.negativeSigns
    self.starts = ScalarBitmap(starts)
  }

  /// Creates a scanner over a list of units such as `["万吨", "%", "个"]`.
  public init(units: [String], options: Options = Options()) {
    self.init(units: UnitLexicon(units: units), options: options)
  }

  /// Scans a string; spans count Unicode scalars from its start.
  ///
  /// `scan("粮食产量稳定在1.6万吨以上")` gives one quantity: `1.6万吨以上`, 1.6, `万吨`, `>=`.
  public func scan(_ text: String) -> [Quantity] {
    scan(Array(text.unicodeScalars))
  }

  /// Scans a run of scalars; spans count from the start of the slice, not of its base array.
  ///
  /// `scan(text.scalars[10..<30])` reports `不低于85%` at offsets relative to 10.
  public func scan(_ scalars: ArraySlice<Unicode.Scalar>) -> [Quantity] {
    scan(Array(scalars))
  }

  /// Scans an array of scalars; spans count from its start.
  public func scan(_ scalars: [Unicode.Scalar]) -> [Quantity] {
    var found: [Quantity] = []
    var index = 0
    while index < scalars.count {
      guard starts.contains(scalars[index]) else {
        index += 1
        continue
      }
      if let url = patterns.urlStarts.first(where: { scalars.has($0.scalars, at: index) }) {
        index += url.scalars.count
        while index < scalars.count, !scalars[index].properties.isWhitespace,
          !scalars[index].properties.isIdeographic
        {
          index += 1
        }
        continue
      }
      switch quantity(in: scalars, at: index) {
      case .none:
        index += 1
      case .rejected(let end):
        index = max(end, index + 1)
      case .operand(let quantity, let end):
        found.append(quantity)
        index = max(end, index + 1)
      }
    }
    return found
  }

  /// What an attempt at one offset gave.
  enum Attempt {
    case none
    case rejected(end: Int)
    case operand(Quantity, end: Int)
  }

  private func quantity(in scalars: [Unicode.Scalar], at index: Int) -> Attempt {
    let first: Operand
    switch operand(in: scalars, at: index, rangeEnd: false) {
    case .none: return .none
    case .rejected(let end): return .rejected(end: end)
    case .found(let operand): first = operand
    }
    var start = first.start
    var end = first.end
    var unit = first.unit
    var valueMax: Double?
    var comparator: Target.Comparator = first.more ? .greaterThan : .equal
    if let range = range(in: scalars, after: first) {
      valueMax = range.upper
      unit = range.unit
      end = range.end
      comparator = .range
    } else if first.isBareYear || (first.needsUnit && options.chineseNumeralsNeedUnit) {
      return .rejected(end: first.numberEnd)
    }
    if comparator != .range {
      if let prefix = prefixComparator(in: scalars, endingAt: first.start) {
        comparator = prefix.meaning
        start = prefix.start
      }
      if first.start > 0, scalars[first.start - 1] == patterns.comparativeMarker,
        end < scalars.count,
        let comparative = patterns.comparatives[scalars[end]]
      {
        comparator = comparative
        start = first.start - 1
        end += 1
      } else {
        // `60% 以上`: a space may stand before the comparator in messy copies.
        let gap = end < scalars.count && scalars[end] == " " ? 1 : 0
        if let suffix = patterns.suffixComparators.first(where: {
          scalars.has($0.scalars, at: end + gap)
        }) {
          comparator = suffix.meaning
          end += gap + suffix.scalars.count
        }
      }
    }
    let quantity = Quantity(
      text: ScalarText.string(scalars[start..<end]), span: SourceSpan(start: start, end: end),
      value: first.value, valueMax: valueMax, unit: patterns.unitAsWritten(unit),
      comparator: comparator)
    return .operand(quantity, end: end)
  }

  // MARK: - Comparators and ranges

  /// The comparator word just before `index` (`不低于`), allowing one linker (`至少有`).
  private func prefixComparator(
    in scalars: [Unicode.Scalar], endingAt index: Int
  ) -> (meaning: Target.Comparator, start: Int)? {
    var ends = [index]
    if index > 0, patterns.prefixLinkers.contains(scalars[index - 1]) { ends.append(index - 1) }
    for end in ends {
      for word in patterns.prefixComparators where scalars.has(word.scalars, endingAt: end) {
        let start = end - word.scalars.count
        if word.scalars.count == 1, start > 0,
          let blockers = patterns.prefixBlockers[word.scalars[0]],
          blockers.contains(scalars[start - 1])
        {
          continue
        }
        return (word.meaning, start)
      }
    }
    return nil
  }

  /// A second operand after a connector: `5—10个`, `5%-10%`, `百分之五到十`, `20和30之间`.
  private func range(
    in scalars: [Unicode.Scalar], after first: Operand
  ) -> (upper: Double, unit: String, end: Int)? {
    var needsCloser = false
    var connectorLength = 0
    if let connector = patterns.rangeConnectors.first(where: {
      scalars.has($0.scalars, at: first.end)
    }) {
      connectorLength = connector.scalars.count
    } else if let connector = patterns.betweenConnectors.first(where: {
      scalars.has($0.scalars, at: first.end)
    }) {
      connectorLength = connector.scalars.count
      needsCloser = true
    } else {
      return nil
    }
    guard
      case .found(let second) = operand(
        in: scalars, at: first.end + connectorLength, rangeEnd: true)
    else { return nil }
    guard second.value > first.value, !second.isYear, !(first.isBareYear && second.isBareYear)
    else { return nil }
    let unit: String
    if second.unit.isEmpty {
      unit = first.unit
    } else if first.unit.isEmpty || second.unit.hasPrefix(first.unit) {
      unit = second.unit
    } else {
      return nil
    }
    if options.chineseNumeralsNeedUnit, unit.isEmpty, first.needsUnit || second.needsUnit {
      return nil
    }
    var end = second.end
    if let closer = patterns.betweenClosers.first(where: { scalars.has($0.scalars, at: end) }) {
      end += closer.scalars.count
    } else if needsCloser {
      return nil
    }
    return (second.value, unit, end)
  }
}

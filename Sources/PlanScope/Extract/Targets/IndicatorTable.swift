/// A planning-indicator table (主要指标表) rendered as TAB-separated lines:
/// `指标<TAB>2020年<TAB>2025年<TAB>属性` then rows `森林覆盖率（%）<TAB>41.2<TAB>42.5<TAB>约束性`.
///
/// The header names the target column (the latest year, or 目标值); each row gives one target:
/// indicator and unit from the first text cell (`（%）`) or a 单位 column, the value from the
/// target column (`≥97` keeps its comparator), the year from the header.
struct IndicatorTable {
  /// Column of the target values.
  let targetColumn: Int
  /// The year of that column, if it names one.
  let year: Int?
  /// Column of units, if the table has one.
  let unitColumn: Int?
  /// Number of cells in the header.
  let width: Int

  /// Reads a header row, or nil when the line is not one.
  init?(header cells: [String], period: Period?, patterns: TargetPatterns) {
    var best: (column: Int, year: Int?)?
    var unitColumn: Int?
    for (column, raw) in cells.enumerated() {
      let cell = raw.trimmingSpaces()
      if cell == "单位" || cell == "计量单位" { unitColumn = column }
      if cell.contains("目标") && column > 0 {
        best = (
          column, patterns.anyYear.firstMatch(in: cell)?.int("year") ?? period?.end
        )
        continue
      }
      if let match = patterns.tableYear.wholeMatch(in: cell), let year = match.int("year"),
        column > 0, (best?.year ?? 0) < year
      {
        best = (column, year)
      }
    }
    guard let best, cells.count >= 2 else { return nil }
    self.targetColumn = best.column
    self.year = best.year
    self.unitColumn = unitColumn
    self.width = cells.count
  }

  /// The target a row states, or nil.
  func target(row cells: [String], patterns: TargetPatterns)
    -> (indicator: String, unit: String, value: Double, comparator: Target.Comparator)?
  {
    guard cells.count == width, targetColumn < cells.count else { return nil }
    guard
      let first = cells.first(where: {
        !$0.trimmingSpaces().isEmpty && Double($0.trimmingSpaces()) == nil
      })
    else {
      return nil
    }
    var indicator = first.trimmingSpaces()
    var unit = unitColumn.map { cells[$0].trimmingSpaces() } ?? ""
    if let match = patterns.cellUnit.firstMatch(in: indicator) {
      if unit.isEmpty { unit = match["unit"] ?? "" }
      indicator = ScalarText.string(match.scalars[..<match.range.lowerBound])
    }
    var cell = cells[targetColumn].trimmingSpaces()
    var comparator = Target.Comparator.equal
    for (symbol, meaning) in [
      ("≥", Target.Comparator.atLeast), (">=", .atLeast), ("≤", .atMost), ("<=", .atMost),
      (">", .greaterThan), ("<", .lessThan), ("约", .approximately),
    ]
    where cell.hasPrefix(symbol) {
      comparator = meaning
      cell = String(cell.dropFirst(symbol.count)).trimmingSpaces()
      break
    }
    if cell.hasSuffix("以上") {
      comparator = .atLeast
      cell = String(cell.dropLast(2))
    }
    if cell.hasSuffix("左右") {
      comparator = .approximately
      cell = String(cell.dropLast(2))
    }
    if unit.isEmpty || unit == "%", cell.hasSuffix("%") {
      unit = "%"
      cell = String(cell.dropLast())
    }
    guard !indicator.isEmpty, !unit.isEmpty,
      let value = Double(cell.replacingOccurrences(of: ",", with: ""))
    else {
      return nil
    }
    return (indicator, unit, value, comparator)
  }

  /// The change an indicator's own wording sets: …降低（%） is a decrease.
  static func change(of indicator: String) -> Target.Change {
    if ["降低", "下降", "减少", "削减"].contains(where: { indicator.includes($0) }) { return .decrease }
    if ["提高", "增长", "新增"].contains(where: { indicator.includes($0) }) { return .increase }
    return .level
  }
}

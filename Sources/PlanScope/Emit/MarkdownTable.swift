/// A Markdown table that renders well on GitHub and in common viewers: pipes escaped, no line
/// breaks inside cells, cells cut to a maximum length so rows stay readable.
struct MarkdownTable {
  /// Column headers.
  var headers: [String]
  /// Rows of cells.
  var rows: [[String]] = []
  /// Longest cell kept, in characters (longer ones end with …).
  var maxCellLength = 40

  /// The table as Markdown lines (header, separator, rows), or nothing when there are no rows.
  func render() -> [String] {
    guard !rows.isEmpty else { return [] }
    return head() + rows.map(line)
  }

  /// The header and separator lines, for a table whose rows are rendered one at a time.
  func head() -> [String] {
    [line(headers), "|" + headers.map { _ in " --- |" }.joined()]
  }

  /// One row (or the header) as a Markdown line, each cell cut by `cell(_:max:)`.
  func line(_ cells: [String]) -> String {
    "| " + cells.map { Self.cell($0, max: maxCellLength) }.joined(separator: " | ") + " |"
  }

  /// One cell's text: escaped, single-line, cut.
  static func cell(_ text: String, max: Int) -> String {
    // Scalar by scalar (this runs for every cell of every table): line breaks and tabs become
    // spaces, the text is cut to `max` characters, then backslashes and pipes are escaped.
    let special: (UInt8) -> Bool = { $0 == 0x0A || $0 == 0x09 || $0 == 0x5C || $0 == 0x7C }
    let hasSpecial = text.utf8.contains(where: special)
    if !hasSpecial, text.utf8.count <= max { return text }
    var value = text
    if hasSpecial {
      var flattened = String.UnicodeScalarView()
      for scalar in text.unicodeScalars {
        flattened.append(scalar == "\n" || scalar == "\t" ? " " : scalar)
      }
      value = String(flattened)
    }
    if value.utf8.count > max, value.count > max { value = String(value.prefix(max - 1)) + "…" }
    guard hasSpecial else { return value }
    var escaped = String.UnicodeScalarView()
    for scalar in value.unicodeScalars {
      if scalar == "\\" || scalar == "|" { escaped.append("\\") }
      escaped.append(scalar)
    }
    return String(escaped)
  }
}

/// How numbers and targets read in reports: `≥85%`, `5–10个`, `−14.5%（较2020年）`, `0.04万吨`.
enum TargetFormatting {
  /// A number without trailing zeros: 85, 14.5, 0.04.
  static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// A target's value as a reader expects it.
  static func value(_ target: Target) -> String {
    let sign: String
    switch target.change {
    case .decrease: sign = "−"
    case .increase: sign = "+"
    case .maintain: sign = "稳定"
    case .level: sign = ""
    }
    var amount: String
    switch target.comparator {
    case .range:
      amount = number(target.value) + "–" + (target.valueMax.map(number) ?? "") + target.unit
    case .atLeast: amount = "≥" + sign + number(target.value) + target.unit
    case .greaterThan: amount = ">" + sign + number(target.value) + target.unit
    case .atMost: amount = "≤" + sign + number(target.value) + target.unit
    case .lessThan: amount = "<" + sign + number(target.value) + target.unit
    case .approximately: amount = "约" + sign + number(target.value) + target.unit
    case .equal: amount = sign + number(target.value) + target.unit
    }
    if target.comparator == .range, !sign.isEmpty { amount = sign + amount }
    if let baseline = target.baselineYear { amount += "（较\(baseline)年）" }
    return amount
  }
}

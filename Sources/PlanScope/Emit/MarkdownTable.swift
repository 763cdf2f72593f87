/// A Markdown table that renders well on GitHub and in common viewers: pipes escaped, no line
/// breaks inside cells, cells cut to a maximum length so rows stay readable.
package struct MarkdownTable {
  /// Column headers.
  package var headers: [String]
  /// Rows of cells.
  package var rows: [[String]] = []
  /// Longest cell kept, in characters (longer ones end with …).
  package var maxCellLength = 40

  /// A table with these headers and rows.
  package init(headers: [String], rows: [[String]] = [], maxCellLength: Int = 40) {
    self.headers = headers
    self.rows = rows
    self.maxCellLength = maxCellLength
  }

  /// The table as Markdown lines (header, separator, rows), or nothing when there are no rows.
  package func render() -> [String] {
    guard !rows.isEmpty else { return [] }
    return head() + rows.map(line)
  }

  /// The header and separator lines, for a table whose rows are rendered one at a time.
  package func head() -> [String] {
    [line(headers), "|" + headers.map { _ in " --- |" }.joined()]
  }

  /// One row (or the header) as a Markdown line, each cell cut by `cell(_:max:)`.
  package func line(_ cells: [String]) -> String {
    "| " + cells.map { Self.cell($0, max: maxCellLength) }.joined(separator: " | ") + " |"
  }

  /// One cell's text: escaped, single-line, cut.
  package static func cell(_ text: String, max: Int) -> String {
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

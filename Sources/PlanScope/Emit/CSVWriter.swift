/// Renders the flat exports (`documents.csv`, `targets.csv`, `responsibilities.csv`,
/// `deadlines.csv`): one row per fact with the document's key, jurisdiction and title. The
/// columns are those of `ExportTables` that are in the CSV layer.
///
/// RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled.
/// UTF-8 with a byte-order mark so spreadsheet programs read the Chinese text correctly.
public struct CSVWriter: Sendable {
  private let groups: ComparisonLexicon?

  /// Creates a writer; `groups` fills the `indicator_family` and `function` columns (left
  /// empty without it).
  public init(groups: ComparisonLexicon? = nil) { self.groups = groups }

  /// The file names of the exports, in the order `write` returns them.
  public static let fileNames = ExportTables.csv.compactMap(\.csvName)

  /// The columns of each export, in `fileNames` order.
  private static let columns = ExportTables.csv.map { $0.columnIndexes(in: .csv) }

  /// Every export, by file name.
  public func write(_ dataset: Dataset) -> [(name: String, text: String)] {
    var texts = Self.headerLines
    for record in dataset.documents {
      for (index, lines) in lines(ExportRecord(record, groups: groups)).enumerated() {
        texts[index] += lines
      }
    }
    return Array(zip(Self.fileNames, texts))
  }

  /// The header line of each export (with the byte-order mark), in `fileNames` order.
  public static let headerLines = zip(ExportTables.csv, columns).map { table, columns in
    var text = CSVText(text: "\u{FEFF}")
    for index in columns { text.field(table.columns[index].name) }
    text.endLine()
    return text.text
  }

  /// One record's lines for each export, in `fileNames` order.
  public func lines(_ record: DocumentRecord) -> [String] {
    lines(ExportRecord(record, groups: groups))
  }

  /// One record's lines for each export, in `fileNames` order.
  package func lines(_ record: ExportRecord) -> [String] {
    zip(ExportTables.csv, Self.columns).map { table, columns in
      var text = CSVText()
      for row in table.cells(record) {
        for index in columns { text.field(row[index]) }
        text.endLine()
      }
      return text.text
    }
  }

  /// `documents.csv`.
  public func documents(_ dataset: Dataset) -> String { export(0, dataset) }

  /// `targets.csv`.
  public func targets(_ dataset: Dataset) -> String { export(1, dataset) }

  /// `responsibilities.csv`: one row per department of a task.
  public func responsibilities(_ dataset: Dataset) -> String { export(2, dataset) }

  /// `deadlines.csv`.
  public func deadlines(_ dataset: Dataset) -> String { export(3, dataset) }

  private func export(_ index: Int, _ dataset: Dataset) -> String {
    Self.headerLines[index] + dataset.documents.map { lines($0)[index] }.joined()
  }

  // MARK: - RFC 4180

  /// One field, quoted when it holds a comma, quote or line break.
  static func field(_ value: String) -> String {
    // UTF-8 bytes, not Characters: "\r\n" is one Character and would slip past a Character
    // test, and an ASCII byte never occurs inside a multi-byte scalar.
    guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
    else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// The text of one export being built, a field at a time.
private struct CSVText {
  var text = ""
  private var lineStarted = false

  init(text: String = "") { self.text = text }

  /// Appends a field, quoted when RFC 4180 asks for it.
  mutating func field(_ value: String) {
    if lineStarted { text += "," }
    lineStarted = true
    text += CSVWriter.field(value)
  }

  /// Appends a cell: numbers without trailing zeros, booleans as `true`/`false`, nil empty.
  mutating func field(_ cell: ExportCell) {
    switch cell {
    case .text(let value): field(value ?? "")
    case .integer(let value): field(value.map { String($0) } ?? "")
    case .real(let value): field(value.map(TargetFormatting.number) ?? "")
    case .flag(let value): field(value ? "true" : "false")
    }
  }

  /// Ends the line with CRLF.
  mutating func endLine() {
    text += "\r\n"
    lineStarted = false
  }
}

/// Renders the flat exports (`targets.csv`, `responsibilities.csv`, `deadlines.csv`,
/// `documents.csv`): one row per fact with the document's id, jurisdiction and title.
///
/// RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled.
/// UTF-8 with a byte-order mark so spreadsheet programs read the Chinese text correctly.
public struct CSVWriter: Sendable {
  /// Creates a writer.
  public init() {}

  /// The file names of the exports, in the order `write` returns them.
  public static let fileNames = [
    "documents.csv", "targets.csv", "responsibilities.csv", "deadlines.csv",
  ]

  /// Every export, by file name.
  public func write(_ dataset: Dataset) -> [(name: String, text: String)] {
    var texts = Self.headerLines
    for record in dataset.documents {
      for (index, lines) in lines(record).enumerated() { texts[index] += lines }
    }
    return Array(zip(Self.fileNames, texts))
  }

  /// The header line of each export (with the byte-order mark), in `fileNames` order.
  public static let headerLines = headers.map { header in
    var text = CSVText(text: "\u{FEFF}")
    for name in header { text.field(name) }
    text.endLine()
    return text.text
  }

  private static let headers: [[String]] = [
    [
      "document_id", "path", "sha256", "format", "encoding", "title", "jurisdiction",
      "period_start", "period_end", "doc_number", "issued", "issuers", "script", "tasks",
      "targets", "deadlines", "warnings",
    ],
    documentColumns + [
      "target_id", "path", "indicator", "value", "value_max", "unit", "comparator", "change",
      "baseline_year", "target_year", "scope", "stretch", "quote", "span_start", "span_end",
    ],
    documentColumns + ["task_id", "path", "task_title", "department", "canonical", "role"],
    documentColumns + [
      "deadline_id", "path", "text", "kind", "date", "start", "duration", "anchor",
      "recurrence", "span_start", "span_end",
    ],
  ]

  /// One record's lines for each export, in `fileNames` order. Fields are appended to each
  /// export's text in place: no row arrays, and the document's cells are rendered once.
  public func lines(_ record: DocumentRecord) -> [String] {
    var documents = CSVText()
    for field in [
      record.id, record.source.path, record.source.sha256, record.source.format.rawValue,
      record.source.encoding ?? "", record.title ?? "", record.jurisdiction ?? "",
    ] {
      documents.field(field)
    }
    documents.field(record.period?.start)
    documents.field(record.period?.end)
    for field in [
      record.docNumber ?? "", record.issued ?? "", record.issuers.joined(separator: "；"),
      record.script.rawValue,
    ] {
      documents.field(field)
    }
    for count in [record.tasks.count, record.targets.count, record.deadlines.count] {
      documents.field(count)
    }
    documents.field(record.warnings.count)
    documents.endLine()

    var cells = CSVText()
    for field in [record.id, record.jurisdiction ?? "", record.title ?? ""] { cells.field(field) }
    let prefix = cells.text

    var targets = CSVText()
    for target in record.targets {
      targets.start(after: prefix)
      for field in [
        target.id, target.path.joined(), target.indicator, TargetFormatting.number(target.value),
        target.valueMax.map(TargetFormatting.number) ?? "", target.unit,
        target.comparator.rawValue, target.change.rawValue,
      ] {
        targets.field(field)
      }
      targets.field(target.baselineYear)
      targets.field(target.targetYear)
      for field in [target.scope ?? "", target.stretch ? "true" : "false", target.quote] {
        targets.field(field)
      }
      targets.field(target.span.start)
      targets.field(target.span.end)
      targets.endLine()
    }

    var responsibilities = CSVText()
    for task in record.tasks {
      let path = task.path.joined()
      for department in task.departments {
        responsibilities.start(after: prefix)
        for field in [
          task.id, path, task.title, department.name, department.canonical ?? "",
          department.role.rawValue,
        ] {
          responsibilities.field(field)
        }
        responsibilities.endLine()
      }
    }

    var deadlines = CSVText()
    for deadline in record.deadlines {
      deadlines.start(after: prefix)
      for field in [
        deadline.id, deadline.path.joined(), deadline.text, deadline.kind.rawValue,
        deadline.date ?? "", deadline.start ?? "", deadline.duration ?? "",
        deadline.anchor ?? "", deadline.recurrence ?? "",
      ] {
        deadlines.field(field)
      }
      deadlines.field(deadline.span.start)
      deadlines.field(deadline.span.end)
      deadlines.endLine()
    }
    return [documents.text, targets.text, responsibilities.text, deadlines.text]
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

  private static let documentColumns = ["document_id", "jurisdiction", "title"]

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

  /// Starts a line with `prefix`, fields already rendered (and separated).
  mutating func start(after prefix: String) {
    text += prefix
    lineStarted = true
  }

  /// Appends a field, quoted when RFC 4180 asks for it.
  mutating func field(_ value: String) {
    if lineStarted { text += "," }
    lineStarted = true
    text += CSVWriter.field(value)
  }

  /// Appends a number, or an empty field for nil.
  mutating func field(_ value: Int?) { field(value.map { String($0) } ?? "") }

  /// Ends the line with CRLF.
  mutating func endLine() {
    text += "\r\n"
    lineStarted = false
  }
}

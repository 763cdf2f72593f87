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
    var texts = Self.fileNames.indices.map { Self.line(Self.headers[$0], first: true) }
    for record in dataset.documents {
      for (index, rows) in rows(record).enumerated() {
        texts[index] += rows.map { Self.line($0) }.joined()
      }
    }
    return Array(zip(Self.fileNames, texts))
  }

  /// The header line of each export (with the byte-order mark), in `fileNames` order.
  public static let headerLines = headers.map { line($0, first: true) }

  /// One record's lines for each export, in `fileNames` order.
  public func lines(_ record: DocumentRecord) -> [String] {
    rows(record).map { $0.map { Self.line($0) }.joined() }
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

  private func rows(_ record: DocumentRecord) -> [[[String]]] {
    [
      [
        [
          record.id, record.source.path, record.source.sha256, record.source.format.rawValue,
          record.source.encoding ?? "", record.title ?? "", record.jurisdiction ?? "",
          record.period.map { String($0.start) } ?? "", record.period.map { String($0.end) } ?? "",
          record.docNumber ?? "", record.issued ?? "", record.issuers.joined(separator: "；"),
          record.script.rawValue, String(record.tasks.count), String(record.targets.count),
          String(record.deadlines.count), String(record.warnings.count),
        ]
      ],
      record.targets.map { target in
        Self.documentCells(record) + [
          target.id, target.path.joined(), target.indicator,
          TargetFormatting.number(target.value),
          target.valueMax.map(TargetFormatting.number) ?? "", target.unit,
          target.comparator.rawValue, target.change.rawValue,
          target.baselineYear.map(String.init) ?? "", target.targetYear.map(String.init) ?? "",
          target.scope ?? "", target.stretch ? "true" : "false", target.quote,
          String(target.span.start), String(target.span.end),
        ]
      },
      record.tasks.flatMap { task in
        task.departments.map { department in
          Self.documentCells(record) + [
            task.id, task.path.joined(), task.title, department.name, department.canonical ?? "",
            department.role.rawValue,
          ]
        }
      },
      record.deadlines.map { deadline in
        Self.documentCells(record) + [
          deadline.id, deadline.path.joined(), deadline.text, deadline.kind.rawValue,
          deadline.date ?? "", deadline.start ?? "", deadline.duration ?? "",
          deadline.anchor ?? "", deadline.recurrence ?? "",
          String(deadline.span.start), String(deadline.span.end),
        ]
      },
    ]
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

  private static func documentCells(_ record: DocumentRecord) -> [String] {
    [record.id, record.jurisdiction ?? "", record.title ?? ""]
  }

  /// One CSV line with CRLF; the first line of a file starts with the byte-order mark.
  private static func line(_ row: [String], first: Bool = false) -> String {
    var line = first ? "\u{FEFF}" : ""
    for (index, value) in row.enumerated() {
      if index > 0 { line.append(",") }
      line.append(field(value))
    }
    line.append("\r\n")
    return line
  }

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

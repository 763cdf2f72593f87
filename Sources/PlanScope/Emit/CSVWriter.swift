/// Renders the flat exports (`targets.csv`, `responsibilities.csv`, `deadlines.csv`,
/// `documents.csv`): one row per fact with the document's id, jurisdiction and title.
///
/// RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled.
/// UTF-8 with a byte-order mark so spreadsheet programs read the Chinese text correctly.
public struct CSVWriter: Sendable {
  /// Creates a writer.
  public init() {}

  /// Every export, by file name.
  public func write(_ dataset: Dataset) -> [(name: String, text: String)] {
    [
      ("documents.csv", documents(dataset)), ("targets.csv", targets(dataset)),
      ("responsibilities.csv", responsibilities(dataset)), ("deadlines.csv", deadlines(dataset)),
    ]
  }

  /// `documents.csv`.
  public func documents(_ dataset: Dataset) -> String {
    table(
      [
        "document_id", "path", "sha256", "format", "encoding", "title", "jurisdiction",
        "period_start",
        "period_end", "doc_number", "issued", "issuers", "script", "tasks", "targets", "deadlines",
        "warnings",
      ],
      dataset.documents.map { record in
        [
          record.id, record.source.path, record.source.sha256, record.source.format.rawValue,
          record.source.encoding ?? "", record.title ?? "", record.jurisdiction ?? "",
          record.period.map { String($0.start) } ?? "", record.period.map { String($0.end) } ?? "",
          record.docNumber ?? "", record.issued ?? "", record.issuers.joined(separator: "；"),
          record.script.rawValue, String(record.tasks.count), String(record.targets.count),
          String(record.deadlines.count), String(record.warnings.count),
        ]
      })
  }

  /// `targets.csv`.
  public func targets(_ dataset: Dataset) -> String {
    table(
      Self.documentColumns + [
        "target_id", "path", "indicator", "value", "value_max", "unit", "comparator",
        "change", "baseline_year", "target_year", "scope", "stretch", "quote", "span_start",
        "span_end",
      ],
      dataset.documents.flatMap { record in
        record.targets.map { target in
          Self.documentCells(record) + [
            target.id, target.path.joined(), target.indicator,
            TargetFormatting.number(target.value),
            target.valueMax.map(TargetFormatting.number) ?? "", target.unit,
            target.comparator.rawValue,
            target.change.rawValue, target.baselineYear.map(String.init) ?? "",
            target.targetYear.map(String.init) ?? "", target.scope ?? "",
            target.stretch ? "true" : "false",
            target.quote, String(target.span.start), String(target.span.end),
          ]
        }
      })
  }

  /// `responsibilities.csv`: one row per department of a task.
  public func responsibilities(_ dataset: Dataset) -> String {
    table(
      Self.documentColumns + ["task_id", "path", "task_title", "department", "canonical", "role"],
      dataset.documents.flatMap { record in
        record.tasks.flatMap { task in
          task.departments.map { department in
            Self.documentCells(record) + [
              task.id, task.path.joined(), task.title, department.name, department.canonical ?? "",
              department.role.rawValue,
            ]
          }
        }
      })
  }

  /// `deadlines.csv`.
  public func deadlines(_ dataset: Dataset) -> String {
    table(
      Self.documentColumns + [
        "deadline_id", "path", "text", "kind", "date", "start", "duration", "anchor",
        "recurrence", "span_start", "span_end",
      ],
      dataset.documents.flatMap { record in
        record.deadlines.map { deadline in
          Self.documentCells(record) + [
            deadline.id, deadline.path.joined(), deadline.text, deadline.kind.rawValue,
            deadline.date ?? "",
            deadline.start ?? "", deadline.duration ?? "", deadline.anchor ?? "",
            deadline.recurrence ?? "",
            String(deadline.span.start), String(deadline.span.end),
          ]
        }
      })
  }

  // MARK: - RFC 4180

  private static let documentColumns = ["document_id", "jurisdiction", "title"]

  private static func documentCells(_ record: DocumentRecord) -> [String] {
    [record.id, record.jurisdiction ?? "", record.title ?? ""]
  }

  private func table(_ header: [String], _ rows: [[String]]) -> String {
    var text = "\u{FEFF}"
    for row in [header] + rows {
      text += row.map(Self.field).joined(separator: ",") + "\r\n"
    }
    return text
  }

  /// One field, quoted when it holds a comma, quote or line break.
  static func field(_ value: String) -> String {
    // Scalars, not Characters: "\r\n" is one Character and would slip past a Character test.
    guard
      value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
    else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// The flat tables of a dataset, one column list per fact type: `CSVWriter` and
/// `DatasetSQLiteBuilder` both derive their headers, schema and rows from here, so a new
/// field is one line in one table.
///
/// Every table starts with `document_key` (`DocumentRecord.key`, the same name in the JSON, the
/// CSV files and the database); fact tables carry the document's `jurisdiction` so a
/// researcher filters without a join. Some columns are for one layer only: the plan's title
/// repeats in each CSV row (a spreadsheet has no joins), while the database has row keys and
/// foreign keys instead.
package enum ExportTables {
  /// The tables in the order the database creates them (referenced tables first).
  static let all: [AnyExportTable] = [
    AnyExportTable(documents), AnyExportTable(issuers), AnyExportTable(tasks),
    AnyExportTable(responsibilities), AnyExportTable(targets), AnyExportTable(deadlines),
    AnyExportTable(warnings),
  ]

  /// The tables exported as CSV, in `CSVWriter.fileNames` order.
  static let csv = all.filter { $0.csvName != nil }

  /// `documents`: one row per plan.
  static let documents = ExportTable<ExportRecord>(
    name: "documents", csvName: "documents.csv",
    columns: [
      .init("document_key", .text, "PRIMARY KEY") { .text($0.key) },
      .init("id", .text, "NOT NULL") { .text($0.record.id) },
      .init("path", .text, "NOT NULL UNIQUE") { .text($0.record.source.path) },
      .init("sha256", .text, "NOT NULL") { .text($0.record.source.sha256) },
      .init("format", .text, "NOT NULL") { .text($0.record.source.format.rawValue) },
      .init("encoding", .text) { .text($0.record.source.encoding) },
      .init("title", .text) { .text($0.record.title) },
      .init("jurisdiction", .text) { .text($0.record.jurisdiction) },
      .init("period_start", .integer) { .integer($0.record.period?.start) },
      .init("period_end", .integer) { .integer($0.record.period?.end) },
      .init("doc_number", .text) { .text($0.record.docNumber) },
      .init("issued", .text) { .text($0.record.issued) },
      .init("issuers", .text) { .text($0.record.issuers.joined(separator: "；")) },
      .init("script", .text, "NOT NULL") { .text($0.record.script.rawValue) },
      .init("duplicate_of", .text, "REFERENCES documents(document_key)") {
        .text($0.duplicateOf)
      },
      .init("tasks", .integer, "NOT NULL") { .integer($0.record.tasks.count) },
      .init("targets", .integer, "NOT NULL") { .integer($0.record.targets.count) },
      .init("deadlines", .integer, "NOT NULL") { .integer($0.record.deadlines.count) },
      .init("warnings", .integer, "NOT NULL") { .integer($0.record.warnings.count) },
    ],
    rows: { [$0] })

  /// `issuers`: the issuing bodies of each plan, in order (database only; the CSV joins
  /// them into `documents.issuers`).
  static let issuers = ExportTable<ExportRow<(position: Int, name: String)>>(
    name: "issuers", csvName: nil,
    columns: documentColumns(jurisdiction: false) + [
      .init("position", .integer, "NOT NULL") { .integer($0.fact.position) },
      .init("name", .text, "NOT NULL") { .text($0.fact.name) },
    ],
    constraints: ["PRIMARY KEY (document_key, position)"],
    rows: { record in
      record.record.issuers.enumerated().map { ExportRow(record, ($0.offset, $0.element)) }
    })

  /// `tasks`: every numbered heading or item (database only).
  static let tasks = ExportTable<ExportRow<PlanTask>>(
    name: "tasks", csvName: nil,
    columns: [
      .init("task_key", .text, "PRIMARY KEY") { .text($0.factKey($0.fact.id)) }
    ] + documentColumns() + [
      .init("task_id", .text, "NOT NULL") { .text($0.fact.id) },
      .init("path", .text, "NOT NULL") { .text($0.fact.path.joined()) },
      .init("title", .text, "NOT NULL") { .text($0.fact.title) },
      .init("span_start", .integer) { .integer($0.fact.span.start) },
      .init("span_end", .integer) { .integer($0.fact.span.end) },
    ],
    rows: { record in record.record.tasks.map { ExportRow(record, $0) } })

  /// `responsibilities`: one row per department of a task, with the department's function.
  static let responsibilities = ExportTable<ExportRow<(task: PlanTask, department: Responsibility)>>(
    name: "responsibilities", csvName: "responsibilities.csv",
    columns: documentColumns() + [
      .init("task_key", .text, "NOT NULL REFERENCES tasks(task_key)", layers: .sqlite) {
        .text($0.factKey($0.fact.task.id))
      },
      .init("task_id", .text, "NOT NULL") { .text($0.fact.task.id) },
      .init("path", .text, "NOT NULL") { .text($0.fact.task.path.joined()) },
      .init("task_title", .text, "NOT NULL", layers: .csv) { .text($0.fact.task.title) },
      .init("department", .text, "NOT NULL") { .text($0.fact.department.name) },
      .init("canonical", .text) { .text($0.fact.department.canonical) },
      .init("function", .text) { row in .text(row.groups?.function(of: row.fact.department.name)) },
      .init("role", .text, "NOT NULL") { .text($0.fact.department.role.rawValue) },
      .init("span_start", .integer) { .integer($0.fact.department.span?.start) },
      .init("span_end", .integer) { .integer($0.fact.department.span?.end) },
    ],
    rows: { record in
      record.record.tasks.flatMap { task in
        task.departments.map { ExportRow(record, (task, $0)) }
      }
    })

  /// `targets`: every quantified target, with its indicator family and its value signed and
  /// in base units (`Target.signedValue`, `Target.normalized`).
  static let targets = ExportTable<ExportRow<Target>>(
    name: "targets", csvName: "targets.csv",
    columns: [
      .init("target_key", .text, "PRIMARY KEY", layers: .sqlite) { .text($0.factKey($0.fact.id)) }
    ] + documentColumns() + [
      .init("target_id", .text, "NOT NULL") { .text($0.fact.id) },
      .init("path", .text, "NOT NULL") { .text($0.fact.path.joined()) },
      .init("indicator", .text, "NOT NULL") { .text($0.fact.indicator) },
      .init("indicator_family", .text) { row in .text(row.groups?.family(of: row.fact.indicator)) },
      .init("value", .real, "NOT NULL") { .real($0.fact.value) },
      .init("value_max", .real) { .real($0.fact.valueMax) },
      .init("unit", .text, "NOT NULL") { .text($0.fact.unit) },
      .init("signed_value", .real, "NOT NULL") { .real($0.fact.signedValue) },
      .init("normalized_value", .real, "NOT NULL") { .real($0.fact.normalized.value) },
      .init("normalized_unit", .text, "NOT NULL") { .text($0.fact.normalized.unit) },
      .init("comparator", .text, "NOT NULL") { .text($0.fact.comparator.rawValue) },
      .init("change", .text, "NOT NULL") { .text($0.fact.change.rawValue) },
      .init("baseline_year", .integer) { .integer($0.fact.baselineYear) },
      .init("target_year", .integer) { .integer($0.fact.targetYear) },
      .init("scope", .text) { .text($0.fact.scope) },
      .init("stretch", .flag, "NOT NULL") { .flag($0.fact.stretch) },
      .init("quote", .text, "NOT NULL") { .text($0.fact.quote) },
      .init("span_start", .integer) { .integer($0.fact.span.start) },
      .init("span_end", .integer) { .integer($0.fact.span.end) },
    ],
    rows: { record in record.record.targets.map { ExportRow(record, $0) } })

  /// `deadlines`: every time limit or frame.
  static let deadlines = ExportTable<ExportRow<Deadline>>(
    name: "deadlines", csvName: "deadlines.csv",
    columns: [
      .init("deadline_key", .text, "PRIMARY KEY", layers: .sqlite) { .text($0.factKey($0.fact.id)) }
    ] + documentColumns() + [
      .init("deadline_id", .text, "NOT NULL") { .text($0.fact.id) },
      .init("path", .text, "NOT NULL") { .text($0.fact.path.joined()) },
      .init("text", .text, "NOT NULL") { .text($0.fact.text) },
      .init("kind", .text, "NOT NULL") { .text($0.fact.kind.rawValue) },
      .init("date", .text) { .text($0.fact.date) },
      .init("start", .text) { .text($0.fact.start) },
      .init("duration", .text) { .text($0.fact.duration) },
      .init("anchor", .text) { .text($0.fact.anchor) },
      .init("recurrence", .text) { .text($0.fact.recurrence) },
      .init("span_start", .integer) { .integer($0.fact.span.start) },
      .init("span_end", .integer) { .integer($0.fact.span.end) },
    ],
    rows: { record in record.record.deadlines.map { ExportRow(record, $0) } })

  /// `warnings`: damaged text, undecodable bytes, unknown structure (database only).
  static let warnings = ExportTable<ExportRow<Diagnostic>>(
    name: "warnings", csvName: nil,
    columns: documentColumns(jurisdiction: false) + [
      .init("code", .text, "NOT NULL") { .text($0.fact.code.rawValue) },
      .init("message", .text, "NOT NULL") { .text($0.fact.message) },
      .init("span_start", .integer) { .integer($0.fact.span?.start) },
      .init("span_end", .integer) { .integer($0.fact.span?.end) },
    ],
    rows: { record in record.record.warnings.map { ExportRow(record, $0) } })

  /// The columns every fact row starts with: the document's key (a foreign key in the
  /// database), its jurisdiction, and in the CSV its title.
  private static func documentColumns<Fact>(jurisdiction: Bool = true) -> [ExportColumn<
    ExportRow<Fact>
  >] {
    var columns: [ExportColumn<ExportRow<Fact>>] = [
      .init("document_key", .text, "NOT NULL REFERENCES documents(document_key)") {
        .text($0.document.key)
      }
    ]
    if jurisdiction {
      columns.append(.init("jurisdiction", .text) { .text($0.document.record.jurisdiction) })
      columns.append(.init("title", .text, layers: .csv) { .text($0.document.record.title) })
    }
    return columns
  }
}

/// A record as the exports see it: with its key, the lexicon that groups its facts (indicator
/// families, department functions; nil leaves those columns empty) and, when the same bytes
/// came earlier under another path, that document's key.
package struct ExportRecord: Sendable {
  /// The record.
  package var record: DocumentRecord
  /// `record.key`, computed once.
  package let key: String
  /// Groups indicators and departments as the comparison does.
  package var groups: ComparisonLexicon?
  /// The key of the first document (in path order) with the same bytes, if this is a copy.
  package var duplicateOf: String?

  /// Wraps `record` (a copy when the record says so, unless `duplicateOf` is given).
  package init(
    _ record: DocumentRecord, groups: ComparisonLexicon? = nil, duplicateOf: String? = nil
  ) {
    self.record = record
    key = record.key
    self.groups = groups
    self.duplicateOf = duplicateOf ?? record.duplicateOf
  }
}

/// One fact of a record, the row of a fact table.
struct ExportRow<Fact> {
  /// The record it belongs to.
  let document: ExportRecord
  /// The fact.
  let fact: Fact

  init(_ document: ExportRecord, _ fact: Fact) {
    self.document = document
    self.fact = fact
  }

  /// The lexicon grouping facts.
  var groups: ComparisonLexicon? { document.groups }

  /// A fact's key across the whole dataset: the document's key and the fact's id.
  func factKey(_ id: String) -> String { document.key + ":" + id }
}

/// One cell of an export.
enum ExportCell: Sendable {
  case text(String?)
  case integer(Int?)
  case real(Double?)
  case flag(Bool)
}

/// Which outputs a column appears in.
struct ExportLayers: OptionSet, Sendable {
  let rawValue: Int
  static let csv = ExportLayers(rawValue: 1)
  static let sqlite = ExportLayers(rawValue: 2)
  static let both: ExportLayers = [.csv, .sqlite]
}

/// A column: its name, SQL type and constraint, the layers it is in, and how a row gives
/// its cell.
struct ExportColumn<Row>: Sendable {
  enum Kind {
    case text, integer, real
    /// A boolean: `true`/`false` in CSV, 1/0 in SQLite.
    case flag

    /// The column's type in the database.
    var sqlType: String {
      switch self {
      case .text: "TEXT"
      case .integer, .flag: "INTEGER"
      case .real: "REAL"
      }
    }
  }

  let name: String
  let kind: Kind
  let constraint: String
  let layers: ExportLayers
  let cell: @Sendable (Row) -> ExportCell

  init(
    _ name: String, _ kind: Kind, _ constraint: String = "", layers: ExportLayers = .both,
    cell: @escaping @Sendable (Row) -> ExportCell
  ) {
    self.name = name
    self.kind = kind
    self.constraint = constraint
    self.layers = layers
    self.cell = cell
  }
}

/// A table: its name, CSV file (nil: database only), columns and table constraints, and the
/// rows a record gives.
struct ExportTable<Row>: Sendable {
  let name: String
  let csvName: String?
  let columns: [ExportColumn<Row>]
  var constraints: [String] = []
  let rows: @Sendable (ExportRecord) -> [Row]
}

/// A table with its row type erased: column descriptions and the cells of a record's rows.
struct AnyExportTable: Sendable {
  /// A column without its cell function.
  struct Column {
    let name: String
    let sqlType: String
    let constraint: String
    let layers: ExportLayers
  }

  let name: String
  let csvName: String?
  let columns: [Column]
  let constraints: [String]
  /// Every row of a record, each with a cell per column.
  let cells: @Sendable (ExportRecord) -> [[ExportCell]]

  init<Row>(_ table: ExportTable<Row>) {
    name = table.name
    csvName = table.csvName
    columns = table.columns.map {
      Column(
        name: $0.name, sqlType: $0.kind.sqlType,
        constraint: $0.constraint, layers: $0.layers)
    }
    constraints = table.constraints
    let cellFunctions = table.columns.map(\.cell)
    let rows = table.rows
    cells = { record in rows(record).map { row in cellFunctions.map { $0(row) } } }
  }

  /// Indexes of the columns in `layer`.
  func columnIndexes(in layer: ExportLayers) -> [Int] {
    columns.indices.filter { columns[$0].layers.contains(layer) }
  }
}

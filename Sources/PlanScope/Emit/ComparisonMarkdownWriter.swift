/// Renders the Markdown comparison across plans (`output/comparison.md`) from a dataset.
///
/// Sections: the plans with their counts; targets by indicator family (a table per family
/// found in at least two plans, a row per target); the remaining targets per plan; who leads
/// what (department functions × plans); a timeline of deadlines per plan; warnings. Returns
/// text; deterministic for a given dataset.
///
/// `write(_:)` feeds every record to a `ComparisonBuilder` that keeps its spill in memory; a
/// run (`RunWriter`) streams records through the same builder spilling to files, so the two
/// render the same bytes. This type says how one record reads in each section.
public struct ComparisonMarkdownWriter: Sendable {
  /// Groups indicators into families and departments into functions (the CSV and database
  /// exports group them the same way).
  package let lexicon: ComparisonLexicon

  /// Creates a writer.
  public init(lexicon: ComparisonLexicon) { self.lexicon = lexicon }

  /// The comparison as Markdown with a final newline.
  public func write(_ dataset: Dataset) -> String {
    var builder = ComparisonBuilder(writer: self, spill: ComparisonMemory())
    for record in dataset.documents { builder.add(record) }
    var text = ComparisonText()
    builder.render(into: &text)
    return String(decoding: text.bytes, as: UTF8.self)
  }

  /// The family an indicator is compared in.
  func family(of indicator: String) -> String { lexicon.family(of: indicator) }

  /// The function label of a department.
  func function(of department: String) -> String { lexicon.function(of: department) }

  // MARK: - Tables

  /// The plans and their counts.
  static let plansTable = MarkdownTable(
    headers: [
      "plan", "jurisdiction", "period", "targets", "tasks", "departments", "deadlines",
      "warnings",
    ],
    maxCellLength: 48)
  /// The targets of one shared indicator family.
  static let familyTable = MarkdownTable(headers: [
    "plan", "period", "indicator", "target", "year", "source",
  ])
  /// A plan's targets in no shared family.
  static let otherTable = MarkdownTable(headers: ["indicator", "target", "year", "source"])
  /// Longest cell of the who-leads-what table.
  static let leadershipCellLength = 24

  // MARK: - One record

  /// The record's row of the plans table.
  func planRow(_ record: DocumentRecord) -> String {
    let departments = Set(record.tasks.flatMap { $0.departments.map(\.name) })
    return Self.plansTable.line([
      "\(record.title ?? record.source.path) (`\(record.id)`)", record.jurisdiction ?? "–",
      Self.period(record), "\(record.targets.count)", "\(record.tasks.count)",
      "\(departments.count)", "\(record.deadlines.count)", "\(record.warnings.count)",
    ])
  }

  /// A target's row in its family's table: plan, period, indicator, target, year, source (the
  /// other-targets table drops the first two).
  func targetRow(_ record: DocumentRecord, _ target: Target) -> [String] {
    var indicator = target.indicator
    if let scope = target.scope { indicator += "（\(scope)）" }
    return [
      record.jurisdiction ?? record.title ?? record.id, Self.period(record), indicator,
      TargetFormatting.value(target), target.targetYear.map(String.init) ?? "–",
      "[\(target.id)](text/\(record.id).txt) 「\(MarkdownTable.cell(target.quote, max: 24))」",
    ]
  }

  /// The record's part of the deadlines section, or nothing when it has no deadlines.
  func deadlineLines(_ record: DocumentRecord) -> [String] {
    guard !record.deadlines.isEmpty else { return [] }
    var lines = [Self.heading(record), ""]
    let dated = record.deadlines.filter { $0.date != nil && $0.kind != .recurring }
      .sorted { ($0.date ?? "", $0.span.start) < ($1.date ?? "", $1.span.start) }
    var table = MarkdownTable(headers: ["date", "kind", "as written", "task"])
    table.rows = dated.map { [$0.date ?? "", $0.kind.rawValue, $0.text, $0.path.joined()] }
    lines += table.render()
    let relative = record.deadlines.filter { $0.kind == .relative }
    let recurring = record.deadlines.filter { $0.kind == .recurring }
    if !relative.isEmpty {
      lines += [
        "",
        "Relative: "
          + relative.map { "\($0.text) (\($0.duration ?? "?"))" }.joined(separator: "; "),
      ]
    }
    if !recurring.isEmpty {
      lines += [
        "",
        "Recurring: "
          + recurring.map { "\($0.text) (\($0.recurrence ?? "?"))" }.joined(separator: "; "),
      ]
    }
    return lines + [""]
  }

  /// The record's part of the warnings section, or nothing when it has no warnings.
  func warningLines(_ record: DocumentRecord) -> [String] {
    guard !record.warnings.isEmpty else { return [] }
    var lines = ["- **\(MarkdownTable.cell(Self.label(record), max: 60))**"]
    for warning in record.warnings {
      let at = warning.span.map { " at \($0.start)–\($0.end)" } ?? ""
      lines.append(
        "  - `\(warning.code.rawValue)`\(at): \(MarkdownTable.cell(warning.message, max: 100))")
    }
    return lines
  }

  // MARK: - Labels

  /// A heading naming one plan: `### 天津市 2023–2025`.
  static func heading(_ record: DocumentRecord) -> String {
    "### \(MarkdownTable.cell(label(record), max: 60))"
  }

  /// A heading naming one indicator family.
  static func heading(family: String) -> String {
    "### \(MarkdownTable.cell(family, max: 60))"
  }

  /// The plan period as `2023–2025`, or `–`.
  static func period(_ record: DocumentRecord) -> String {
    record.period.map { "\($0.start)–\($0.end)" } ?? "–"
  }

  /// How sections name a plan: jurisdiction (else title, else path) and period, `天津市 2023–2025`.
  static func label(_ record: DocumentRecord) -> String {
    let name = record.jurisdiction ?? record.title ?? record.source.path
    return record.period.map { "\(name) \($0.start)–\($0.end)" } ?? name
  }
}

/// Renders the Markdown comparison across plans (`output/comparison.md`) from a dataset.
///
/// Sections: the plans with their counts (a copy, the same bytes as an earlier plan, listed
/// once and its facts not counted again); at a glance (indicator families × jurisdictions);
/// targets by indicator family (a table per family found in at least two plans, a row per
/// target, quotes linked into the plan's text); the remaining targets per plan; who leads what
/// (plans × department functions); a timeline of deadlines per plan; warnings. Returns text;
/// deterministic for a given dataset. `writeHTML(_:)` renders the same aggregates as a page
/// with a bar chart per family.
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
    var builder = builder(dataset)
    var text = ComparisonText()
    builder.render(into: &text)
    return String(decoding: text.bytes, as: UTF8.self)
  }

  /// The comparison as one self-contained HTML page (`comparison.html`), from the same
  /// aggregates as `write(_:)`.
  public func writeHTML(_ dataset: Dataset) -> String {
    var builder = builder(dataset)
    var text = ComparisonText()
    builder.renderHTML(into: &text)
    return String(decoding: text.bytes, as: UTF8.self)
  }

  /// A builder fed every record of `dataset`, a record whose bytes (`source.sha256`) came
  /// earlier added as a copy of that one, as a run adds it.
  private func builder(_ dataset: Dataset) -> ComparisonBuilder<ComparisonMemory> {
    var builder = ComparisonBuilder(writer: self, spill: ComparisonMemory())
    var firstWithContent: [String: String] = [:]
    for record in dataset.documents {
      let original = firstWithContent[record.source.sha256]
      if original == nil { firstWithContent[record.source.sha256] = record.key }
      builder.add(record, copyOf: original)
    }
    return builder
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
    maxCellLength: 80)
  /// Headers of the targets of one shared indicator family.
  static let familyHeaders = [
    "plan", "period", "indicator", "target", "year", "source", "quote",
  ]
  /// Headers of a plan's targets in no shared family.
  static let otherHeaders = ["indicator", "target", "year", "source", "quote"]
  /// Longest plan label in a table cell or heading.
  static let labelLength = 80
  /// Longest quote in a table cell.
  static let quoteLength = 120
  /// Longest cell of the at-a-glance matrix and the who-leads-what table.
  static let matrixCellLength = 40

  // MARK: - One record

  /// A plan's row of the plans table; a copy is listed with the key of its original instead
  /// of counts (its facts are counted once, under the original).
  static func planRow(_ plan: ComparisonPlan) -> String {
    let name = "\(plan.title) (`\(plan.key)`)"
    guard let original = plan.copyOf else {
      return plansTable.line(
        [name, plan.jurisdiction ?? "–", plan.period] + plan.counts.map(String.init))
    }
    return plansTable.line(
      [name + ", a copy of `\(original)`", plan.jurisdiction ?? "–", plan.period]
        + plan.counts.map { _ in "–" })
  }

  /// A target's row in its family's table: plan, period, indicator, target, year, source,
  /// quote (the other-targets table drops the first two).
  static func targetRow(_ target: ComparisonTarget, withPlan: Bool) -> String {
    var cells: [String] = []
    if withPlan {
      cells += [MarkdownTable.cell(target.plan, max: labelLength), target.period]
    }
    cells += [
      MarkdownTable.cell(target.indicator, max: 40), target.value, target.year,
      "[\(MarkdownTable.cell(target.id, max: .max))](\(target.link))",
      "「\(MarkdownTable.cell(target.quote, max: quoteLength))」",
    ]
    return "| " + cells.joined(separator: " | ") + " |"
  }

  /// `text/<key>.txt#:~:text=…`: the plan's text, scrolled to the quote and highlighted by
  /// browsers that support text fragments. The whole quote: a fragment's `start,end` form
  /// only matches at word boundaries, which a cut through Chinese text seldom is.
  static func link(key: String, quote: String) -> String {
    "text/\(key).txt" + (quote.isEmpty ? "" : "#:~:text=" + percentEncoded(quote))
  }

  /// Role counts as a cell of the who-leads-what table: `L1 S2 R0`.
  static func roles(_ counts: [Int]) -> String {
    "L\(counts[0]) S\(counts[1]) R\(counts[2])"
  }

  /// Text percent-encoded for a text fragment: everything but ASCII letters, digits and
  /// `._~` (a `-`, `,` or `&` would end or split the fragment).
  static func percentEncoded(_ text: String) -> String {
    // Built as bytes: appending scalars to a String one by one was a quarter of a run that
    // rendered the comparison of 2,000 plans.
    var encoded: [UInt8] = []
    encoded.reserveCapacity(text.utf8.count * 3)
    for byte in text.utf8 {
      switch byte {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x5F, 0x7E:
        encoded.append(byte)
      default:
        encoded.append(0x25)
        encoded.append(hexDigits[Int(byte >> 4)])
        encoded.append(hexDigits[Int(byte & 0x0F)])
      }
    }
    return String(decoding: encoded, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789ABCDEF".utf8)

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
    var lines = ["- **\(MarkdownTable.cell(Self.label(record), max: Self.labelLength))**"]
    for warning in record.warnings {
      let at = warning.span.map { " at \($0.start)–\($0.end)" } ?? ""
      lines.append(
        "  - `\(warning.code.rawValue)`\(at): \(MarkdownTable.cell(warning.message, max: 100))")
    }
    return lines
  }

  // MARK: - Labels

  /// A heading naming one plan: `### 天津市清洁生产推行工作方案（2023-2025年） · 天津市`.
  static func heading(_ record: DocumentRecord) -> String { heading(label: label(record)) }

  /// A heading naming a plan or an indicator family.
  static func heading(label: String) -> String {
    "### \(MarkdownTable.cell(label, max: labelLength))"
  }

  /// The plan period as `2023–2025`, or `–`.
  static func period(_ record: DocumentRecord) -> String {
    record.period.map { "\($0.start)–\($0.end)" } ?? "–"
  }

  /// How sections name a plan: its title (else its path) and jurisdiction,
  /// `天津市清洁生产推行工作方案（2023-2025年） · 天津市`.
  static func label(_ record: DocumentRecord) -> String {
    let title = record.title ?? record.source.path
    return record.jurisdiction.map { "\(title) · \($0)" } ?? title
  }
}

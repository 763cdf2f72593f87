/// A plan as the comparison lists it: one entry of the `.plans` stream.
struct ComparisonPlan: Equatable {
  /// How the comparison names the plan: title and jurisdiction (`ComparisonMarkdownWriter.label`).
  var label: String
  /// The title, else the path.
  var title: String
  /// `DocumentRecord.key`: its texts are `text/<key>.txt`.
  var key: String
  /// The jurisdiction, if known.
  var jurisdiction: String?
  /// The period as `2023–2025`, or `–`.
  var period: String
  /// Targets, tasks, departments, deadlines, warnings.
  var counts: [Int]
  /// The key of the earlier plan with the same bytes, if this one is a copy.
  var copyOf: String?

  /// The plan of a record.
  init(_ record: DocumentRecord, copyOf: String?) {
    label = ComparisonMarkdownWriter.label(record)
    title = record.title ?? record.source.path
    key = record.key
    jurisdiction = record.jurisdiction
    period = ComparisonMarkdownWriter.period(record)
    let departments = Set(record.tasks.flatMap { $0.departments.map(\.name) })
    counts = [
      record.targets.count, record.tasks.count, departments.count, record.deadlines.count,
      record.warnings.count,
    ]
    self.copyOf = copyOf
  }

  /// Reads a plan back from its entry.
  init(_ entry: inout ComparisonEntry) {
    label = entry.string()
    title = entry.string()
    key = entry.string()
    let jurisdiction = entry.string()
    self.jurisdiction = jurisdiction.isEmpty ? nil : jurisdiction
    period = entry.string()
    counts = (0..<5).map { _ in entry.int() }
    let copyOf = entry.string()
    self.copyOf = copyOf.isEmpty ? nil : copyOf
  }

  /// The plan as an entry.
  var entry: ComparisonEntry {
    var entry = ComparisonEntry()
    for text in [label, title, key, jurisdiction ?? "", period] { entry.append(text) }
    for count in counts { entry.append(count) }
    entry.append(copyOf ?? "")
    return entry
  }
}

/// A target as the comparison shows it: spilled with its record to `.targets`, regrouped by
/// indicator family and unit into `.grouped`.
struct ComparisonTarget: Equatable {
  /// The plan's label (title and jurisdiction).
  var plan: String
  /// The plan's title, else its path.
  var title: String
  /// The plan's key.
  var key: String
  /// The plan's jurisdiction, if known.
  var jurisdiction: String?
  /// The plan's period, `2023–2025` or `–`.
  var period: String
  /// The indicator as written, with its scope: `新增充电桩（规模以上）`.
  var indicator: String
  /// The value as a reader expects it: `≥85%`, `−4.62万吨（较2020年）`.
  var value: String
  /// The target year, or `–`.
  var year: String
  /// The target's id in its document (`g/一、#1`).
  var id: String
  /// The quoted text.
  var quote: String
  /// The signed value in base units (`Target.normalized`): what a chart's bar measures.
  var amount: Double

  /// The comparison's view of one target of a record.
  init(_ record: DocumentRecord, _ target: Target) {
    plan = ComparisonMarkdownWriter.label(record)
    title = record.title ?? record.source.path
    key = record.key
    jurisdiction = record.jurisdiction
    period = ComparisonMarkdownWriter.period(record)
    indicator = target.indicator + (target.scope.map { "（\($0)）" } ?? "")
    value = TargetFormatting.value(target)
    year = target.targetYear.map(String.init) ?? "–"
    id = target.id
    quote = target.quote
    amount = target.normalized.value
  }

  /// Reads a target back from its entry.
  init(_ entry: inout ComparisonEntry) {
    plan = entry.string()
    title = entry.string()
    key = entry.string()
    let jurisdiction = entry.string()
    self.jurisdiction = jurisdiction.isEmpty ? nil : jurisdiction
    period = entry.string()
    indicator = entry.string()
    value = entry.string()
    year = entry.string()
    id = entry.string()
    quote = entry.string()
    amount = entry.double()
  }

  /// The target as an entry.
  var entry: ComparisonEntry {
    var entry = ComparisonEntry()
    for text in [plan, title, key, jurisdiction ?? "", period, indicator, value, year, id, quote] {
      entry.append(text)
    }
    entry.append(amount)
    return entry
  }

  /// The link to the quote in the plan's text (`ComparisonMarkdownWriter.link`).
  var link: String { ComparisonMarkdownWriter.link(key: key, quote: quote) }
}

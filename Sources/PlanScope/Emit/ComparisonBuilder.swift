/// Builds `comparison.md` from records streamed one at a time (sorted by path), in memory
/// that does not grow with the number of plans beyond an integer per plan id.
///
/// Each record's rows and blocks are rendered as it arrives and appended to `Spill`; memory
/// keeps aggregates per indicator family (rows, bytes, whether two plan ids have one) and per
/// department function (assignments). `render(into:)` then streams the Markdown section by
/// section, reading the spill back: shared-family rows are first regrouped by family with one
/// pass (each family's rows land at an offset known from its size), and the who-leads-what
/// table takes one pass per function. `ComparisonMarkdownWriter.write(_:)` is this builder
/// over `ComparisonMemory`, so a run and the writer render the same bytes.
struct ComparisonBuilder<Spill: ComparisonSpill> {
  /// What the comparison knows of one indicator family.
  struct Family {
    /// The family name (as first seen).
    var name: String
    /// The id of the first plan with a target in it.
    var firstPlan: String
    /// Targets in it: rows of its table.
    var rows = 0
    /// The UTF-8 size of its table rows, newlines included.
    var bytes = 0
    /// Whether a second plan id has a target in it: the family gets a table of its own.
    var shared = false
  }

  /// A department function and its assignments across all plans.
  struct Function {
    /// The function label.
    var name: String
    /// Assignments (any role) in every plan.
    var total = 0
  }

  let writer: ComparisonMarkdownWriter
  var spill: Spill
  /// Families in order of appearance; `familyIndex` finds them by name.
  var families: [Family] = []
  var familyIndex: [String: Int] = [:]
  /// Each indicator's family (a cache of lexicon look-ups).
  var indicatorFamily: [String: Int] = [:]
  /// Functions in order of appearance; `functionIndex` finds them by name.
  var functions: [Function] = []
  var functionIndex: [String: Int] = [:]
  /// Each department's function (a cache of lexicon look-ups).
  var departmentFunction: [String: Int] = [:]
  /// Records added.
  var plans = 0
  /// Records with department assignments: columns of the who-leads-what table.
  var leaderPlans = 0
  /// Their ids, and those found more than once (their counts add up, as plans are keyed by id).
  var leaderIDs = PlanIDSet()
  var repeatedLeaderIDs = Set<String>()
  /// Records with warnings.
  var warned = 0

  /// An empty builder spilling to `spill`.
  init(writer: ComparisonMarkdownWriter, spill: Spill) {
    self.writer = writer
    self.spill = spill
  }

  /// Adds the next record.
  /// - Throws: the spill's error.
  mutating func add(_ record: DocumentRecord) throws(Spill.Failure) {
    plans += 1
    try spill.append(Array((writer.planRow(record) + "\n").utf8), to: .plans)
    try addTargets(record)
    try addLeadership(record)
    let deadlines = writer.deadlineLines(record)
    if !deadlines.isEmpty { try spill.append(Self.utf8(deadlines), to: .deadlines) }
    let warnings = writer.warningLines(record)
    if !warnings.isEmpty {
      warned += 1
      try spill.append(Self.utf8(warnings), to: .warnings)
    }
  }

  /// Spills the record's heading and, per target, its family and its two table rows.
  private mutating func addTargets(_ record: DocumentRecord) throws(Spill.Failure) {
    guard !record.targets.isEmpty else { return }
    var entry = ComparisonEntry()
    entry.append(ComparisonMarkdownWriter.heading(record))
    entry.append(record.targets.count)
    for target in record.targets {
      let family = family(of: target.indicator, plan: record.id)
      let cells = writer.targetRow(record, target)
      let row = ComparisonMarkdownWriter.familyTable.line(cells)
      families[family].rows += 1
      families[family].bytes += row.utf8.count + 1
      if families[family].firstPlan != record.id { families[family].shared = true }
      entry.append(family)
      entry.append(row)
      entry.append(ComparisonMarkdownWriter.otherTable.line(Array(cells.dropFirst(2))))
    }
    try spill.append(entry.framed, to: .targets)
  }

  /// Spills the record's column label and its role counts per function, if it assigns any.
  private mutating func addLeadership(_ record: DocumentRecord) throws(Spill.Failure) {
    var counts: [Int: [Int]] = [:]
    for task in record.tasks {
      for department in task.departments {
        let function = function(of: department.name)
        counts[function, default: [0, 0, 0]][Self.column(department.role)] += 1
        functions[function].total += 1
      }
    }
    guard !counts.isEmpty else { return }
    leaderPlans += 1
    if !leaderIDs.insert(record.id) { repeatedLeaderIDs.insert(record.id) }
    let label = MarkdownTable.cell(
      ComparisonMarkdownWriter.label(record), max: ComparisonMarkdownWriter.leadershipCellLength)
    try spill.append(Array(" | \(label)".utf8), to: .leaderLabels)
    var entry = ComparisonEntry()
    entry.append(record.id)
    entry.append(counts.count)
    for (function, roles) in counts.sorted(by: { $0.key < $1.key }) {
      entry.append(function)
      for count in roles { entry.append(count) }
    }
    try spill.append(entry.framed, to: .leadership)
  }

  private mutating func family(of indicator: String, plan: String) -> Int {
    if let index = indicatorFamily[indicator] { return index }
    let name = writer.family(of: indicator)
    let index =
      familyIndex[name]
      ?? {
        families.append(Family(name: name, firstPlan: plan))
        familyIndex[name] = families.count - 1
        return families.count - 1
      }()
    indicatorFamily[indicator] = index
    return index
  }

  private mutating func function(of department: String) -> Int {
    if let index = departmentFunction[department] { return index }
    let name = writer.function(of: department)
    let index =
      functionIndex[name]
      ?? {
        functions.append(Function(name: name))
        functionIndex[name] = functions.count - 1
        return functions.count - 1
      }()
    departmentFunction[department] = index
    return index
  }

  /// Where a role is counted: lead, support, responsible.
  static func column(_ role: Responsibility.Role) -> Int {
    switch role {
    case .lead: 0
    case .support: 1
    case .responsible: 2
    }
  }

  /// Lines as UTF-8, each followed by a newline.
  static func utf8(_ lines: [String]) -> [UInt8] {
    var bytes: [UInt8] = []
    for line in lines {
      bytes += line.utf8
      bytes.append(0x0A)
    }
    return bytes
  }
}

/// Plan ids, held compactly: the usual 16 lowercase hex digits as one integer, others as text.
struct PlanIDSet {
  private var hex = Set<UInt64>()
  private var other = Set<String>()

  /// Inserts an id; whether it was not there yet.
  mutating func insert(_ id: String) -> Bool {
    let digits = id.utf8
    if digits.count == 16,
      digits.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
      let value = UInt64(id, radix: 16)
    {
      return hex.insert(value).inserted
    }
    return other.insert(id).inserted
  }
}

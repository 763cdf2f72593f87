/// Builds the comparison (`comparison.md`, `comparison.html`) from records streamed one at a
/// time (sorted by path), in memory that does not grow with the number of plans.
///
/// Each record's plan, targets and role counts are appended to `Spill` as it arrives; memory
/// keeps aggregates per indicator family and unit (a chart: rows, bytes, largest value), per
/// jurisdiction (the families it has targets in) and per department function (role counts).
/// A copy (the same bytes as an earlier plan) is listed as such and adds nothing else, so its
/// facts are not counted twice. `render(into:)` and `renderHTML(into:)` then stream their
/// output section by section, reading the spill back: the targets of shared families are
/// first regrouped by chart with one pass (each chart's rows land at an offset known from its
/// size). `ComparisonMarkdownWriter.write(_:)` is this builder over `ComparisonMemory`, so a
/// run and the writer render the same bytes.
struct ComparisonBuilder<Spill: ComparisonSpill> {
  /// What the comparison knows of one indicator family.
  struct Family {
    /// The family name (as first seen).
    var name: String
    /// The ordinal of the first plan with a target in it.
    var firstPlan: Int
    /// Targets in it.
    var rows = 0
    /// Whether a second plan has a target in it: the family gets a table of its own.
    var shared = false
    /// Its charts (indices into `charts`), one per unit.
    var charts: [Int] = []
  }

  /// The targets of one family in one unit: one bar chart, part of the family's table.
  struct Chart {
    /// Its family (an index into `families`).
    var family: Int
    /// The unit after normalizing (`吨` for 万吨): only such values share a scale.
    var unit: String
    /// Targets in it.
    var rows = 0
    /// The size of its spilled targets in `.grouped`.
    var bytes = 0
    /// The largest magnitude of a value in it: the full length of a bar.
    var largest = 0.0
    /// Its rows cut into blocks (`ComparisonBlocks`), and the block still open.
    var blocks: [RowBlock] = []
    var open = RowBlock()
    /// Per jurisdiction, the first values of the at-a-glance matrix and how many there are.
    var cells: [String: (shown: [String], count: Int)] = [:]
  }

  /// A run of a chart's rows rendered as one block: it ends after a row whose hash says so.
  struct RowBlock {
    var rows = 0
    /// The size of its spilled targets in `.grouped`.
    var bytes = 0
    /// A hash of its rows' fields, in order.
    var hash = FNV1a()
  }

  /// A block ends after about one row in `blockRows`.
  static var blockRows: UInt64 { 64 }

  /// A department function and its assignments across all plans.
  struct Function {
    /// The function label.
    var name: String
    /// Lead, support and responsible assignments in every plan.
    var roles = [0, 0, 0]
    /// All of them.
    var total: Int { roles.reduce(0, +) }
  }

  let writer: ComparisonMarkdownWriter
  /// The writer's look-ups, remembered across plans.
  let names: ComparisonNames
  var spill: Spill
  /// Families in order of appearance; `familyIndex` finds them by name.
  var families: [Family] = []
  var familyIndex: [String: Int] = [:]
  /// Charts in order of appearance; `chartIndex` finds them by family and unit.
  var charts: [Chart] = []
  var chartIndex: [ChartKey: Int] = [:]
  /// The families each jurisdiction has targets in (`""`: plans without one).
  var jurisdictions: [String: Set<Int>] = [:]
  /// Functions in order of appearance; `functionIndex` finds them by name.
  var functions: [Function] = []
  var functionIndex: [String: Int] = [:]
  /// Records added, copies included.
  var plans = 0
  /// Copies among them.
  var copies = 0
  /// Records with department assignments: rows of the who-leads-what table.
  var leaderPlans = 0
  /// Records with warnings.
  var warned = 0
  /// Blocks rendered by an earlier run that this rendering may copy, and where it records its
  /// own (nil: render everything, record nothing).
  var blocks: ComparisonBlocks?
  /// Whether every chart's last block is closed (`closeBlocks()`).
  var blocksClosed = false
  /// The number of the first block of each chart, counting the blocks of all charts in order.
  var firstBlock: [Int] = []
  /// Where each block's targets start in `.grouped`, once they are regrouped there (empty
  /// before; -1 for blocks that are copied and for those of families that are not shared).
  var blockOffsets: [Int] = []

  /// A chart's family and unit.
  struct ChartKey: Hashable {
    var family: Int
    var unit: String
  }

  /// An empty builder spilling to `spill`.
  init(writer: ComparisonMarkdownWriter, spill: Spill) {
    self.writer = writer
    names = ComparisonNames(writer: writer)
    self.spill = spill
  }

  /// Adds the next record; `copyOf` is the key of an earlier record with the same bytes.
  /// - Throws: the spill's error.
  mutating func add(_ record: DocumentRecord, copyOf: String? = nil) throws(Spill.Failure) {
    try add(ComparisonContribution(record, copyOf: copyOf, names: names))
  }

  /// Adds the next plan's part (worked out from its record now, or replayed from an earlier
  /// run's generation).
  /// - Throws: the spill's error.
  mutating func add(_ part: ComparisonContribution) throws(Spill.Failure) {
    plans += 1
    try spill.append(part.plan.framed, to: .plans)
    guard !part.isCopy else {
      copies += 1
      return
    }
    try addTargets(part)
    try addLeadership(part)
    if !part.deadlines.isEmpty { try spill.append(Self.utf8(part.deadlines), to: .deadlines) }
    if !part.warnings.isEmpty {
      warned += 1
      try spill.append(Self.utf8(part.warnings), to: .warnings)
    }
  }

  /// Spills the plan's label and, per target, its chart and its fields.
  private mutating func addTargets(_ part: ComparisonContribution) throws(Spill.Failure) {
    guard !part.targets.isEmpty else { return }
    var entry = ComparisonEntry()
    entry.append(part.label)
    entry.append(part.targets.count)
    for target in part.targets {
      let family = family(named: target.family)
      let chart = chart(family, unit: target.unit)
      families[family].rows += 1
      if families[family].firstPlan == 0 { families[family].firstPlan = plans }
      if families[family].firstPlan != plans { families[family].shared = true }
      charts[chart].rows += 1
      charts[chart].bytes += 8 + target.fields.bytes.count
      if target.value.isFinite {
        charts[chart].largest = max(charts[chart].largest, abs(target.value))
      }
      addRow(target.fields, chart: chart, jurisdiction: part.jurisdiction)
      jurisdictions[part.jurisdiction, default: []].insert(family)
      entry.append(chart)
      entry.append(target.fields)
    }
    try spill.append(entry.framed, to: .targets)
  }

  /// Spills the plan's label and its role counts per function, if it assigns any.
  private mutating func addLeadership(_ part: ComparisonContribution) throws(Spill.Failure) {
    var counts: [Int: [Int]] = [:]
    for assignment in part.assignments {
      let function = function(named: assignment.function)
      counts[function, default: [0, 0, 0]][assignment.role] += 1
      functions[function].roles[assignment.role] += 1
    }
    guard !counts.isEmpty else { return }
    leaderPlans += 1
    var entry = ComparisonEntry()
    entry.append(part.label)
    entry.append(part.key)
    entry.append(counts.count)
    for (function, roles) in counts.sorted(by: { $0.key < $1.key }) {
      entry.append(function)
      for count in roles { entry.append(count) }
    }
    try spill.append(entry.framed, to: .leadership)
  }

  /// Adds a target to its chart's open block (closing it when the row's hash says so) and to
  /// the chart's matrix cell of the plan's jurisdiction.
  private mutating func addRow(_ fields: ComparisonEntry, chart: Int, jurisdiction: String) {
    var row = FNV1a()
    fields.bytes.withUnsafeBufferPointer { row.add($0) }
    charts[chart].open.rows += 1
    charts[chart].open.bytes += 8 + fields.bytes.count
    charts[chart].open.hash.add(row.value)
    if (row.value >> 32) % Self.blockRows == 0 {
      charts[chart].blocks.append(charts[chart].open)
      charts[chart].open = RowBlock()
    }
    var cell = charts[chart].cells[jurisdiction] ?? ([], 0)
    if cell.shown.count < Self.matrixValues {
      var reader = fields
      // plan, title, key, jurisdiction, period, indicator: then the value as written.
      for _ in 0..<6 { _ = reader.utf8() }
      cell.shown.append(reader.string())
    }
    cell.count += 1
    charts[chart].cells[jurisdiction] = cell
  }

  /// Closes every chart's last block (once, before rendering).
  mutating func closeBlocks() {
    guard !blocksClosed else { return }
    blocksClosed = true
    for chart in charts.indices where charts[chart].open.rows > 0 {
      charts[chart].blocks.append(charts[chart].open)
      charts[chart].open = RowBlock()
    }
  }

  private mutating func family(named name: String) -> Int {
    if let index = familyIndex[name] { return index }
    families.append(Family(name: name, firstPlan: 0))
    familyIndex[name] = families.count - 1
    return families.count - 1
  }

  private mutating func chart(_ family: Int, unit: String) -> Int {
    let key = ChartKey(family: family, unit: unit)
    if let index = chartIndex[key] { return index }
    charts.append(Chart(family: family, unit: unit))
    families[family].charts.append(charts.count - 1)
    chartIndex[key] = charts.count - 1
    return charts.count - 1
  }

  private mutating func function(named name: String) -> Int {
    if let index = functionIndex[name] { return index }
    functions.append(Function(name: name))
    functionIndex[name] = functions.count - 1
    return functions.count - 1
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

/// What one plan adds to the comparison, worked out from its record alone: its row in the plans
/// table, its targets with their family and normalized unit, the function and role of each
/// department assignment, its deadline and warning lines. Names, not the builder's indexes, so
/// the same bytes can be replayed into any builder: an incremental run keeps each plan's part
/// in its generation (`.comparison`) and replays those of unchanged plans without their records.
struct ComparisonContribution {
  /// One target: its family, the unit its chart is in, its value in that unit, its fields.
  struct TargetPart {
    var family: String
    var unit: String
    var value: Double
    var fields: ComparisonEntry
  }

  /// The plan's row (`ComparisonPlan.entry`).
  var plan: ComparisonEntry
  /// Whether the plan is a copy of an earlier one (it then adds its row and nothing else).
  var isCopy: Bool
  /// Its label (title and jurisdiction), key and jurisdiction (empty when unknown).
  var label: String
  var key: String
  var jurisdiction: String
  /// Its targets, in order.
  var targets: [TargetPart] = []
  /// Each department assignment, in task order: the department's function and role column.
  var assignments: [(function: String, role: Int)] = []
  /// Its lines of the deadline timeline and of the warnings section.
  var deadlines: [String] = []
  var warnings: [String] = []

  /// The part of `record`; `copyOf` is the key of an earlier plan with the same bytes.
  init(_ record: DocumentRecord, copyOf: String?, names: ComparisonNames) {
    let writer = names.writer
    plan = ComparisonPlan(record, copyOf: copyOf).entry
    isCopy = copyOf != nil
    label = ComparisonMarkdownWriter.label(record)
    key = record.key
    jurisdiction = record.jurisdiction ?? ""
    guard !isCopy else { return }
    targets = record.targets.map { target in
      let normalized = target.normalized
      return TargetPart(
        family: names.family(of: target.indicator), unit: normalized.unit,
        value: normalized.value, fields: ComparisonTarget(record, target).entry)
    }
    for task in record.tasks {
      for department in task.departments {
        assignments.append(
          (names.function(of: department.name), ComparisonBuilder<ComparisonMemory>.column(department.role)))
      }
    }
    deadlines = writer.deadlineLines(record)
    warnings = writer.warningLines(record)
  }

  /// The part as bytes (see `init(bytes:)`).
  var bytes: [UInt8] {
    var entry = ComparisonEntry()
    entry.append(plan)
    entry.append(isCopy ? 1 : 0)
    entry.append(label)
    entry.append(key)
    entry.append(jurisdiction)
    entry.append(targets.count)
    for target in targets {
      entry.append(target.family)
      entry.append(target.unit)
      entry.append(target.value)
      entry.append(target.fields)
    }
    entry.append(assignments.count)
    for assignment in assignments {
      entry.append(assignment.function)
      entry.append(assignment.role)
    }
    for lines in [deadlines, warnings] {
      entry.append(lines.count)
      for line in lines { entry.append(line) }
    }
    return entry.bytes
  }

  /// A part read back from `bytes`; nil when they are cut short or out of range.
  init?(bytes: [UInt8]) {
    var entry = ComparisonEntry(bytes: bytes)
    plan = entry.entry()
    isCopy = entry.int() == 1
    label = entry.string()
    key = entry.string()
    jurisdiction = entry.string()
    let targetCount = entry.int()
    guard (0...bytes.count).contains(targetCount) else { return nil }
    for _ in 0..<targetCount {
      targets.append(
        TargetPart(
          family: entry.string(), unit: entry.string(), value: entry.double(),
          fields: entry.entry()))
    }
    let assignmentCount = entry.int()
    guard (0...bytes.count).contains(assignmentCount) else { return nil }
    for _ in 0..<assignmentCount {
      let function = entry.string()
      let role = entry.int()
      guard (0...2).contains(role) else { return nil }
      assignments.append((function, role))
    }
    var lines: [[String]] = []
    for _ in 0..<2 {
      let count = entry.int()
      guard (0...bytes.count).contains(count) else { return nil }
      lines.append((0..<count).map { _ in entry.string() })
    }
    deadlines = lines[0]
    warnings = lines[1]
    guard entry.isAtEnd, !entry.overrun else { return nil }
  }
}

/// The comparison's lexicon look-ups, remembered: a plan's indicators and departments mostly
/// recur across plans, and finding a family scans the family table.
final class ComparisonNames {
  /// The writer whose lexicon and lines the parts use.
  let writer: ComparisonMarkdownWriter
  private var families: [String: String] = [:]
  private var functions: [String: String] = [:]

  init(writer: ComparisonMarkdownWriter) { self.writer = writer }

  /// The family of an indicator.
  func family(of indicator: String) -> String {
    if let family = families[indicator] { return family }
    let family = writer.family(of: indicator)
    families[indicator] = family
    return family
  }

  /// The function label of a department.
  func function(of department: String) -> String {
    if let function = functions[department] { return function }
    let function = writer.function(of: department)
    functions[department] = function
    return function
  }
}

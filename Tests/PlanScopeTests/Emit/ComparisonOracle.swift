@testable import PlanScope

// The comparison renderer as it was before comparison.md was streamed (every record in memory,
// one String), kept verbatim as an oracle: the streaming builder must render the same bytes.

/// The pre-streaming comparison renderer (test oracle).
struct ComparisonOracle {
  private let lexicon: ComparisonLexicon

  /// Creates a writer.
  init(lexicon: ComparisonLexicon) { self.lexicon = lexicon }

  /// The comparison as Markdown with a final newline.
  func write(_ dataset: Dataset) -> String {
    // Each indicator and department is looked up once, not once per mention.
    var writer = self
    for record in dataset.documents {
      for target in record.targets where writer.families[target.indicator] == nil {
        writer.families[target.indicator] = lexicon.family(of: target.indicator)
      }
      for task in record.tasks {
        for department in task.departments where writer.functions[department.name] == nil {
          writer.functions[department.name] = lexicon.function(of: department.name)
        }
      }
    }
    return writer.render(dataset)
  }

  private var families: [String: String] = [:]
  private var functions: [String: String] = [:]

  private func family(of indicator: String) -> String {
    families[indicator] ?? lexicon.family(of: indicator)
  }

  private func function(of department: String) -> String {
    functions[department] ?? lexicon.function(of: department)
  }

  private func render(_ dataset: Dataset) -> String {
    var lines = ["# Plan comparison", ""]
    lines += plans(dataset)
    lines += targetFamilies(dataset)
    lines += leadership(dataset)
    lines += timelines(dataset)
    lines += warnings(dataset)
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Sections

  private func plans(_ dataset: Dataset) -> [String] {
    var table = MarkdownTable(
      headers: [
        "plan", "jurisdiction", "period", "targets", "tasks", "departments", "deadlines",
        "warnings",
      ],
      maxCellLength: 48)
    for record in dataset.documents {
      let departments = Set(record.tasks.flatMap { $0.departments.map(\.name) })
      table.rows.append([
        "\(record.title ?? record.source.path) (`\(record.id)`)", record.jurisdiction ?? "–",
        Self.period(record), "\(record.targets.count)", "\(record.tasks.count)",
        "\(departments.count)", "\(record.deadlines.count)", "\(record.warnings.count)",
      ])
    }
    return ["## Plans", ""] + table.render() + [""]
  }

  private func targetFamilies(_ dataset: Dataset) -> [String] {
    var byFamily: [String: [(DocumentRecord, Target)]] = [:]
    for record in dataset.documents {
      for target in record.targets {
        byFamily[family(of: target.indicator), default: []].append((record, target))
      }
    }
    let shared = byFamily.filter { Set($0.value.map { $0.0.id }).count >= 2 }
    var lines = ["## Targets by indicator", ""]
    if shared.isEmpty { lines += ["No indicator appears in more than one plan.", ""] }
    let size: (String) -> Int = { shared[$0]?.count ?? 0 }
    for family in shared.keys.sorted(by: { (-size($0), $0) < (-size($1), $1) }) {
      var table = MarkdownTable(headers: [
        "plan", "period", "indicator", "target", "year", "source",
      ])
      for (record, target) in shared[family] ?? [] {
        table.rows.append(row(record, target))
      }
      lines += ["### \(MarkdownTable.cell(family, max: 60))", ""] + table.render() + [""]
    }
    lines += ["## Other targets", ""]
    for record in dataset.documents {
      let own = record.targets.filter { shared[family(of: $0.indicator)] == nil }
      guard !own.isEmpty else { continue }
      var table = MarkdownTable(headers: ["indicator", "target", "year", "source"])
      table.rows = own.map { Array(row(record, $0).dropFirst(2)) }
      lines +=
        ["### \(MarkdownTable.cell(Self.label(record), max: 60))", ""] + table.render() + [""]
    }
    return lines
  }

  private func row(_ record: DocumentRecord, _ target: Target) -> [String] {
    var indicator = target.indicator
    if let scope = target.scope { indicator += "（\(scope)）" }
    return [
      record.jurisdiction ?? record.title ?? record.id, Self.period(record), indicator,
      TargetFormatting.value(target), target.targetYear.map(String.init) ?? "–",
      "[\(target.id)](text/\(record.id).txt) 「\(MarkdownTable.cell(target.quote, max: 24))」",
    ]
  }

  private func leadership(_ dataset: Dataset) -> [String] {
    var counts: [String: [String: [Responsibility.Role: Int]]] = [:]
    for record in dataset.documents {
      for task in record.tasks {
        for department in task.departments {
          counts[function(of: department.name), default: [:]][record.id, default: [:]][
            department.role, default: 0] += 1
        }
      }
    }
    guard !counts.isEmpty else {
      return ["## Who leads what", "", "No department assignments found.", ""]
    }
    let plans = dataset.documents.filter { record in
      record.tasks.contains { !$0.departments.isEmpty }
    }
    var table = MarkdownTable(headers: ["function"] + plans.map(Self.label), maxCellLength: 24)
    let total: (String) -> Int = { function in
      counts[function]?.values.reduce(0) { $0 + $1.values.reduce(0, +) } ?? 0
    }
    for function in counts.keys.sorted(by: { (-total($0), $0) < (-total($1), $1) }) {
      table.rows.append(
        [function]
          + plans.map { plan in
            guard let roles = counts[function]?[plan.id] else { return "–" }
            return "L\(roles[.lead] ?? 0) S\(roles[.support] ?? 0) R\(roles[.responsible] ?? 0)"
          })
    }
    return [
      "## Who leads what", "",
      "Tasks per department function: L lead (牵头), S support (配合), R responsible (负责).", "",
    ]
      + table.render() + [""]
  }

  private func timelines(_ dataset: Dataset) -> [String] {
    var lines = ["## Deadlines", ""]
    for record in dataset.documents where !record.deadlines.isEmpty {
      lines += ["### \(MarkdownTable.cell(Self.label(record), max: 60))", ""]
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
      lines.append("")
    }
    return lines
  }

  private func warnings(_ dataset: Dataset) -> [String] {
    var lines = ["## Warnings", ""]
    let flagged = dataset.documents.filter { !$0.warnings.isEmpty }
    if flagged.isEmpty { return lines + ["None.", ""] }
    for record in flagged {
      lines.append("- **\(MarkdownTable.cell(Self.label(record), max: 60))**")
      for warning in record.warnings {
        let at = warning.span.map { " at \($0.start)–\($0.end)" } ?? ""
        lines.append(
          "  - `\(warning.code.rawValue)`\(at): \(MarkdownTable.cell(warning.message, max: 100))")
      }
    }
    return lines + [""]
  }

  // MARK: - Labels

  static func period(_ record: DocumentRecord) -> String {
    record.period.map { "\($0.start)–\($0.end)" } ?? "–"
  }

  static func label(_ record: DocumentRecord) -> String {
    let name = record.jurisdiction ?? record.title ?? record.source.path
    return record.period.map { "\(name) \($0.start)–\($0.end)" } ?? name
  }
}

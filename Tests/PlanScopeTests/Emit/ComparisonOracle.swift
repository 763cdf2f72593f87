@testable import PlanScope

// A plain in-memory renderer of comparison.md (every record in memory, one String), written
// apart from the streaming builder as an oracle: the builder must render the same bytes.

/// The in-memory comparison renderer (test oracle).
struct ComparisonOracle {
  private let lexicon: ComparisonLexicon

  /// Creates a writer.
  init(lexicon: ComparisonLexicon) { self.lexicon = lexicon }

  /// The comparison as Markdown with a final newline.
  func write(_ dataset: Dataset) -> String {
    // A record with the bytes of an earlier one is a copy: listed, its facts not counted.
    var first: [String: String] = [:]
    var originals: [DocumentRecord] = []
    var copyOf: [String: String] = [:]
    for record in dataset.documents {
      if let original = first[record.source.sha256] {
        copyOf[record.key] = original
      } else {
        first[record.source.sha256] = record.key
        originals.append(record)
      }
    }
    var lines = ["# Plan comparison", ""]
    if !copyOf.isEmpty {
      let copies = copyOf.count
      lines += [
        "\(dataset.documents.count) plans, \(copies) of them \(copies == 1 ? "a copy" : "copies") "
          + "of an earlier plan (the same bytes under another name): listed once, their facts "
          + "not counted again.", "",
      ]
    }
    lines += plans(dataset, copyOf: copyOf)
    lines += targetFamilies(originals)
    lines += leadership(originals)
    lines += timelines(originals)
    lines += warnings(originals)
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Sections

  private func plans(_ dataset: Dataset, copyOf: [String: String]) -> [String] {
    var lines = ["## Plans", ""]
    guard !dataset.documents.isEmpty else { return lines + [""] }
    lines += [
      "| plan | jurisdiction | period | targets | tasks | departments | deadlines | warnings |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for record in dataset.documents {
      let departments = Set(record.tasks.flatMap { $0.departments.map(\.name) })
      var name = "\(record.title ?? record.source.path) (`\(record.key)`)"
      var counts = [
        record.targets.count, record.tasks.count, departments.count, record.deadlines.count,
        record.warnings.count,
      ].map(String.init)
      if let original = copyOf[record.key] {
        name += ", a copy of `\(original)`"
        counts = counts.map { _ in "–" }
      }
      let cells = [name, record.jurisdiction ?? "–", Self.period(record)] + counts
      lines.append(
        "| " + cells.map { MarkdownTable.cell($0, max: 80) }.joined(separator: " | ") + " |")
    }
    return lines + [""]
  }

  private func targetFamilies(_ records: [DocumentRecord]) -> [String] {
    var byFamily: [String: [(DocumentRecord, Target)]] = [:]
    for record in records {
      for target in record.targets {
        byFamily[lexicon.family(of: target.indicator), default: []].append((record, target))
      }
    }
    let shared = byFamily.filter { Set($0.value.map { $0.0.key }).count >= 2 }
    let size: (String) -> Int = { shared[$0]?.count ?? 0 }
    let order = shared.keys.sorted { (-size($0), $0) < (-size($1), $1) }
    // Rows of a family by unit, most rows first, then in record order.
    let rows: (String) -> [(DocumentRecord, Target)] = { family in
      let all = shared[family] ?? []
      let units = Dictionary(grouping: all, by: { $0.1.normalized.unit })
      return units.keys.sorted {
        (-(units[$0]?.count ?? 0), $0) < (-(units[$1]?.count ?? 0), $1)
      }.flatMap { units[$0] ?? [] }
    }
    var lines = ["## At a glance", ""]
    if order.isEmpty {
      lines += ["No indicator appears in more than one plan.", ""]
    } else {
      var columns: [String: Set<String>] = [:]
      for family in order {
        for (record, _) in shared[family] ?? [] {
          columns[record.jurisdiction ?? "", default: []].insert(family)
        }
      }
      let names = columns.keys.sorted {
        ($0.isEmpty ? 1 : 0, -(columns[$0]?.count ?? 0), $0)
          < ($1.isEmpty ? 1 : 0, -(columns[$1]?.count ?? 0), $1)
      }
      let head = ["indicator"] + names.map { $0.isEmpty ? "no jurisdiction" : $0 }
      lines += [
        "Targets of each indicator found in two plans or more, by jurisdiction.", "",
        "| " + head.map { MarkdownTable.cell($0, max: 40) }.joined(separator: " | ") + " |",
        "|" + String(repeating: " --- |", count: head.count),
      ]
      for family in order {
        let found = rows(family)
        let cells = names.map { name -> String in
          let values = found.filter { ($0.0.jurisdiction ?? "") == name }.map {
            TargetFormatting.value($0.1)
          }
          if values.isEmpty { return "–" }
          let shown = values.prefix(3).joined(separator: " / ")
          return values.count > 3 ? shown + " (+\(values.count - 3))" : shown
        }
        lines.append(
          "| "
            + ([family] + cells).map { MarkdownTable.cell($0, max: 40) }.joined(
              separator: " | ") + " |")
      }
      lines.append("")
    }
    lines += ["## Targets by indicator", ""]
    if order.isEmpty { lines += ["No indicator appears in more than one plan.", ""] }
    for family in order {
      lines += [
        "### \(MarkdownTable.cell(family, max: 80))", "",
        "| plan | period | indicator | target | year | source | quote |",
        "| --- | --- | --- | --- | --- | --- | --- |",
      ]
      lines += rows(family).map { row($0.0, $0.1, withPlan: true) }
      lines.append("")
    }
    lines += ["## Other targets", ""]
    for record in records {
      let own = record.targets.filter { shared[lexicon.family(of: $0.indicator)] == nil }
      guard !own.isEmpty else { continue }
      lines += [
        "### \(MarkdownTable.cell(Self.label(record), max: 80))", "",
        "| indicator | target | year | source | quote |", "| --- | --- | --- | --- | --- |",
      ]
      lines += own.map { row(record, $0, withPlan: false) }
      lines.append("")
    }
    return lines
  }

  private func row(_ record: DocumentRecord, _ target: Target, withPlan: Bool) -> String {
    var indicator = target.indicator
    if let scope = target.scope { indicator += "（\(scope)）" }
    var fragment = ""
    for byte in target.quote.utf8 {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        fragment.append(Character(Unicode.Scalar(byte)))
      default:
        fragment += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
      }
    }
    let link = "text/\(record.key).txt" + (target.quote.isEmpty ? "" : "#:~:text=\(fragment)")
    var cells: [String] = []
    if withPlan { cells += [MarkdownTable.cell(Self.label(record), max: 80), Self.period(record)] }
    cells += [
      MarkdownTable.cell(indicator, max: 40), TargetFormatting.value(target),
      target.targetYear.map(String.init) ?? "–",
      "[\(MarkdownTable.cell(target.id, max: .max))](\(link))",
      "「\(MarkdownTable.cell(target.quote, max: 120))」",
    ]
    return "| " + cells.joined(separator: " | ") + " |"
  }

  private func leadership(_ records: [DocumentRecord]) -> [String] {
    var counts: [String: [String: [Responsibility.Role: Int]]] = [:]
    var totals: [String: [Responsibility.Role: Int]] = [:]
    for record in records {
      for task in record.tasks {
        for department in task.departments {
          let function = lexicon.function(of: department.name)
          counts[record.key, default: [:]][function, default: [:]][department.role, default: 0] +=
            1
          totals[function, default: [:]][department.role, default: 0] += 1
        }
      }
    }
    guard !totals.isEmpty else {
      return ["## Who leads what", "", "No department assignments found.", ""]
    }
    let total: (String) -> Int = { totals[$0]?.values.reduce(0, +) ?? 0 }
    let functions = totals.keys.sorted { (-total($0), $0) < (-total($1), $1) }
    let cell: ([Responsibility.Role: Int]?) -> String = { roles in
      guard let roles else { return "–" }
      return "L\(roles[.lead] ?? 0) S\(roles[.support] ?? 0) R\(roles[.responsible] ?? 0)"
    }
    let plans = records.filter { counts[$0.key] != nil }
    var table = MarkdownTable(headers: ["plan"] + functions, maxCellLength: 40)
    table.rows.append(["all plans (\(plans.count))"] + functions.map { cell(totals[$0]) })
    var lines = [
      "## Who leads what", "",
      "Tasks per department function: L lead (牵头), S support (配合), R responsible (负责).", "",
    ]
    lines += table.render()
    for plan in plans {
      lines.append(
        "| \(MarkdownTable.cell(Self.label(plan), max: 80)) | "
          + functions.map { cell(counts[plan.key]?[$0]) }.joined(separator: " | ") + " |")
    }
    return lines + [""]
  }

  private func timelines(_ records: [DocumentRecord]) -> [String] {
    var lines = ["## Deadlines", ""]
    for record in records where !record.deadlines.isEmpty {
      lines += ["### \(MarkdownTable.cell(Self.label(record), max: 80))", ""]
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

  private func warnings(_ records: [DocumentRecord]) -> [String] {
    var lines = ["## Warnings", ""]
    let flagged = records.filter { !$0.warnings.isEmpty }
    if flagged.isEmpty { return lines + ["None.", ""] }
    for record in flagged {
      lines.append("- **\(MarkdownTable.cell(Self.label(record), max: 80))**")
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
    let title = record.title ?? record.source.path
    return record.jurisdiction.map { "\(title) · \($0)" } ?? title
  }
}

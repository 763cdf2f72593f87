import Foundation
import PlanScope

/// Renders a `BenchReport` as Markdown: the machine and tools, then one table each for the
/// corpora, the stages, the `planscope run` subprocesses, the reference tools and the targets.
///
/// Returns text; prints and writes nothing. Numbers use decimal MB and fixed decimals so two
/// reports diff line by line.
public struct BenchMarkdownWriter: Sendable {
  /// Creates a writer.
  public init() {}

  /// The report as Markdown.
  public func write(_ report: BenchReport) -> String {
    var lines = ["# planscope bench", ""]
    let machine = report.machine
    lines.append(
      "planscope \(report.version) · \(machine.cores) cores · \(machine.cpuModel) · "
        + "\(Self.fixed(Double(machine.memoryBytes) / 1e9, 1)) GB RAM · "
        + "load \(machine.loadAverage) at start · \(machine.system)")
    lines.append("")
    lines.append(
      report.tools.map { "\($0.name): \($0.version ?? "not installed")" }.joined(separator: " · "))
    lines.append("")
    lines += section("Corpora", corporaTable(report.corpora))
    lines += section("Stages (in-process, one thread)", stagesTable(report.stages))
    lines += section("planscope run (subprocess)", runsTable(report.runs))
    lines += section("Reference tools (same bytes)", referencesTable(report.references))
    lines += section("Targets", targetsTable(report.targets))
    lines += section(
      "Ceilings (the most a goal can reach, given another figure)", ceilingsTable(report.ceilings))
    if !report.notes.isEmpty {
      lines += ["## Notes", ""] + report.notes.map { "- " + $0 } + [""]
    }
    return lines.joined(separator: "\n")
  }

  private func section(_ title: String, _ table: MarkdownTable) -> [String] {
    let rendered = table.render()
    return ["## \(title)", ""] + (rendered.isEmpty ? ["(none)"] : rendered) + [""]
  }

  private func corporaTable(_ corpora: [CorpusSummary]) -> MarkdownTable {
    var table = MarkdownTable(headers: ["corpus", "files", "MB", "Traditional", "written"])
    table.rows = corpora.map {
      [
        $0.name, String($0.files), Self.fixed(Double($0.bytes) / 1e6, 1),
        $0.traditionalFiles.map(String.init) ?? "mixed", String($0.written),
      ]
    }
    return table
  }

  private func stagesTable(_ stages: [StageResult]) -> MarkdownTable {
    var table = MarkdownTable(
      headers: ["stage", "corpus", "docs", "MB", "basis", "s", "MB/s", "docs/s"])
    table.rows = stages.map {
      [$0.stage.rawValue, $0.corpus] + Self.work($0.throughput, basis: $0.basis)
    }
    return table
  }

  private func runsTable(_ runs: [CommandResult]) -> MarkdownTable {
    var table = MarkdownTable(
      headers: [
        "run", "corpus", "jobs", "docs", "MB", "basis", "s", "MB/s", "docs/s", "peak RSS MB",
        "CPU s", "exit",
      ])
    table.rows = runs.map { run in
      [run.name, run.corpus, run.jobs.map(String.init) ?? ""]
        + Self.work(run.throughput, basis: run.basis) + Self.cost(run.cost)
    }
    return table
  }

  private func referencesTable(_ references: [CommandResult]) -> MarkdownTable {
    var table = MarkdownTable(
      headers: [
        "tool", "corpus", "docs", "MB", "basis", "s", "MB/s", "docs/s", "peak RSS MB", "CPU s",
        "exit",
      ])
    table.rows = references.map { reference in
      [reference.name, reference.corpus] + Self.work(reference.throughput, basis: reference.basis)
        + Self.cost(reference.cost)
    }
    return table
  }

  private func targetsTable(_ targets: [TargetResult]) -> MarkdownTable {
    var table = MarkdownTable(headers: ["goal", "measured", "required", "result"])
    table.maxCellLength = 80
    table.rows = targets.map { [$0.goal, $0.measured, $0.required, $0.verdict.rawValue] }
    return table
  }

  private func ceilingsTable(_ ceilings: [BenchCeiling]) -> MarkdownTable {
    var table = MarkdownTable(headers: ["goal", "set by", "ceiling", "required"])
    table.maxCellLength = 80
    table.rows = ceilings.map { [$0.goal, $0.cause, $0.ceiling, $0.required] }
    return table
  }

  /// docs, MB, basis, s, MB/s, docs/s.
  private static func work(_ throughput: Throughput, basis: ByteBasis) -> [String] {
    [
      String(throughput.documents), fixed(Double(throughput.bytes) / 1e6, 1), basis.rawValue,
      fixed(throughput.seconds, 2), fixed(throughput.megabytesPerSecond, 2),
      documentRate(throughput.documentsPerSecond),
    ]
  }

  /// peak RSS MB, CPU s, exit.
  private static func cost(_ cost: CommandCost) -> [String] {
    [
      (cost.peakIsUpperBound ? "≤ " : "") + fixed(Double(cost.peakResidentBytes) / 1e6, 0),
      fixed(cost.cpuSeconds, 1),
      String(cost.status),
    ]
  }

  /// Documents per second: one decimal, three below 1/s (a 20 MB plan takes minutes).
  static func documentRate(_ value: Double) -> String {
    fixed(value, value < 1 ? 3 : 1)
  }

  /// `value` with `decimals` digits after the point, `1234.5` → “1234.50”.
  static func fixed(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
  }
}

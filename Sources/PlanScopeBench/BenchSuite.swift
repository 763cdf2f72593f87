import Foundation
import PlanScope

/// The benchmark: generates the corpora, times the stages in-process, runs `planscope run`
/// and the reference tools as subprocesses on the same bytes, and checks the goals.
///
/// Takes the options and the `planscope` executable to run; returns a `BenchReport` (render it
/// with `BenchMarkdownWriter`). Progress goes to `log`, one line per step, for the command
/// line to show. Writes only below `options.workFolder`.
public struct BenchSuite {
  private let options: BenchOptions
  private let targets: BenchTargets
  private let planscope: URL
  private let workspace: BenchWorkspace
  private let log: (String) -> Void

  /// Creates a suite.
  /// - Parameters:
  ///   - planscope: the executable whose `run` subcommand is measured end to end.
  ///   - log: receives a line before each step and after each measurement.
  public init(
    options: BenchOptions, targets: BenchTargets = BenchTargets(), planscope: URL,
    log: @escaping (String) -> Void
  ) {
    self.options = options
    self.targets = targets
    self.planscope = planscope
    self.workspace = BenchWorkspace(root: options.workFolder)
    self.log = log
  }

  /// Runs every measurement, cheapest and most telling first; after each one the report so
  /// far is written to `report.md` in the work folder, so a long run stopped early still
  /// leaves its tables.
  /// - Throws: `BenchError`, `LexiconError`, `IngestError` (seed plans) — a missing reference
  ///   tool is not an error: its rows are left out and its goals read “n/a”.
  public func run() throws -> BenchReport {
    // Earlier outputs are deleted once every measurement is taken (see `BenchWorkspace`).
    defer { workspace.emptyTrash() }
    let machine = MachineInfo.current()
    let opencc = ReferenceTool.locate("opencc")
    let pandoc = ReferenceTool.locate("pandoc")
    let time = ReferenceTool.locate("time")
    var notes: [String] = []
    for tool in [opencc, pandoc] where tool.executable == nil {
      notes.append(
        "\(tool.name) is not installed (apt-get install \(tool.name)); its comparisons read n/a.")
    }
    let gnuTime = time.version?.contains("GNU") == true ? time.executable : nil
    if gnuTime == nil {
      notes.append(
        "GNU time is not installed (apt-get install time): peak RSS figures marked ≤ include "
          + "the benchmark's own memory at the time the command started.")
    }
    let pipeline = try Pipeline.standard()
    let converter = try ScriptConverter.standard()
    let generator = try BenchCorpusGenerator(
      seedPlans: try seedPlans(converter: converter),
      simplifiedToTraditional: try Lexicon.load(.s2tCharacters), seed: options.seed)
    let corpora = try BenchCorpora.build(
      options: options, generator: generator, workspace: workspace,
      pandoc: pandoc.executable, log: log)
    let stageBench = StageBench(
      pipeline: pipeline, converter: converter,
      comparison: ComparisonMarkdownWriter(lexicon: try ComparisonLexicon.standard()))
    let runner = Runner(workspace: workspace, planscope: planscope, gnuTime: gnuTime, log: log)
    notes += [
      "MB = 1,000,000 bytes; “input bytes” are the files' bytes (UTF-8 text), “text bytes” the "
        + "UTF-8 text the DOCX reader extracted (pandoc's time is set against the same bytes).",
      "Stages run in-process on one thread; t2s is ScriptConverter alone (UTF-8 in → UTF-8 out) "
        + "and is part of normalize too. Peak RSS and CPU time are per command (GNU time).",
      "opencc gets the many-small-files corpus concatenated into one file (one process: its "
        + "best case); planscope run gets the files.",
      "Each run writes a new output folder; earlier outputs are deleted after the last "
        + "measurement, since on ext4 without a journal a file created within about a minute of "
        + "a mass delete waits while the kernel skips every freed inode.",
    ]
    if options.memoryCorpusMB.max() ?? 0 < 1_000 {
      notes.append(
        "The issue's memory goal is stated for a 1 GB corpus; this run's largest memory corpus "
          + "is \(options.memoryCorpusMB.max() ?? 0) MB (--memory-corpus-mb).")
    }
    var measured = Measurements()
    let goals = BenchGoals(targets: targets, options: options)
    func checkpoint() throws -> BenchReport {
      let report = BenchReport(
        version: Pipeline.version, machine: machine, tools: [opencc, pandoc, time],
        corpora: corpora.summaries, stages: measured.stages, runs: measured.runs,
        references: [measured.opencc, measured.pandoc, measured.pandocHTML, measured.pdftotext]
          .compactMap { $0 },
        targets: goals.check(measured),
        ceilings: goals.ceilings(measured, cores: machine.cores),
        notes: notes + measured.failureNotes(workFolder: workspace.root.path))
      _ = try workspace.store(
        Array(BenchMarkdownWriter().write(report).utf8), at: workspace.url("report.md"))
      return report
    }

    log("timing stages in-process over small (\(corpora.small.files.count) files)")
    measured.stages += try stageBench.measure(
      corpora.small, output: try workspace.folder("stage-output/small", fresh: true))
    for stage in measured.stages.suffix(StageBench.textStages.count) { log(Self.line(stage)) }
    if let tool = opencc.executable {
      measured.opencc = try runner.reference(
        "opencc -c t2s", tool, ["-c", "t2s", "-i", corpora.smallConcatenated.path],
        outputFlag: "-o", corpus: corpora.small, basis: .input,
        bytes: corpora.small.summary.bytes)
    }
    if let docx = corpora.docx {
      log("timing the DOCX reader")
      let reader = try stageBench.measureDocx(docx)
      measured.stages.append(reader)
      log(Self.line(reader))
      if let tool = pandoc.executable {
        // pandoc's plain text differs in size; the DOCX reader's text is the common basis.
        measured.pandoc = try runner.reference(
          "pandoc -f docx -t plain", tool, ["-f", "docx", "-t", "plain", docx.files[0].path],
          outputFlag: "-o", corpus: docx, basis: .text, bytes: reader.throughput.bytes)
      }
    }
    if let html = corpora.html {
      log("timing the HTML reader")
      let reader = try stageBench.measureReader(html, format: .html, stage: .html)
      measured.stages.append(reader)
      log(Self.line(reader))
      if let tool = pandoc.executable {
        measured.pandocHTML = try runner.reference(
          "pandoc -f html -t plain", tool, ["-f", "html", "-t", "plain", html.files[0].path],
          outputFlag: "-o", corpus: html, basis: .text, bytes: reader.throughput.bytes)
      }
    }
    if let pdf = corpora.pdf {
      log("timing the PDF reader")
      let reader = try stageBench.measureReader(pdf, format: .pdf, stage: .pdf)
      measured.stages.append(reader)
      log(Self.line(reader))
      if let tool = ReferenceTool.locate("pdftotext").executable {
        measured.pdftotext = try runner.reference(
          "pdftotext -enc UTF-8", tool, ["-enc", "UTF-8", pdf.files[0].path],
          outputFlag: nil, corpus: pdf, basis: .text, bytes: reader.throughput.bytes)
      }
    }
    _ = try checkpoint()
    measured.smallOneJob = try runner.planscopeRun(corpora.small, jobs: 1, label: "small-j1")
    _ = try checkpoint()
    measured.smallTwoJobs = try runner.planscopeRun(corpora.small, jobs: 2, label: "small-j2")
    _ = try checkpoint()
    measured.cacheFill = try runner.planscopeRun(
      corpora.cached, jobs: options.parallelJobs, label: "cached", cache: true,
      name: "planscope run (fills cache)")
    measured.cachedRerun = try runner.planscopeRun(
      corpora.cached, jobs: options.parallelJobs, label: "cached", cache: true, fresh: false,
      name: "planscope run (re-run, cached)")
    measured.incremental = try measureIncremental(corpora.cached, runner: runner, measured)
    notes.append(
      "The first run that changes a plan after a cold run also makes the second database file "
        + "(a copy of the first, once: see README, Layout and crash safety); the goal rows time "
        + "the runs after it, what a weekly run costs.")
    _ = try checkpoint()
    if let large = corpora.large {
      log("timing stages in-process over large (\(large.files.count) files)")
      measured.stages += try stageBench.measure(
        large, output: try workspace.folder("stage-output/large", fresh: true))
      for stage in measured.stages.suffix(StageBench.textStages.count) { log(Self.line(stage)) }
      measured.largeOneJob = try runner.planscopeRun(large, jobs: 1, label: "large-j1")
      _ = try checkpoint()
    }
    for corpus in corpora.memory {
      measured.memory.append(
        try runner.planscopeRun(
          corpus, jobs: options.parallelJobs, label: corpus.summary.name,
          name: "planscope run --no-cache (memory)"))
      _ = try checkpoint()
    }
    notes.append(
      "Load average at the end: \(MachineInfo.currentLoadAverage()); other processes on the "
        + "same cores slow every figure (2 jobs cannot beat 1 job on a core that is taken).")
    return try checkpoint()
  }

  /// The incremental runs on the cache corpus, after its cold run and unchanged re-run; the
  /// corpus is linked afresh by the next benchmark.
  private func measureIncremental(
    _ corpus: BenchCorpus, runner: Runner, _ measured: Measurements
  ) throws -> IncrementalMeasurements {
    var result = IncrementalMeasurements(
      cold: measured.cacheFill, unchanged: measured.cachedRerun,
      inputBytes: corpus.summary.bytes)
    let output = workspace.url("out/cached")
    result.stateBytes = ["", "-wal"].reduce(0) { total, suffix in
      let path = output.appendingPathComponent("state.sqlite" + suffix).path
      return total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    }
    result.generationBytes = generationBytes(output)
    result.diskMegabytesPerSecond = diskCopySpeed(in: workspace.url("out"))
    let editor = CorpusEditor(corpus: corpus)
    func rerun(_ name: String) throws -> CommandResult {
      try runner.planscopeRun(
        corpus, jobs: options.parallelJobs, label: "cached", cache: true, fresh: false,
        name: name)
    }
    try editor.touch(corpus.files.count / 2)
    result.touched = try rerun("planscope run (1 file touched, same bytes)")
    try editor.change(1, round: 1)
    result.firstChanged = try rerun("planscope run (1 plan changed, first after cold)")
    try editor.change(1, round: 2)
    result.oneChanged = try rerun("planscope run (1 plan changed)")
    try editor.change(max(1, corpus.files.count / 100), round: 3)
    result.onePercentChanged = try rerun("planscope run (1 % of plans changed)")
    // After the incremental runs: both database files are there by then.
    result.outputBytes = diskBytes(output)
    return result
  }

  /// The seed plans (`*.txt` directly under the seed corpus), read with the pipeline's loader
  /// and converted to Simplified.
  private func seedPlans(converter: ScriptConverter) throws -> [String] {
    let loader = DocumentLoader()
    return try Corpus(root: options.seedCorpus).files()
      .filter { $0.url.pathExtension.lowercased() == "txt" }
      .map { converter.convert(try loader.load($0.url, as: $0.path).text) }
  }

  static func line(_ stage: StageResult) -> String {
    "  \(stage.stage.rawValue) \(stage.corpus): "
      + "\(BenchMarkdownWriter.fixed(stage.throughput.megabytesPerSecond, 2)) MB/s, "
      + "\(BenchMarkdownWriter.documentRate(stage.throughput.documentsPerSecond)) docs/s"
  }

  static func line(_ command: CommandResult) -> String {
    "  \(command.name) \(command.corpus): \(BenchMarkdownWriter.fixed(command.throughput.seconds, 2)) s, "
      + "\(BenchMarkdownWriter.fixed(command.throughput.megabytesPerSecond, 2)) MB/s, "
      + "\(BenchMarkdownWriter.documentRate(command.throughput.documentsPerSecond)) docs/s, "
      + "peak \(BenchMarkdownWriter.fixed(Double(command.cost.peakResidentBytes) / 1e6, 0)) MB, "
      + "exit \(command.cost.status)"
  }
}

/// Runs the measured subprocesses: `planscope run` into `out/`, reference tools into
/// `reference/`.
struct Runner {
  let workspace: BenchWorkspace
  let planscope: URL
  let gnuTime: URL?
  let log: (String) -> Void

  /// Runs `planscope run` over `corpus` into `out/<label>` (emptied first unless `fresh` is
  /// false), with `--no-cache` unless `cache`.
  func planscopeRun(
    _ corpus: BenchCorpus, jobs: Int, label: String, cache: Bool = false, fresh: Bool = true,
    name: String = "planscope run --no-cache"
  ) throws -> CommandResult {
    log("running \(name) over \(corpus.summary.name) with \(jobs) job(s)")
    let output = try workspace.folder("out/\(label)", fresh: fresh)
    // Not --quiet: the summary line on stderr (documents from cache) is kept with the outputs.
    var arguments = ["run", corpus.root.path, "-o", output.path, "--jobs", String(jobs)]
    if !cache { arguments.append("--no-cache") }
    let cost = try MeasuredCommand(
      executable: planscope, arguments: arguments,
      standardOutput: workspace.url("out/\(label).stdout"),
      standardError: workspace.url("out/\(label).stderr"), gnuTime: gnuTime
    ).run()
    let result = CommandResult(
      name: name, corpus: corpus.summary.name, jobs: jobs, basis: .input,
      throughput: Throughput(
        documents: corpus.summary.files, bytes: corpus.summary.bytes, seconds: cost.seconds),
      cost: cost)
    log(BenchSuite.line(result))
    return result
  }

  /// Runs a reference tool once, its output into `reference/`.
  func reference(
    _ name: String, _ tool: URL, _ arguments: [String], outputFlag: String?,
    corpus: BenchCorpus, basis: ByteBasis, bytes: Int
  ) throws -> CommandResult {
    log("running \(name) over \(corpus.summary.name)")
    let slug = tool.lastPathComponent
    let output = workspace.url("reference/\(slug).out").path
    let cost = try MeasuredCommand(
      executable: tool,
      arguments: arguments + (outputFlag.map { [$0, output] } ?? [output]),
      standardOutput: workspace.url("reference/\(slug).stdout"),
      standardError: workspace.url("reference/\(slug).stderr"), gnuTime: gnuTime
    ).run()
    let result = CommandResult(
      name: name, corpus: corpus.summary.name, jobs: nil, basis: basis,
      throughput: Throughput(documents: corpus.summary.files, bytes: bytes, seconds: cost.seconds),
      cost: cost)
    log(BenchSuite.line(result))
    return result
  }
}

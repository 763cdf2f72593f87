import Foundation

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

  /// Runs every measurement.
  /// - Throws: `BenchError`, `LexiconError`, `IngestError` (seed plans) — a missing reference
  ///   tool is not an error: its rows are left out and its goals read “n/a”.
  public func run() throws -> BenchReport {
    let machine = MachineInfo.current()
    let opencc = ReferenceTool.locate("opencc")
    let pandoc = ReferenceTool.locate("pandoc")
    var notes: [String] = []
    for tool in [opencc, pandoc] where tool.executable == nil {
      notes.append(
        "\(tool.name) is not installed (apt-get install \(tool.name)); its comparisons read n/a.")
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
    var measured = Measurements()

    for corpus in [corpora.small, corpora.large].compactMap({ $0 }) {
      log("timing stages in-process over \(corpus.summary.name) (\(corpus.files.count) files)")
      let output = try workspace.folder("stage-output/\(corpus.summary.name)", fresh: true)
      measured.stages += try stageBench.measure(corpus, output: output)
      measured.stages.suffix(6).forEach { log(Self.line($0)) }
    }
    if let docx = corpora.docx {
      log("timing the DOCX reader")
      measured.stages.append(try stageBench.measureDocx(docx))
      measured.stages.suffix(1).forEach { log(Self.line($0)) }
    }
    if let tool = opencc.executable {
      measured.opencc = try reference(
        "opencc -c t2s", tool, ["-c", "t2s", "-i", corpora.smallConcatenated.path],
        outputFlag: "-o", corpus: corpora.small, basis: .input,
        bytes: corpora.small.summary.bytes)
    }
    if let tool = pandoc.executable, let docx = corpora.docx,
      let reader = measured.stage(.docx, "docx")
    {
      // pandoc's plain text differs in size; the DOCX reader's text is the common basis.
      measured.pandoc = try reference(
        "pandoc -f docx -t plain", tool, ["-f", "docx", "-t", "plain", docx.files[0].path],
        outputFlag: "-o", corpus: docx, basis: .text, bytes: reader.throughput.bytes)
    }
    measured.smallOneJob = try planscopeRun(corpora.small, jobs: 1, label: "small-j1")
    measured.smallTwoJobs = try planscopeRun(corpora.small, jobs: 2, label: "small-j2")
    if let large = corpora.large {
      measured.largeOneJob = try planscopeRun(large, jobs: 1, label: "large-j1")
    }
    log("priming the state cache over \(corpora.cached.summary.name)")
    measured.cacheFill = try planscopeRun(
      corpora.cached, jobs: options.parallelJobs, label: "cached", cache: true,
      name: "planscope run (fills cache)")
    measured.cachedRerun = try planscopeRun(
      corpora.cached, jobs: options.parallelJobs, label: "cached", cache: true, fresh: false,
      name: "planscope run (re-run, cached)")
    for corpus in corpora.memory {
      measured.memory.append(
        try planscopeRun(
          corpus, jobs: options.parallelJobs, label: corpus.summary.name,
          name: "planscope run --no-cache (memory)"))
    }
    notes += measured.failureNotes(workFolder: workspace.root.path)
    notes += [
      "MB = 1,000,000 bytes; “input bytes” are the files' bytes (UTF-8 text), “text bytes” the "
        + "UTF-8 text the DOCX reader extracted (pandoc's time is set against the same bytes).",
      "Stages run in-process on one thread; t2s is ScriptConverter alone (UTF-8 in → UTF-8 out) "
        + "and is part of normalize too. Peak RSS and CPU time come from wait4(2) per command.",
      "opencc gets the many-small-files corpus concatenated into one file (one process: its "
        + "best case); planscope run gets the files.",
    ]
    if options.memoryCorpusMB.max() ?? 0 < 1_000 {
      notes.append(
        "The issue's memory goal is stated for a 1 GB corpus; this run's largest memory corpus "
          + "is \(options.memoryCorpusMB.max() ?? 0) MB (--memory-corpus-mb).")
    }
    return BenchReport(
      version: Pipeline.version, machine: machine, tools: [opencc, pandoc],
      corpora: corpora.summaries, stages: measured.stages, runs: measured.runs,
      references: [measured.opencc, measured.pandoc].compactMap { $0 },
      targets: BenchGoals(targets: targets, options: options).check(measured), notes: notes)
  }

  /// The seed plans (`*.txt` directly under the seed corpus), read with the pipeline's loader
  /// and converted to Simplified.
  private func seedPlans(converter: ScriptConverter) throws -> [String] {
    let loader = DocumentLoader()
    return try Corpus(root: options.seedCorpus).files()
      .filter { $0.url.pathExtension.lowercased() == "txt" }
      .map { converter.convert(try loader.load($0.url, as: $0.path).text) }
  }

  /// Runs `planscope run` over `corpus` into `out/<label>` (emptied first unless `fresh` is
  /// false), with `--no-cache` unless `cache`.
  private func planscopeRun(
    _ corpus: BenchCorpus, jobs: Int, label: String, cache: Bool = false, fresh: Bool = true,
    name: String = "planscope run --no-cache"
  ) throws -> CommandResult {
    log("running \(name) over \(corpus.summary.name) with \(jobs) job(s)")
    let output = try workspace.folder("out/\(label)", fresh: fresh)
    var arguments = ["run", corpus.root.path, "-o", output.path, "--jobs", String(jobs), "--quiet"]
    if !cache { arguments.append("--no-cache") }
    let cost = try MeasuredCommand(
      executable: planscope, arguments: arguments,
      standardOutput: workspace.url("out/\(label).stdout"),
      standardError: workspace.url("out/\(label).stderr")
    ).run()
    let result = CommandResult(
      name: name, corpus: corpus.summary.name, jobs: jobs, basis: .input,
      throughput: Throughput(
        documents: corpus.summary.files, bytes: corpus.summary.bytes, seconds: cost.seconds),
      cost: cost)
    log(Self.line(result))
    return result
  }

  /// Runs a reference tool once, its output into `reference/`.
  private func reference(
    _ name: String, _ tool: URL, _ arguments: [String], outputFlag: String,
    corpus: BenchCorpus, basis: ByteBasis, bytes: Int
  ) throws -> CommandResult {
    log("running \(name) over \(corpus.summary.name)")
    let slug = tool.lastPathComponent
    let cost = try MeasuredCommand(
      executable: tool, arguments: arguments + [outputFlag, workspace.url("reference/\(slug).out").path],
      standardOutput: workspace.url("reference/\(slug).stdout"),
      standardError: workspace.url("reference/\(slug).stderr")
    ).run()
    let result = CommandResult(
      name: name, corpus: corpus.summary.name, jobs: nil, basis: basis,
      throughput: Throughput(documents: corpus.summary.files, bytes: bytes, seconds: cost.seconds),
      cost: cost)
    log(Self.line(result))
    return result
  }

  private static func line(_ stage: StageResult) -> String {
    "  \(stage.stage.rawValue) \(stage.corpus): "
      + "\(BenchMarkdownWriter.fixed(stage.throughput.megabytesPerSecond, 2)) MB/s, "
      + "\(BenchMarkdownWriter.fixed(stage.throughput.documentsPerSecond, 1)) docs/s"
  }

  private static func line(_ command: CommandResult) -> String {
    "  \(command.name) \(command.corpus): \(BenchMarkdownWriter.fixed(command.throughput.seconds, 2)) s, "
      + "\(BenchMarkdownWriter.fixed(command.throughput.megabytesPerSecond, 2)) MB/s, "
      + "\(BenchMarkdownWriter.fixed(command.throughput.documentsPerSecond, 1)) docs/s, "
      + "peak \(BenchMarkdownWriter.fixed(Double(command.cost.peakResidentBytes) / 1e6, 0)) MB, "
      + "exit \(command.cost.status)"
  }
}

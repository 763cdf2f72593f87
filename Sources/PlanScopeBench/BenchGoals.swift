import PlanScope
/// What one suite run measured, by role (the report lists them in this order).
struct Measurements {
  /// In-process stage timings.
  var stages: [StageResult] = []
  /// `opencc -c t2s` over the many-small-files corpus.
  var opencc: CommandResult?
  /// `pandoc -f docx -t plain` over the Word file.
  var pandoc: CommandResult?
  /// `pandoc -f html -t plain` over the HTML page.
  var pandocHTML: CommandResult?
  /// `pdftotext -enc UTF-8` over the PDF.
  var pdftotext: CommandResult?
  /// `planscope run --no-cache --jobs 1` over the many-small-files corpus.
  var smallOneJob: CommandResult?
  /// The same with two jobs.
  var smallTwoJobs: CommandResult?
  /// `planscope run --no-cache --jobs 1` over the large plans.
  var largeOneJob: CommandResult?
  /// The run that fills the state cache.
  var cacheFill: CommandResult?
  /// The timed re-run over unchanged documents.
  var cachedRerun: CommandResult?
  /// The peak-memory runs, smallest corpus first.
  var memory: [CommandResult] = []
  /// The incremental runs on the cache corpus.
  var incremental: IncrementalMeasurements?

  /// Every `planscope run`, in report order.
  var runs: [CommandResult] {
    [smallOneJob, smallTwoJobs, largeOneJob, cacheFill, cachedRerun].compactMap { $0 }
      + (incremental?.runs ?? []) + memory
  }

  /// The stage result for `stage` over `corpus`.
  func stage(_ stage: BenchStage, _ corpus: String) -> StageResult? {
    stages.first { $0.stage == stage && $0.corpus == corpus }
  }

  /// One line per command that did not exit 0 (its figures do not count).
  func failureNotes(workFolder: String) -> [String] {
    (runs + [opencc, pandoc, pandocHTML, pdftotext].compactMap { $0 }).filter { $0.cost.status != 0 }.map {
      "\($0.name) over \($0.corpus) exited with status \($0.cost.status) (its stderr is under "
        + "\(workFolder)); goals using it read n/a."
    }
  }
}

/// Checks the measurements against `BenchTargets`, one PASS/FAIL/n/a row per goal, and works
/// out the ceilings other measurements put on the run goals.
struct BenchGoals {
  let targets: BenchTargets
  let options: BenchOptions

  static let runGoal = "planscope run, text, 1 job ÷ opencc -c t2s (MB/s)"
  static let documentRateGoal = "documents/s, many small files, 2 jobs"
  static let speedupGoal = "2 jobs ÷ 1 job (documents/s, many small files)"

  /// The ceilings: no run that writes dataset.sqlite is faster than its full-text index built
  /// alone on one thread (an FTS5 index has one writer), and 2 jobs gain at most the cores
  /// that 1 job leaves idle. Rows whose measurements are missing are left out.
  func ceilings(_ measured: Measurements, cores: Int) -> [BenchCeiling] {
    var rows: [BenchCeiling] = []
    if let index = measured.stage(.fullTextIndex, "small")?.throughput {
      let cause =
        "full-text index alone, one thread: \(Self.number(index.megabytesPerSecond, 2)) MB/s, "
        + "\(Self.number(index.documentsPerSecond, 1)) docs/s"
      if let opencc = succeeded(measured.opencc)?.throughput.megabytesPerSecond, opencc > 0 {
        rows.append(
          BenchCeiling(
            goal: Self.runGoal, cause: cause,
            ceiling: Self.number(index.megabytesPerSecond / opencc, 2) + "×",
            required: "≥ \(Self.number(targets.runOverOpenCC, 1))×"))
      }
      rows.append(
        BenchCeiling(
          goal: Self.documentRateGoal, cause: cause,
          ceiling: Self.number(index.documentsPerSecond, 1),
          required: "≥ \(Self.number(targets.documentsPerSecondTwoJobs, 0))"))
    }
    if let oneJob = succeeded(measured.smallOneJob), oneJob.cost.seconds > 0,
      oneJob.cost.cpuSeconds > 0
    {
      let busy = oneJob.cost.cpuSeconds / oneJob.cost.seconds
      rows.append(
        BenchCeiling(
          goal: Self.speedupGoal,
          cause: "1 job keeps \(Self.number(busy, 2)) of \(cores) cores busy (CPU s ÷ s)",
          ceiling: Self.number(Double(cores) / busy, 2) + "×",
          required: "≥ \(Self.number(targets.twoJobsSpeedup, 1))×"))
    }
    rows += incrementalCeilings(measured.incremental)
    return rows
  }

  /// A run that changes a plan writes every file of the new generation whole (a copy of the
  /// previous one's bytes, spliced, where the file system cannot clone) and syncs them: the
  /// generation's bytes at this machine's synced copy speed are the least it can take.
  private func incrementalCeilings(_ runs: IncrementalMeasurements?) -> [BenchCeiling] {
    guard let runs, let bytes = runs.generationBytes, let speed = runs.diskMegabytesPerSecond,
      speed > 0, let cold = succeeded(runs.cold)?.cost.seconds, cold > 0
    else { return [] }
    let floor = Double(bytes) / 1e6 / speed
    let cause =
      "copying a generation's \(Self.number(Double(bytes) / 1e9, 2)) GB (texts are links) at "
      + "this machine's \(Self.number(speed, 0)) MB/s (sendfile, synced; no clones): "
      + "\(Self.number(floor, 1)) s of a \(Self.number(cold, 1)) s cold run"
    return [
      ("1 plan changed ÷ cold run", targets.oneChangedShare),
      ("1 % of plans changed ÷ cold run", targets.onePercentShare),
    ].map { goal, limit in
      BenchCeiling(
        goal: goal, cause: cause, ceiling: "≥ " + Self.number(floor / cold * 100, 1) + " %",
        required: "≤ \(Self.number(limit * 100, 0)) % of the cold run")
    }
  }

  /// The goal rows.
  func check(_ measured: Measurements) -> [TargetResult] {
    let opencc = succeeded(measured.opencc)?.throughput.megabytesPerSecond
    let pandoc = succeeded(measured.pandoc)?.throughput.megabytesPerSecond
    let oneJob = succeeded(measured.smallOneJob)?.throughput
    let twoJobs = succeeded(measured.smallTwoJobs)?.throughput
    var rows = [
      ratio(
        "t2s stage ÷ opencc -c t2s (MB/s, same bytes)",
        measured.stage(.t2s, "small")?.throughput.megabytesPerSecond, opencc,
        atLeast: targets.t2sOverOpenCC),
      ratio(
        Self.runGoal, oneJob?.megabytesPerSecond, opencc,
        atLeast: targets.runOverOpenCC),
      ratio(
        "DOCX reader ÷ pandoc -f docx -t plain (MB/s of text)",
        measured.stage(.docx, "docx")?.throughput.megabytesPerSecond, pandoc,
        atLeast: targets.docxOverPandoc),
      row(
        Self.documentRateGoal,
        twoJobs.map { ($0.documentsPerSecond, Self.number($0.documentsPerSecond, 1)) },
        required: "≥ \(Self.number(targets.documentsPerSecondTwoJobs, 0))"
      ) {
        $0 >= targets.documentsPerSecondTwoJobs
      },
      ratio(
        Self.speedupGoal, twoJobs?.documentsPerSecond,
        oneJob?.documentsPerSecond, atLeast: targets.twoJobsSpeedup),
    ]
    rows += memoryRows(measured.memory.compactMap(succeeded))
    rows += coldRows(measured, opencc: opencc)
    if let incremental = measured.incremental { rows += incrementalRows(incremental) }
    let rerun = succeeded(measured.cachedRerun)
    rows.append(
      row(
        "re-run over \(options.cachedFiles) unchanged documents (state cache)",
        rerun.map { ($0.throughput.seconds, Self.number($0.throughput.seconds, 2) + " s") },
        required: "< \(Self.number(targets.cachedRerunSeconds, 1)) s"
      ) {
        $0 < targets.cachedRerunSeconds
      })
    return rows
  }

  /// The cold run that fills the state, with every core: both busy, and against opencc.
  private func coldRows(_ measured: Measurements, opencc: Double?) -> [TargetResult] {
    let cold = succeeded(measured.cacheFill)
    let jobs = options.parallelJobs
    let busy = cold.flatMap { $0.cost.seconds > 0 ? $0.cost.cpuSeconds / $0.cost.seconds : nil }
    return [
      row(
        "cold run, \(jobs) jobs, \(options.cachedFiles) plans: CPU s ÷ s",
        busy.map { ($0, Self.number($0, 2)) },
        required: "≥ \(Self.number(targets.coldCoresBusy, 1))"
      ) { $0 >= targets.coldCoresBusy },
      ratio(
        "cold run, \(jobs) jobs ÷ opencc -c t2s (MB/s, full-text index included)",
        cold?.throughput.megabytesPerSecond, opencc, atLeast: targets.coldRunOverOpenCC),
    ]
  }

  /// The incremental goals: cost against the cold run, and disk use against the input.
  private func incrementalRows(_ runs: IncrementalMeasurements) -> [TargetResult] {
    let cold = succeeded(runs.cold)?.cost.seconds
    func share(_ goal: String, _ run: CommandResult?, atMost limit: Double) -> TargetResult {
      let value = succeeded(run).flatMap { run in cold.map { run.cost.seconds / $0 } }
      return row(
        goal,
        value.map {
          ($0, Self.number($0 * 100, 1) + " % (\(Self.number(run?.cost.seconds ?? 0, 2)) s)")
        },
        required: "≤ \(Self.number(limit * 100, 0)) % of the cold run"
      ) { $0 <= limit }
    }
    let unchanged = succeeded(runs.unchanged)?.cost.seconds
    let touched = succeeded(runs.touched).flatMap { run in
      unchanged.map { (run.cost.seconds, max($0, 0.001)) }
    }
    let size = { (bytes: Int?) in
      bytes.map { (Double($0) / Double(max(1, runs.inputBytes)), Self.number(Double($0) / Double(max(1, runs.inputBytes)), 2) + "×") }
    }
    return [
      share("1 plan changed ÷ cold run", runs.oneChanged, atMost: targets.oneChangedShare),
      share("1 % of plans changed ÷ cold run", runs.onePercentChanged, atMost: targets.onePercentShare),
      row(
        "1 file touched, same bytes ÷ nothing changed",
        touched.map { ($0 / $1, Self.number($0 / $1, 2) + "× (\(Self.number($0, 2)) s)") },
        required: "≤ \(Self.number(targets.touchedOverUnchanged, 1))×"
      ) { $0 <= targets.touchedOverUnchanged },
      row(
        "output folder ÷ input bytes (state included)", size(runs.outputBytes),
        required: "≤ \(Self.number(targets.outputOverInput, 1))×"
      ) { $0 <= targets.outputOverInput },
      row(
        "state.sqlite ÷ input bytes", size(runs.stateBytes),
        required: "≤ \(Self.number(targets.stateOverInput, 1))×"
      ) { $0 <= targets.stateOverInput },
    ]
  }

  private func memoryRows(_ runs: [CommandResult]) -> [TargetResult] {
    let peaks = runs.map { Double($0.cost.peakResidentBytes) / 1e6 }
    let described = zip(runs, peaks).map { "\(Self.number($1, 0)) MB (\($0.corpus))" }
      .joined(separator: ", ")
    var rows = [
      row(
        "peak memory of planscope run", peaks.max().map { ($0, described) },
        required: "< \(Self.number(targets.peakMemoryMB, 0)) MB on each"
      ) {
        $0 < targets.peakMemoryMB
      }
    ]
    let growth =
      peaks.count >= 2
      ? peaks.max().flatMap { max in
        peaks.min().map { max / Swift.max($0, 1) }
      } : nil
    rows.append(
      row(
        "peak memory, largest ÷ smallest memory corpus (streams documents)",
        growth.map { ($0, Self.number($0, 2) + "×") },
        required: "≤ \(Self.number(targets.peakMemoryGrowth, 2))×"
      ) {
        $0 <= targets.peakMemoryGrowth
      })
    return rows
  }

  /// `numerator ÷ denominator` against `atLeast`.
  private func ratio(_ goal: String, _ numerator: Double?, _ denominator: Double?, atLeast: Double)
    -> TargetResult
  {
    let value = numerator.flatMap { top in denominator.flatMap { $0 > 0 ? top / $0 : nil } }
    let measured = value.map {
      Self.number($0, 2)
        + "× (\(Self.number(numerator ?? 0, 2)) vs \(Self.number(denominator ?? 0, 2)))"
    }
    return row(
      goal, value.flatMap { v in measured.map { (v, $0) } },
      required: "≥ \(Self.number(atLeast, 1))×"
    ) {
      $0 >= atLeast
    }
  }

  private func row(
    _ goal: String, _ value: (Double, String)?, required: String, passes: (Double) -> Bool
  ) -> TargetResult {
    guard let (number, text) = value else {
      return TargetResult(goal: goal, measured: "n/a", required: required, verdict: .notAvailable)
    }
    return TargetResult(
      goal: goal, measured: text, required: required, verdict: passes(number) ? .pass : .fail)
  }

  private func succeeded(_ result: CommandResult?) -> CommandResult? {
    result.flatMap { $0.cost.status == 0 ? $0 : nil }
  }

  private static func number(_ value: Double, _ decimals: Int) -> String {
    BenchMarkdownWriter.fixed(value, decimals)
  }
}

import Foundation
import Testing

@testable import PlanScope
@testable import PlanScopeBench

/// A report with one row of each kind; figures chosen so every rate is exact.
private func sampleReport(opencc: CommandResult?) -> BenchReport {
  let machine = MachineInfo(
    cores: 2, cpuModel: "Test CPU", memoryBytes: 8_000_000_000, loadAverage: "0.50 0.40 0.30",
    system: "Test OS")
  let cost = CommandCost(
    seconds: 2, status: 0, peakResidentBytes: 150_000_000, peakIsUpperBound: false, cpuSeconds: 1.5)
  var measured = Measurements()
  measured.stages = [
    StageResult(
      stage: .t2s, corpus: "small", basis: .input,
      throughput: Throughput(documents: 100, bytes: 20_000_000, seconds: 0.5)),
    StageResult(
      stage: .docx, corpus: "docx", basis: .text,
      throughput: Throughput(documents: 1, bytes: 5_000_000, seconds: 0.1)),
    StageResult(
      stage: .fullTextIndex, corpus: "small", basis: .input,
      throughput: Throughput(documents: 100, bytes: 20_000_000, seconds: 1)),
  ]
  measured.opencc = opencc
  measured.smallOneJob = CommandResult(
    name: "planscope run --no-cache", corpus: "small", jobs: 1, basis: .input,
    throughput: Throughput(documents: 100, bytes: 20_000_000, seconds: 2), cost: cost)
  var upperBound = cost
  upperBound.peakIsUpperBound = true
  measured.smallTwoJobs = CommandResult(
    name: "planscope run --no-cache", corpus: "small", jobs: 2, basis: .input,
    throughput: Throughput(documents: 100, bytes: 20_000_000, seconds: 1), cost: upperBound)
  let goals = BenchGoals(targets: BenchTargets(), options: BenchOptions())
  return BenchReport(
    version: "0.1.0", machine: machine,
    tools: [ReferenceTool(name: "opencc", executable: nil, version: nil)],
    corpora: [
      CorpusSummary(name: "small", files: 100, bytes: 20_000_000, traditionalFiles: 49, written: 0)
    ],
    stages: measured.stages, runs: measured.runs,
    references: [measured.opencc].compactMap { $0 },
    targets: goals.check(measured), ceilings: goals.ceilings(measured, cores: machine.cores),
    notes: ["A note."])
}

@Test func markdownReportHasEveryTable() {
  let text = BenchMarkdownWriter().write(sampleReport(opencc: nil))
  let expected = """
    # planscope bench

    planscope 0.1.0 · 2 cores · Test CPU · 8.0 GB RAM · load 0.50 0.40 0.30 at start · Test OS

    opencc: not installed

    ## Corpora

    | corpus | files | MB | Traditional | written |
    | --- | --- | --- | --- | --- |
    | small | 100 | 20.0 | 49 | 0 |

    ## Stages (in-process, one thread)

    | stage | corpus | docs | MB | basis | s | MB/s | docs/s |
    | --- | --- | --- | --- | --- | --- | --- | --- |
    | t2s | small | 100 | 20.0 | input bytes | 0.50 | 40.00 | 200.0 |
    | DOCX unzip + XML | docx | 1 | 5.0 | text bytes | 0.10 | 50.00 | 10.0 |
    | full-text index alone (part of writing) | small | 100 | 20.0 | input bytes | 1.00 | 20.00 | 100.0 |

    ## planscope run (subprocess)

    | run | corpus | jobs | docs | MB | basis | s | MB/s | docs/s | peak RSS MB | CPU s | exit |
    | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
    | planscope run --no-cache | small | 1 | 100 | 20.0 | input bytes | 2.00 | 10.00 | 50.0 | 150 | 1.5 | 0 |
    | planscope run --no-cache | small | 2 | 100 | 20.0 | input bytes | 1.00 | 20.00 | 100.0 | ≤ 150 | 1.5 | 0 |

    ## Reference tools (same bytes)

    (none)

    ## Targets

    | goal | measured | required | result |
    | --- | --- | --- | --- |
    | t2s stage ÷ opencc -c t2s (MB/s, same bytes) | n/a | ≥ 15.0× | n/a |
    | planscope run, text, 1 job ÷ opencc -c t2s (MB/s) | n/a | ≥ 5.0× | n/a |
    | DOCX reader ÷ pandoc -f docx -t plain (MB/s of text) | n/a | ≥ 30.0× | n/a |
    | documents/s, many small files, 2 jobs | 100.0 | ≥ 1000 | FAIL |
    | 2 jobs ÷ 1 job (documents/s, many small files) | 2.00× (100.00 vs 50.00) | ≥ 1.7× | PASS |
    | peak memory of planscope run | n/a | < 300 MB on each | n/a |
    | peak memory, largest ÷ smallest memory corpus (streams documents) | n/a | ≤ 1.25× | n/a |
    | cold run, 2 jobs, 20000 plans: CPU s ÷ s | n/a | ≥ 1.8 | n/a |
    | cold run, 2 jobs ÷ opencc -c t2s (MB/s, full-text index included) | n/a | ≥ 2.0× | n/a |
    | re-run over 20000 unchanged documents (state cache) | n/a | < 2.0 s | n/a |

    ## Ceilings (the most a goal can reach, given another figure)

    | goal | set by | ceiling | required |
    | --- | --- | --- | --- |
    | documents/s, many small files, 2 jobs | full-text index alone, one thread: 20.00 MB/s, 100.0 docs/s | 100.0 | ≥ 1000 |
    | 2 jobs ÷ 1 job (documents/s, many small files) | 1 job keeps 0.75 of 2 cores busy (CPU s ÷ s) | 2.67× | ≥ 1.7× |

    ## Notes

    - A note.

    """
  #expect(text == expected)
}

@Test func ratiosAgainstAReferenceToolPassOrFail() {
  let opencc = CommandResult(
    name: "opencc -c t2s", corpus: "small", jobs: nil, basis: .input,
    throughput: Throughput(documents: 100, bytes: 20_000_000, seconds: 4),
    cost: CommandCost(
      seconds: 4, status: 0, peakResidentBytes: 10_000_000, peakIsUpperBound: false, cpuSeconds: 4))
  let targets = sampleReport(opencc: opencc).targets
  // t2s 40 MB/s against opencc 5 MB/s: 8×, short of 15×; the whole run at 10 MB/s is 2×.
  #expect(targets[0].measured == "8.00× (40.00 vs 5.00)")
  #expect(targets[0].verdict == .fail)
  #expect(targets[1].measured == "2.00× (10.00 vs 5.00)")
  // The full-text index alone runs at 20 MB/s: with opencc at 5 MB/s no run passes 4×.
  let ceilings = sampleReport(opencc: opencc).ceilings
  #expect(
    ceilings.map(\.goal) == [
      BenchGoals.runGoal, BenchGoals.documentRateGoal, BenchGoals.speedupGoal,
    ])
  #expect(ceilings[0].ceiling == "4.00×")
  var failed = opencc
  failed.cost.status = 1
  #expect(sampleReport(opencc: failed).targets[0].verdict == .notAvailable)
}

@Test func incrementalGoalsGetTheFloorOfWritingAGenerationWhole() {
  let cold = CommandResult(
    name: "planscope run (fills cache)", corpus: "cached", jobs: 2, basis: .input,
    throughput: Throughput(documents: 1_000, bytes: 50_000_000, seconds: 100),
    cost: CommandCost(
      seconds: 100, status: 0, peakResidentBytes: 1, peakIsUpperBound: false, cpuSeconds: 180))
  var measured = Measurements()
  measured.incremental = IncrementalMeasurements(cold: cold, inputBytes: 50_000_000)
  let goals = BenchGoals(targets: BenchTargets(), options: BenchOptions())
  #expect(goals.ceilings(measured, cores: 2).isEmpty, "no disk figure, no floor")
  // 2 GB at 400 MB/s: 5 s of a 100 s cold run, whatever else a run does.
  measured.incremental?.generationBytes = 2_000_000_000
  measured.incremental?.diskMegabytesPerSecond = 400
  let ceilings = goals.ceilings(measured, cores: 2)
  #expect(ceilings.map(\.goal) == ["1 plan changed ÷ cold run", "1 % of plans changed ÷ cold run"])
  #expect(ceilings.map(\.ceiling) == ["≥ 5.0 %", "≥ 5.0 %"])
  #expect(ceilings[0].cause.contains("2.00 GB") && ceilings[0].cause.contains("400 MB/s"))
  var failed = cold
  failed.cost.status = 1
  measured.incremental?.cold = failed
  #expect(goals.ceilings(measured, cores: 2).isEmpty, "a failed cold run sets no floor")
}

@Test func copyProbeMeasuresASyncedCopyAndLeavesNothing() throws {
  let folder = try ScratchFolder()
  let speed = try #require(diskCopySpeed(in: folder.url, megabytes: 4))
  #expect(speed > 0)
  #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
  #expect(diskCopySpeed(in: folder.url.appendingPathComponent("missing")) == nil)
}

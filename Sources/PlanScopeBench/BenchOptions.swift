import Foundation
import PlanScope

/// Sizes and switches of a benchmark run, with the defaults of the issue and a quick preset.
///
/// Sizes use decimal units throughout (1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes), the same
/// units as the MB/s figures.
public struct BenchOptions: Sendable, Hashable {
  /// Where corpora and outputs go (reused between runs, never committed).
  public var workFolder: URL = URL(fileURLWithPath: ".build/bench")
  /// The seed plans (`*.txt`) the corpora are cut from.
  public var seedCorpus: URL = URL(fileURLWithPath: "corpus")
  /// Fixes every random choice of the corpus generator.
  public var seed: UInt64 = BenchCorpusGenerator.defaultSeed
  /// Plans in the many-small-files corpus.
  public var smallFiles = 5_000
  /// Size range of one ordinary plan, in bytes (5–50 KB).
  public var smallFileBytes: ClosedRange<Int> = 5_000...50_000
  /// Very large plans.
  public var largeFiles = 3
  /// Size of each very large plan, in MB.
  public var largeMB = 20
  /// Plan text in the Word file, in MB.
  public var docxMB = 5
  /// Plans in the corpus re-run with the state cache.
  public var cachedFiles = 20_000
  /// Sizes of the corpora whose peak memory is compared, in MB (smallest first).
  public var memoryCorpusMB = [100, 400]
  /// Jobs of the peak-memory runs and of the cached re-run.
  public var parallelJobs = 2

  /// The defaults of the issue (a full run takes tens of minutes at today's speed).
  public init() {}

  /// A smoke run of a minute or two: same measurements, small corpora.
  public static var quick: BenchOptions {
    var options = BenchOptions()
    options.smallFiles = 100
    options.largeFiles = 1
    options.largeMB = 1
    options.docxMB = 1
    options.cachedFiles = 200
    options.memoryCorpusMB = [2, 8]
    return options
  }
}

/// The goals of the issue; each becomes a PASS/FAIL row.
public struct BenchTargets: Sendable, Hashable {
  /// t2s stage throughput over `opencc -c t2s` on the same bytes.
  public var t2sOverOpenCC = 15.0
  /// Whole `planscope run` (text, one job) over `opencc -c t2s` alone.
  public var runOverOpenCC = 5.0
  /// DOCX reader over `pandoc -f docx -t plain` on the same file.
  public var docxOverPandoc = 30.0
  /// Documents per second on the many-small-files corpus with two jobs.
  public var documentsPerSecondTwoJobs = 1_000.0
  /// Two jobs over one job on the many-small-files corpus.
  public var twoJobsSpeedup = 1.7
  /// Peak resident memory of `planscope run`, in MB, on every memory corpus.
  public var peakMemoryMB = 300.0
  /// Largest peak over smallest peak across the memory corpora (“independent of size”).
  public var peakMemoryGrowth = 1.25
  /// Seconds for a re-run over the cached corpus.
  public var cachedRerunSeconds = 2.0
  /// CPU seconds per wall second of the cold run with `parallelJobs` jobs (both cores busy).
  public var coldCoresBusy = 1.8
  /// The cold run with `parallelJobs` jobs over `opencc -c t2s` on the same bytes.
  public var coldRunOverOpenCC = 2.0
  /// A run after one plan changed, as a share of the cold run.
  public var oneChangedShare = 0.05
  /// A run after 1 % of the plans changed, as a share of the cold run.
  public var onePercentShare = 0.10
  /// A run after one file was rewritten with the same bytes over a run with nothing changed.
  public var touchedOverUnchanged = 1.5
  /// The output folder's disk use (state included) over the corpus bytes; 9.8× when the
  /// issue was filed.
  public var outputOverInput = 6.0
  /// The state database over the corpus bytes; 3× when the issue was filed.
  public var stateOverInput = 1.0

  /// The goals.
  public init() {}
}

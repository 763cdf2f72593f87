import PlanScope
/// A pipeline stage timed in-process.
public enum BenchStage: String, Sendable, Hashable, CaseIterable {
  /// `DocumentLoader`: file bytes → decoded text (encoding detection, SHA-256).
  case readDecode = "read/decode"
  /// `DocxReader`: unzip, XML parse, numbering → text.
  case docx = "DOCX unzip + XML"
  /// `HtmlReader`: charset, libxml2's HTML parser, main block → text.
  case html = "HTML reader"
  /// `PdfReader`: poppler's characters → lines, columns, paragraphs.
  case pdf = "PDF reader"
  /// `ScriptConverter` alone: UTF-8 text → Simplified UTF-8 text (what opencc does).
  case t2s = "t2s"
  /// `Normalizer`: debris, t2s, width folding, script and damage checks.
  case normalize = "normalize (all)"
  /// `Outliner`.
  case outline = "outline"
  /// The extractors (metadata, deadlines, targets, responsibilities).
  case extraction = "extraction"
  /// `OutputDirectory.writeRun`: texts, CSV, SQLite, comparison, JSON.
  case writing = "writing"
  /// The full-text index of dataset.sqlite on its own (part of writing): the floor under any
  /// run's time, since one thread builds it.
  case fullTextIndex = "full-text index alone (part of writing)"
}

/// What the megabytes of a throughput figure count.
public enum ByteBasis: String, Sendable, Hashable {
  /// The input files' bytes (for UTF-8 text corpora, the text's UTF-8 bytes).
  case input = "input bytes"
  /// The UTF-8 bytes of the text a reader extracted.
  case text = "text bytes"
}

/// Work done over some time: documents and bytes, from which the rates follow.
public struct Throughput: Sendable, Hashable {
  /// Documents processed.
  public var documents: Int
  /// Bytes processed (see the basis of the row).
  public var bytes: Int
  /// Seconds taken.
  public var seconds: Double

  /// Creates a throughput.
  public init(documents: Int, bytes: Int, seconds: Double) {
    self.documents = documents
    self.bytes = bytes
    self.seconds = seconds
  }

  /// Decimal megabytes per second (0 when no time was measured).
  public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
  /// Documents per second.
  public var documentsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }
}

/// One stage over one corpus, timed in-process on one thread.
public struct StageResult: Sendable, Hashable {
  /// The stage.
  public var stage: BenchStage
  /// The corpus name.
  public var corpus: String
  /// What the megabytes count.
  public var basis: ByteBasis
  /// The work and time.
  public var throughput: Throughput
}

/// One command run as a subprocess: `planscope run` or a reference tool.
public struct CommandResult: Sendable, Hashable {
  /// What was run (“planscope run --no-cache”, “opencc -c t2s”).
  public var name: String
  /// The corpus name.
  public var corpus: String
  /// Jobs, for `planscope run`.
  public var jobs: Int?
  /// What the megabytes count.
  public var basis: ByteBasis
  /// The work and time.
  public var throughput: Throughput
  /// Peak memory, exit status and CPU time.
  public var cost: CommandCost
}

/// A generated corpus.
public struct CorpusSummary: Sendable, Hashable {
  /// Its name in the tables (`small`, `large`, `docx`, `cached`, `memory-100MB`).
  public var name: String
  /// Files.
  public var files: Int
  /// Bytes of all files.
  public var bytes: Int
  /// Files in Traditional characters, or nil when files mix both (the DOCX).
  public var traditionalFiles: Int?
  /// Files written this run (the others were already there with the same bytes).
  public var written: Int
}

/// A goal of the issue checked against the measurements.
public struct TargetResult: Sendable, Hashable {
  /// The outcome of a check.
  public enum Verdict: String, Sendable, Hashable {
    case pass = "PASS"
    case fail = "FAIL"
    /// A measurement it needs is missing (tool not installed, run failed).
    case notAvailable = "n/a"
  }
  /// What is checked.
  public var goal: String
  /// The measured value, formatted.
  public var measured: String
  /// The threshold, formatted.
  public var required: String
  /// The outcome.
  public var verdict: Verdict
}

/// The most a goal's figure can reach, given another measurement.
public struct BenchCeiling: Sendable, Hashable {
  /// The goal, as in the targets table.
  public var goal: String
  /// The measurement that sets the ceiling.
  public var cause: String
  /// The highest figure the goal can reach, formatted like its measurement.
  public var ceiling: String
  /// The goal's threshold.
  public var required: String
}

/// Everything one `planscope bench` run measured; `BenchMarkdownWriter` renders it.
public struct BenchReport: Sendable, Hashable {
  /// The planscope version.
  public var version: String
  /// The machine.
  public var machine: MachineInfo
  /// `opencc` and `pandoc` as found.
  public var tools: [ReferenceTool]
  /// The corpora.
  public var corpora: [CorpusSummary]
  /// In-process stage timings.
  public var stages: [StageResult]
  /// `planscope run` subprocesses.
  public var runs: [CommandResult]
  /// Reference tools on the same bytes.
  public var references: [CommandResult]
  /// Goals with ratios and verdicts.
  public var targets: [TargetResult]
  /// Ceilings other measurements put on the run goals.
  public var ceilings: [BenchCeiling]
  /// Remarks: missing tools, failed runs, how to read the tables.
  public var notes: [String]
}

import ArgumentParser
import Foundation
import PlanScope

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Process every .txt and .docx under CORPUS (or listed paths) into OUTPUT.",
    discussion: """
      Writes OUTPUT/dataset.json (schema policy-dataset/1), the CSV exports, dataset.sqlite,
      comparison.md and, per document, OUTPUT/text/<id>.txt (normalized Simplified text that
      spans index into) and OUTPUT/text/<id>.original.txt (the same text in its original
      script). All outputs switch to the new run at once when it completes. A file that
      cannot be read is reported on stderr; the others are still processed and the exit
      status is 1.

      Scale-out (see README, "Scaling out"):
        --manifest FILE / --stdin-paths   paths to read, one per line, relative to --root
        --shard I/N                       only the I-th of N shards (zero-based); writes
                                          OUTPUT/shard.jsonl for `planscope merge`
        --jsonl                           one JSON line per document on stdout, no folder
      In shard and --jsonl modes a failed document is a line with its error; only fatal
      problems exit non-zero.

      Examples:
        planscope run corpus -o output --jobs 2
        planscope run --manifest paths.txt --root corpus --shard 0/3 -o shards/0
        find . -name '*.txt' | planscope run --stdin-paths --jsonl > lines.jsonl
      """
  )

  @Argument(help: "Folder (or single file) to read (default: corpus).")
  var corpus: String?

  @Option(name: .shortAndLong, help: "Folder to write.")
  var output: String = "output"

  @Option(help: "Documents processed in parallel (default: number of cores).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Folder of lexicon TSV files overriding the bundled ones.")
  var lexicons: String?

  @Flag(name: .shortAndLong, help: "No progress or summary output.")
  var quiet = false

  @Option(help: "State database (default: OUTPUT/state.sqlite).")
  var state: String?

  @Flag(help: "Extract every document again instead of reusing cached records.")
  var noCache = false

  @Option(help: "File listing the paths to read, one per line (instead of CORPUS).")
  var manifest: String?

  @Flag(help: "Read the paths to process from standard input, one per line.")
  var stdinPaths = false

  @Option(help: "Folder that manifest and stdin paths are relative to (default: current).")
  var root: String?

  @Option(help: "Process only shard I of N (zero-based), chosen by a hash of each path.")
  var shard: String?

  @Flag(help: "Write one JSON line per document to standard output instead of OUTPUT.")
  var jsonl = false

  @Option(help: "Time recorded in the state database, ISO 8601 (default: now).")
  var timestamp: String?

  @OptionGroup var limits: LimitOptions

  func run() throws {
    let pipeline: Pipeline
    let files: [CorpusFile]
    let shard: Shard?
    let now: Date
    do {
      var options = PipelineOptions()
      options.limits = try limits.ingestLimits()
      pipeline = try Pipeline.standard(
        options: options, lexicons: lexicons.map { URL(fileURLWithPath: $0) })
      shard = try self.shard.map(Shard.init(parsing:))
      now = try timestamp.map(parseTimestamp) ?? Date()
      files = try inputFiles().filter { shard?.contains($0.path) ?? true }
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    let runner = BatchRunner(pipeline: pipeline, jobs: jobs)
    if jsonl || shard != nil {
      try writeLines(files, runner: runner)
    } else {
      try writeOutputs(files, runner: runner, pipeline: pipeline, now: now)
    }
  }

  /// The files to process, sorted by path.
  private func inputFiles() throws -> [CorpusFile] {
    let rootURL = URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: rootURL.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw ValidationError("--root \(rootURL.path): no such folder")
    }
    if stdinPaths {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      return Manifest.files(from: String(decoding: data, as: UTF8.self), root: rootURL)
    }
    if let manifest {
      guard let data = FileManager.default.contents(atPath: manifest) else {
        throw ValidationError("\(manifest): cannot read manifest")
      }
      return Manifest.files(from: String(decoding: data, as: UTF8.self), root: rootURL)
    }
    return try Corpus(root: URL(fileURLWithPath: corpus ?? "corpus")).files()
  }

  /// Shard and `--jsonl` modes: document lines, failures included.
  private func writeLines(_ files: [CorpusFile], runner: BatchRunner) throws {
    let lock: OutputLock?
    let writer: DocumentLinesWriter
    do {
      if jsonl {
        lock = nil
        writer = DocumentLinesWriter()
      } else {
        let folder = URL(fileURLWithPath: output)
        lock = try OutputLock(folder: folder)
        writer = try DocumentLinesWriter(file: folder.appendingPathComponent("shard.jsonl"))
      }
      var failed = 0
      try runner.stream(files) { _, outcome in
        if case .failed = outcome { failed += 1 }
        try writer.add(outcome)
      }
      try writer.finish()
      if let shard = try shard.map(Shard.init(parsing:)), !jsonl {
        try OutputDirectory(URL(fileURLWithPath: output)).write(
          String(decoding: try JSONEncoder().encode(ShardInfo(shard: shard, documents: files.count)), as: UTF8.self) + "\n",
          to: "shard.json")
      }
      if !quiet {
        printError("planscope: \(files.count) document line(s), \(failed) failed")
      }
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    withExtendedLifetime(lock) {}
  }

  /// The full outputs and the state database.
  private func writeOutputs(
    _ files: [CorpusFile], runner: BatchRunner, pipeline: Pipeline, now: Date
  ) throws {
    let outputURL = URL(fileURLWithPath: output)
    let summary: RunSummary
    do {
      let comparison = ComparisonMarkdownWriter(
        lexicon: try ComparisonLexicon.standard(lexicons: lexicons.map { URL(fileURLWithPath: $0) }))
      let lock = try OutputLock(folder: outputURL)
      let store = try StateStore(
        path: state ?? outputURL.appendingPathComponent("state.sqlite").path,
        fingerprint: pipeline.fingerprint)
      if !noCache,
        let unchanged = try store.touchIfUnchanged(
          files, generation: OutputDirectory(outputURL).currentGenerationName, at: now)
      {
        OutputDirectory(outputURL).removeStaleStaging()
        if !quiet {
          printError("planscope: \(unchanged) document(s) unchanged since the last run; \(output) is current")
        }
        return
      }
      let session = try OutputSession(
        output: outputURL, comparison: comparison, state: store, at: now)
      let progress = Progress(total: files.count, enabled: !quiet && isatty(STDERR_FILENO) == 1)
      try runner.stream(files, cache: noCache ? nil : store) { index, outcome in
        try session.add(outcome)
        progress.update(index + 1)
      }
      progress.finish()
      summary = try session.commit()
      withExtendedLifetime(lock) {}
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    try report(summary, output: output, quiet: quiet)
  }
}

/// Prints a run's summary and failures; exit status 1 when a file failed.
func report(_ summary: RunSummary, output: String, quiet: Bool) throws {
  if !quiet {
    printError(
      "planscope: \(summary.processed) document(s) written to \(output) (\(summary.cached) unchanged, from cache), \(summary.failures.count) failed"
    )
  }
  if !summary.failures.isEmpty {
    for failure in summary.failures { printError("planscope: error: \(failure)") }
    throw ExitCode(1)
  }
}

/// Parses an ISO 8601 time (`2026-11-21T08:00:00Z`) or day (`2026-11-21`, midnight UTC).
func parseTimestamp(_ text: String) throws -> Date {
  let formatter = ISO8601DateFormatter()
  if let date = formatter.date(from: text) { return date }
  formatter.formatOptions = [.withFullDate]
  formatter.timeZone = TimeZone(identifier: "UTC")
  if let date = formatter.date(from: text) { return date }
  throw ValidationError("--timestamp \(text): expected ISO 8601, e.g. 2026-11-21T08:00:00Z")
}

/// The ingest limits as options (defaults are `IngestLimits()`'s).
struct LimitOptions: ParsableArguments {
  @Option(help: "Largest input file read, in MiB (default: 512).")
  var maxInputMb: Int?

  @Option(help: "Largest text one document may yield, in MiB (default: 64).")
  var maxTextMb: Int?

  @Option(help: "Largest inflated size of one DOCX part, in MiB (default: 128).")
  var maxEntryMb: Int?

  @Option(help: "Most entries a DOCX archive may hold (default: 10000).")
  var maxZipEntries: Int?

  @Option(help: "Deepest XML element nesting accepted (default: 256).")
  var maxXmlDepth: Int?

  /// The limits, defaults where no option was given.
  func ingestLimits() throws -> IngestLimits {
    var limits = IngestLimits()
    for value in [maxInputMb, maxTextMb, maxEntryMb, maxZipEntries, maxXmlDepth].compactMap({ $0 })
    where value <= 0 {
      throw ValidationError("limits must be positive (got \(value))")
    }
    if let maxInputMb { limits.maxInputBytes = maxInputMb << 20 }
    if let maxTextMb { limits.maxTextBytes = maxTextMb << 20 }
    if let maxEntryMb { limits.maxEntryBytes = maxEntryMb << 20 }
    if let maxZipEntries { limits.maxZipEntries = maxZipEntries }
    if let maxXmlDepth { limits.maxXMLDepth = maxXmlDepth }
    return limits
  }
}

/// Files done, rate and ETA on one stderr line, only when stderr is a terminal.
final class Progress: @unchecked Sendable {
  private let total: Int
  private let enabled: Bool
  private let start = Date()
  private let lock = NSLock()

  init(total: Int, enabled: Bool) {
    self.total = total
    self.enabled = enabled
  }

  func update(_ done: Int) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    let elapsed = max(Date().timeIntervalSince(start), 0.001)
    let rate = Double(done) / elapsed
    let eta = rate > 0 ? Double(total - done) / rate : 0
    let line = String(format: "\r%d/%d files  %.1f files/s  ETA %.0fs ", done, total, rate, eta)
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\n".utf8))
  }
}

import ArgumentParser
import Foundation
import PlanScope

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Process every .txt and .docx under CORPUS into OUTPUT.",
    discussion: """
      Writes OUTPUT/dataset.json (schema policy-dataset/1), the CSV exports,
      dataset.sqlite, comparison.md, comparison.html and, per document,
      OUTPUT/text/<key>.txt (normalized Simplified text that spans index into) and
      OUTPUT/text/<key>.original.txt (the same text in its original script). All
      outputs switch to the new run at once when it completes. A file that cannot be
      read is reported on stderr; the others are still processed and the exit status
      is 1.

      Safety: planscope refuses a non-empty output folder it did not create, a
      corpus and output nested in each other (both unless --force), and a run that
      found no documents or would drop more than --max-shrink of the published
      ones (unless --allow-shrink). Files it cannot read are listed as skipped.

      Scale-out (see README, "Scaling out"):
        --manifest FILE     paths to read, one per line, relative to --root
        --stdin-paths       the same paths, on standard input
        --shard I/N         only the I-th of N shards (zero-based); writes
                            OUTPUT/shard.jsonl for `planscope merge`
        --jsonl             one JSON line per document on stdout, no folder
      In shard and --jsonl modes a failed document is a line with its error; only
      fatal problems exit non-zero.

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

  @Option(help: "Documents processed in parallel (default: the number of cores).")
  var jobs: Int?

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

  @Flag(
    help:
      "Write into a non-empty folder planscope did not create, or with corpus and output nested.")
  var force = false

  @Flag(help: "Publish even a run that found no documents or lost more than --max-shrink.")
  var allowShrink = false

  @Option(help: "Largest share (0-1) of the published documents a run may drop.")
  var maxShrink: Double = PublishPolicy().maxShrink

  @OptionGroup var limits: LimitOptions

  func run() throws {
    let pipeline: Pipeline
    let files: [CorpusFile]
    let shard: Shard?
    let now: Date
    let groups: ComparisonLexicon
    do {
      var options = PipelineOptions()
      options.limits = try limits.ingestLimits()
      options.maxSecondsPerDocument = try limits.secondsPerDocument()
      pipeline = try Pipeline.standard(
        options: options, lexicons: lexicons.map { URL(fileURLWithPath: $0) })
      groups = try ComparisonLexicon.standard(lexicons: lexicons.map { URL(fileURLWithPath: $0) })
      shard = try self.shard.map(Shard.init(parsing:))
      now = try timestamp.map(parseTimestamp) ?? Date()
      guard (0...1).contains(maxShrink) else {
        throw ValidationError("--max-shrink \(maxShrink): expected a share from 0 to 1")
      }
      // Listed paths name their files: only a walked corpus can contain the output folder.
      if !force && !jsonl && manifest == nil && !stdinPaths {
        try OutputDirectory.checkSeparate(corpus: inputRoot, output: URL(fileURLWithPath: output))
      }
      files = try inputFiles(limit: options.limits.maxInputBytes).filter {
        shard?.contains($0.path) ?? true
      }
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    let runner = BatchRunner(
      pipeline: pipeline, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
      groups: groups, keepsState: !jsonl && shard == nil)
    if jsonl || shard != nil {
      try writeLines(files, runner: runner)
    } else {
      try writeOutputs(files, runner: runner, pipeline: pipeline, groups: groups, now: now)
    }
  }

  /// The folder the inputs are in: the corpus, or `--root` for listed paths.
  private var inputRoot: URL {
    manifest != nil || stdinPaths
      ? URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath)
      : URL(fileURLWithPath: corpus ?? "corpus")
  }

  /// The files to process, sorted by path; a manifest or standard input holds at most
  /// `limit` bytes of paths.
  private func inputFiles(limit: Int) throws -> [CorpusFile] {
    guard manifest != nil || stdinPaths else { return try Corpus(root: inputRoot).files() }
    let rootURL = inputRoot
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: rootURL.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw ValidationError("--root \(rootURL.path): no such folder")
    }
    let bytes: [UInt8]
    if let manifest {
      bytes = try DocumentLoader.readRegularFile(manifest, reportedAs: manifest, limit: limit)
    } else {
      bytes = try readStandardInput(limit: limit)
    }
    return Manifest.files(from: String(decoding: bytes, as: UTF8.self), root: rootURL)
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
        try OutputDirectory(folder).checkWritable(
          force: force, alsoChecking: ["shard.jsonl", "shard.json"])
        lock = try OutputLock(folder: folder)
        writer = try DocumentLinesWriter(file: folder.appendingPathComponent("shard.jsonl"))
      }
      var failed = 0
      try runner.stream(files) { _, outcome in
        if case .failed = outcome { failed += 1 }
        if !quiet { printWarnings(outcome) }
        try writer.add(outcome)
      }
      try writer.finish()
      if let shard = try shard.map(Shard.init(parsing:)), !jsonl {
        try OutputDirectory(URL(fileURLWithPath: output)).write(
          try DatasetCoding.encoder(pretty: false).encode(
            ShardInfo(shard: shard, documents: files.count)) + "\n",
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
    _ files: [CorpusFile], runner: BatchRunner, pipeline: Pipeline, groups: ComparisonLexicon,
    now: Date
  ) throws {
    let outputURL = URL(fileURLWithPath: output)
    let summary: RunSummary
    var started: OutputSession?
    do {
      let comparison = ComparisonMarkdownWriter(lexicon: groups)
      let target = try OutputTarget(
        output: outputURL, statePath: state, fingerprint: pipeline.fingerprint, force: force)
      Interruption.watch(output: outputURL)
      // The digest of a file whose modification time changed: same bytes, same outputs.
      let sha256 = { (file: CorpusFile) in
        (try? pipeline.loader.input(file.url, as: file.path)).map { SHA256.hexDigest($0.bytes) }
      }
      if !noCache,
        let unchanged = try target.store.touchIfUnchanged(
          files, generation: OutputDirectory(outputURL).currentGenerationName, at: now,
          sha256: sha256)
      {
        OutputDirectory(outputURL).removeStaleStaging()
        if !quiet {
          printError(
            "planscope: \(unchanged) document(s) unchanged since the last run; \(output) is current"
          )
          printSkipped(files.compactMap(\.skippedFile))
        }
        return
      }
      var policy = PublishPolicy()
      policy.allowShrink = allowShrink
      policy.maxShrink = maxShrink
      let session = try target.session(
        comparison: comparison, at: now, policy: policy, source: inputRoot.path)
      started = session
      let progress = Progress(total: files.count, enabled: !quiet && isatty(STDERR_FILENO) == 1)
      let cache = noCache ? nil : target.store
      // Unchanged documents are spliced from the published outputs without being read.
      let unchanged = noCache ? [:] : try session.unchangedDocuments(files, sha256: sha256)
      let byPath = Dictionary(
        files.filter { unchanged[Array($0.path.utf8)] != nil }.map { (Array($0.path.utf8), $0) },
        uniquingKeysWith: { first, _ in first })
      try runner.stream(files, cache: cache, unchanged: unchanged) { index, outcome in
        if !quiet { printWarnings(outcome) }
        try session.add(outcome) { document in
          byPath[Array(document.entry.path.utf8)].map { runner.process($0, cache: cache) }
            ?? .failed(path: document.entry.path, reason: "\(document.entry.path): not in the corpus")
        }
        progress.update(index + 1)
      }
      progress.finish()
      Interruption.phase = .publishing
      summary = try session.commit()
      // Kept until the process ends rather than freed piece by piece (20,000 plans: the
      // session's indexes and the comparison's aggregates took a quarter of a second).
      _ = Unmanaged.passRetained(session)
      Interruption.phase = .done
      target.close()
    } catch {
      // A refused publish still names the files that failed (they may be why).
      for failure in started?.summary.failures ?? [] { printError("planscope: error: \(failure)") }
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    try report(summary, output: output, quiet: quiet)
  }
}

extension CorpusFile {
  /// The dataset entry of a file the walk skipped.
  fileprivate var skippedFile: SkippedFile? {
    if case .skip(let file) = disposition { return file }
    return nil
  }
}

/// Standard input, at most `limit` bytes (`--stdin-paths`: `yes | planscope …` must end).
func readStandardInput(limit: Int) throws -> [UInt8] {
  var bytes: [UInt8] = []
  while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
    bytes.append(contentsOf: chunk)
    if bytes.count > limit {
      throw ValidationError(
        "standard input: more than \(limit >> 20) MiB of paths (the --max-input-mb limit)")
    }
  }
  return bytes
}

/// Prints a document's reading warnings (undecodable bytes, a guessed encoding) on stderr.
func printWarnings(_ outcome: BatchOutcome) {
  guard case .processed(let document) = outcome else { return }
  for warning in document.record.warnings
  where warning.code == .undecodableBytes || warning.code == .encodingUncertain {
    printError("planscope: warning: \(document.record.source.path): \(warning.message)")
  }
}

/// Says how many files were not read, by reason and extension, and how to convert them.
func printSkipped(_ skipped: [SkippedFile]) {
  guard !skipped.isEmpty else { return }
  var byReason: [SkippedFile.Reason: [String: Int]] = [:]
  for file in skipped { byReason[file.reason, default: [:]][file.fileExtension, default: 0] += 1 }
  let parts = SkippedFile.Reason.allCases.compactMap { reason -> String? in
    guard let extensions = byReason[reason] else { return nil }
    let total = extensions.values.reduce(0, +)
    let detail = extensions.sorted { $0.key < $1.key }.map {
      "\($0.key.isEmpty ? "no extension" : "." + $0.key) \($0.value)"
    }
    return
      "\(total) \(reason.rawValue.replacingOccurrences(of: "_", with: " ")) (\(detail.joined(separator: ", ")))"
  }
  printError(
    "planscope: \(skipped.count) file(s) skipped, not read: \(parts.joined(separator: "; ")); listed under \"skipped\" in dataset.json"
  )
  var hinted = Set<String>()
  for file in skipped where file.reason == .unsupportedFormat {
    let hint = SkippedFile.conversionHint(for: file.fileExtension)
    if hinted.insert(hint).inserted {
      printError("planscope: hint: .\(file.fileExtension): \(hint)")
    }
  }
}

/// Prints a run's summary and failures; exit status 1 when a file failed.
func report(_ summary: RunSummary, output: String, quiet: Bool) throws {
  if !quiet {
    printError(
      "planscope: \(summary.processed) document(s) written to \(output) (\(summary.cached) unchanged, from cache\(summary.spliced > 0 ? ", \(summary.spliced) of them reused from the last outputs" : "")), \(summary.failures.count) failed, \(summary.skipped.count) skipped"
    )
    printSkipped(summary.skipped)
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

  @Option(help: "Seconds one document may take, 0 for no limit (default: 120).")
  var maxSeconds: Double?

  /// The limits, defaults where no option was given.
  /// - Throws: `ValidationError` for a value that is not positive, or whose bytes overflow.
  func ingestLimits() throws -> IngestLimits {
    var limits = IngestLimits()
    let named: [(String, Int?)] = [
      ("--max-input-mb", maxInputMb), ("--max-text-mb", maxTextMb),
      ("--max-entry-mb", maxEntryMb), ("--max-zip-entries", maxZipEntries),
      ("--max-xml-depth", maxXmlDepth),
    ]
    for case (let name, let value?) in named where value <= 0 {
      throw ValidationError("\(name) \(value): limits must be positive")
    }
    func bytes(_ name: String, _ megabytes: Int) throws -> Int {
      let (value, overflow) = megabytes.multipliedReportingOverflow(by: 1 << 20)
      guard !overflow else {
        throw ValidationError("\(name) \(megabytes): too large (at most \(Int.max >> 20) MiB)")
      }
      return value
    }
    if let maxInputMb { limits.maxInputBytes = try bytes("--max-input-mb", maxInputMb) }
    if let maxTextMb { limits.maxTextBytes = try bytes("--max-text-mb", maxTextMb) }
    if let maxEntryMb { limits.maxEntryBytes = try bytes("--max-entry-mb", maxEntryMb) }
    if let maxZipEntries { limits.maxZipEntries = maxZipEntries }
    if let maxXmlDepth { limits.maxXMLDepth = maxXmlDepth }
    return limits
  }

  /// The per-document time budget: nil (no limit) for 0.
  /// - Throws: `ValidationError` for a negative or non-finite value.
  func secondsPerDocument() throws -> Double? {
    guard let maxSeconds else { return PipelineOptions().maxSecondsPerDocument }
    guard maxSeconds.isFinite, maxSeconds >= 0 else {
      throw ValidationError("--max-seconds \(maxSeconds): expected 0 (no limit) or more")
    }
    // Beyond about 30 years a budget is no budget (and would overflow the clock).
    return maxSeconds == 0 || maxSeconds > 1e9 ? nil : maxSeconds
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

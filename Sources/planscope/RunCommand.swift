import ArgumentParser
import Foundation
import PlanScope

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Process every .txt and .docx under CORPUS into OUTPUT.",
    discussion: """
      Writes OUTPUT/dataset.json (schema policy-dataset/1) and, per document,
      OUTPUT/text/<id>.txt (normalized Simplified text that spans index into) and
      OUTPUT/text/<id>.original.txt (the same text in its original script).
      A file that cannot be read is reported on stderr; the others are still processed
      and the exit status is 1.

      Example:
        planscope run corpus -o output --jobs 2
      """
  )

  @Argument(help: "Folder (or single file) to read.")
  var corpus: String = "corpus"

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

  func run() throws {
    let pipeline: Pipeline
    let comparison: ComparisonMarkdownWriter
    do {
      let lexiconFolder = lexicons.map { URL(fileURLWithPath: $0) }
      pipeline = try Pipeline.standard(lexicons: lexiconFolder)
      comparison = ComparisonMarkdownWriter(
        lexicon: try ComparisonLexicon.standard(lexicons: lexiconFolder))
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    let files: [CorpusFile]
    do {
      files = try Corpus(root: URL(fileURLWithPath: corpus)).files()
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    let outputURL = URL(fileURLWithPath: output)
    let lock: OutputLock
    let store: StateStore
    do {
      lock = try OutputLock(folder: outputURL)
      store = try StateStore(
        path: state ?? outputURL.appendingPathComponent("state.sqlite").path,
        fingerprint: pipeline.fingerprint)
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    let progress = Progress(total: files.count, enabled: !quiet && isatty(STDERR_FILENO) == 1)
    let outcomes = BatchRunner(pipeline: pipeline, jobs: jobs).run(
      files, cache: noCache ? nil : store
    ) {
      progress.update($0)
    }
    progress.finish()
    var runs: [ProcessedDocument] = []
    var failures: [String] = []
    var failedPaths = Set<String>()
    for outcome in outcomes {
      switch outcome {
      case .processed(let run): runs.append(run)
      case .failed(let path, let reason):
        failures.append(reason)
        failedPaths.insert(path)
      }
    }
    let dataset = Dataset(records: runs.map(\.record))
    do {
      try OutputDirectory(URL(fileURLWithPath: output)).writeRun(
        dataset: dataset, documents: runs, comparison: comparison)
      try store.record(runs, failed: failedPaths, at: Date())
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    withExtendedLifetime(lock) {}
    if !quiet {
      let cached = runs.filter(\.cached).count
      printError(
        "planscope: \(runs.count) document(s) written to \(output) (\(cached) unchanged, from cache), \(failures.count) failed"
      )
    }
    if !failures.isEmpty {
      for failure in failures { printError("planscope: error: \(failure)") }
      throw ExitCode(1)
    }
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

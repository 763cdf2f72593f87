import Foundation

/// The outcome of one file in a batch.
public enum BatchOutcome: Sendable {
  /// Processed (or taken from the cache).
  case processed(ProcessedDocument)
  /// Failed with a reason naming the file.
  case failed(path: String, reason: String)
}

/// Runs the pipeline over many files on several threads; results come back in input order,
/// so the output is identical for any number of jobs.
public struct BatchRunner: Sendable {
  private let pipeline: Pipeline
  private let jobs: Int

  /// Creates a runner with `jobs` worker threads (at least one).
  public init(pipeline: Pipeline, jobs: Int) {
    self.pipeline = pipeline
    self.jobs = max(1, jobs)
  }

  /// Processes every file; a file whose bytes hash to a record in `cache` is not extracted
  /// again. `progress` is called after each file with the number done.
  public func run(
    _ files: [CorpusFile], cache: (any RecordCache)? = nil,
    progress: @Sendable (Int) -> Void = { _ in }
  ) -> [BatchOutcome] {
    let state = BatchState(count: files.count)
    let pipeline = self.pipeline
    DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, files.count))) { _ in
      while let index = state.next() {
        let file = files[index]
        let outcome: BatchOutcome
        do {
          let input = try pipeline.loader.input(file.url, as: file.path)
          let sha256 = SHA256.hexDigest(input.bytes)
          if var hit = cache?.cached(sha256: sha256) {
            hit.record.source.path = file.path
            outcome = .processed(hit)
          } else {
            let source = try pipeline.loader.read(
              input, format: DocumentLoader.format(of: file.url))
            var diagnostics = Diagnostics()
            outcome = .processed(ProcessedDocument(pipeline.run(source, diagnostics: &diagnostics)))
          }
        } catch {
          outcome = .failed(path: file.path, reason: String(describing: error))
        }
        progress(state.finish(index, outcome))
      }
    }
    return state.outcomes.map { $0 ?? .failed(path: "", reason: "not processed") }
  }
}

/// Shared work queue and results of a batch, guarded by a lock.
private final class BatchState: @unchecked Sendable {
  private let lock = NSLock()
  private var nextIndex = 0
  private var done = 0
  private(set) var outcomes: [BatchOutcome?]

  init(count: Int) { outcomes = Array(repeating: nil, count: count) }

  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextIndex < outcomes.count else { return nil }
    nextIndex += 1
    return nextIndex - 1
  }

  func finish(_ index: Int, _ outcome: BatchOutcome) -> Int {
    lock.lock()
    defer { lock.unlock() }
    outcomes[index] = outcome
    done += 1
    return done
  }
}

import Foundation

/// The outcome of one file in a batch.
public enum BatchOutcome: Sendable {
  /// Processed (or taken from the cache).
  case processed(ProcessedDocument)
  /// Failed with a reason naming the file.
  case failed(path: String, reason: String)
  /// Not read (an unsupported format, a FIFO …): listed in the dataset's `skipped`.
  case skipped(SkippedFile)
  /// Not read because it is unchanged since the published generation (see `SplicePlan`).
  case unchanged(UnchangedDocument)

  /// The path the outcome is for.
  public var path: String {
    switch self {
    case .processed(let document): document.record.source.path
    case .failed(let path, _): path
    case .skipped(let file): file.path
    case .unchanged(let document): document.entry.path
    }
  }
}

/// Runs the pipeline over many files on several threads and hands the outcomes back in input
/// order, so the output is identical for any number of jobs.
///
/// Documents stream: workers run at most `window` files ahead of the consumer, so memory holds
/// a bounded number of documents whatever the corpus size.
public struct BatchRunner: Sendable {
  private let pipeline: Pipeline
  private let jobs: Int
  private let groups: ComparisonLexicon?
  /// Whether records get their compressed state form (`EncodedRecord.stateRecord`).
  private let keepsState: Bool

  /// Creates a runner with `jobs` worker threads (at least one); `groups` fills the CSV
  /// exports' grouping columns of the records it encodes; `keepsState` false skips the state
  /// form of records (a run that writes no state).
  public init(
    pipeline: Pipeline, jobs: Int, groups: ComparisonLexicon? = nil, keepsState: Bool = true
  ) {
    self.pipeline = pipeline
    self.jobs = max(1, jobs)
    self.groups = groups
    self.keepsState = keepsState
  }

  /// Processes every file and returns the outcomes in input order (all in memory; for large
  /// batches use `stream`).
  public func run(
    _ files: [CorpusFile], cache: (any RecordCache)? = nil,
    progress: @Sendable (Int) -> Void = { _ in }
  ) -> [BatchOutcome] {
    var outcomes: [BatchOutcome] = []
    stream(files, cache: cache) { index, outcome in
      outcomes.append(outcome)
      progress(index + 1)
    }
    return outcomes
  }

  /// Processes every file, calling `consume` on the calling thread with each outcome in input
  /// order while later files are processed. A file whose bytes hash to a record in `cache` is
  /// not extracted again. When `consume` throws, the workers stop and the error is rethrown.
  ///
  /// Files in `unchanged` (by the UTF-8 bytes of their path) are not read at all: their outcome
  /// is `.unchanged`, handed over in order without a worker.
  public func stream(
    _ files: [CorpusFile], cache: (any RecordCache)? = nil,
    unchanged: [[UInt8]: UnchangedDocument] = [:],
    consume: (Int, BatchOutcome) throws -> Void
  ) rethrows {
    guard !files.isEmpty else { return }
    if !unchanged.isEmpty {
      // Only the changed files go to the workers; outcomes are merged back in input order.
      let changed = files.indices.filter { unchanged[Array(files[$0].path.utf8)] == nil }
      var next = 0
      try stream(changed.map { files[$0] }, cache: cache) { position, outcome in
        let index = changed[position]
        while next < index {
          if let document = unchanged[Array(files[next].path.utf8)] {
            try consume(next, .unchanged(document))
          }
          next += 1
        }
        try consume(index, outcome)
        next = index + 1
      }
      while next < files.count {
        if let document = unchanged[Array(files[next].path.utf8)] {
          try consume(next, .unchanged(document))
        }
        next += 1
      }
      return
    }
    let state = StreamState(window: jobs * 4)
    let group = DispatchGroup()
    let pipeline = self.pipeline
    let groups = self.groups
    let keepsState = self.keepsState
    for _ in 0..<min(jobs, files.count) {
      group.enter()
      let worker = Thread {
        defer { group.leave() }
        Self.yieldToConsumers()
        let encoder = RecordEncoder(groups: groups, compressesState: keepsState)
        while let index = state.next(limit: files.count) {
          state.deliver(
            index,
            Self.process(files[index], pipeline: pipeline, cache: cache, encoder: encoder))
        }
      }
      worker.name = "planscope.worker"
      worker.start()
    }
    defer {
      state.cancel()
      group.wait()
    }
    for index in files.indices {
      try consume(index, state.take(index))
    }
  }

  /// Lowers the calling worker thread's priority by 5 nice steps (a third of the CPU share of
  /// a thread at the process's priority, when both want the same core).
  ///
  /// Workers are producers: they can run only `window` files ahead of the thread writing the
  /// outputs, which feeds the database threads, whose full-text index is the longest task of
  /// a run. At equal priority the scheduler shared the cores evenly among all of them, so that
  /// longest thread got about four fifths of a core while workers ran ahead to the window's
  /// end; this way it gets a core whenever it can use one, and workers take what is left (the
  /// scheduler gives idle CPU to any thread, so a run without contention loses nothing). On
  /// Linux a nice value is a thread's own (`PRIO_PROCESS` 0 is the calling thread); the
  /// threads are the run's own and end with it.
  private static func yieldToConsumers() {
    #if os(Linux)
      let which = __priority_which_t(PRIO_PROCESS.rawValue)
      errno = 0
      let current = getpriority(which, 0)
      if errno == 0 { _ = setpriority(which, 0, min(current + 5, 19)) }
    #endif
  }

  /// One file through the cache or the pipeline, on the calling thread, serialized for the
  /// outputs; never throws (a failure is an outcome).
  public func process(_ file: CorpusFile, cache: (any RecordCache)?) -> BatchOutcome {
    Self.process(
      file, pipeline: pipeline, cache: cache,
      encoder: RecordEncoder(groups: groups, compressesState: keepsState))
  }

  /// One file through the cache or the pipeline; never throws (a failure is an outcome).
  /// With an `encoder`, the record is also serialized for the outputs.
  static func process(
    _ file: CorpusFile, pipeline: Pipeline, cache: (any RecordCache)?,
    encoder: RecordEncoder? = nil
  ) -> BatchOutcome {
    switch file.disposition {
    case .read: break
    case .skip(let skipped): return .skipped(skipped)
    case .fail(let reason): return .failed(path: file.path, reason: reason)
    }
    let stamp = FileStamp.of(file.url.path)
    do {
      var budget = TimeBudget(seconds: pipeline.maxSecondsPerDocument)
      let input = try pipeline.loader.input(file.url, as: file.path)
      let sha256 = SHA256.hexDigest(input.bytes)
      if var hit = cache?.cached(sha256: sha256) {
        hit.record.source.path = file.path
        hit.stamp = stamp
        hit.encoded = try encoder?.encode(hit.record)
        return .processed(hit)
      }
      let source = try pipeline.loader.read(
        input, format: DocumentLoader.format(of: file.url, bytes: input.bytes), sha256: sha256)
      var diagnostics = Diagnostics()
      let run = pipeline.run(source, budget: &budget, diagnostics: &diagnostics)
      if let stage = budget.exceededStage {
        throw IngestError.timeBudgetExceeded(
          path: file.path, seconds: budget.seconds ?? 0, stage: stage)
      }
      var document = ProcessedDocument(run)
      document.stamp = stamp
      document.encoded = try encoder?.encode(document.record)
      return .processed(document)
    } catch {
      return .failed(path: file.path, reason: String(describing: error))
    }
  }
}

/// The work queue and reorder buffer of a stream, guarded by one condition variable.
private final class StreamState: @unchecked Sendable {
  private let condition = NSCondition()
  private let window: Int
  private var nextIndex = 0
  private var consumed = 0
  private var cancelled = false
  private var ready: [Int: BatchOutcome] = [:]

  init(window: Int) { self.window = max(2, window) }

  /// The next file to process, waiting while workers are `window` files ahead; nil when done.
  func next(limit: Int) -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while !cancelled && nextIndex < limit && nextIndex >= consumed + window {
      condition.wait()
    }
    guard !cancelled, nextIndex < limit else { return nil }
    nextIndex += 1
    return nextIndex - 1
  }

  func deliver(_ index: Int, _ outcome: BatchOutcome) {
    condition.lock()
    ready[index] = outcome
    condition.broadcast()
    condition.unlock()
  }

  /// Waits for the outcome of `index` and hands it over.
  func take(_ index: Int) -> BatchOutcome {
    condition.lock()
    defer { condition.unlock() }
    while ready[index] == nil { condition.wait() }
    consumed = index + 1
    condition.broadcast()
    return ready.removeValue(forKey: index) ?? .failed(path: "", reason: "not processed")
  }

  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }
}

import Foundation

/// What a run or merge did: counts and the failures to report.
public struct RunSummary: Sendable, Hashable {
  /// Documents written.
  public var processed = 0
  /// Of those, taken from the state cache.
  public var cached = 0
  /// Of those, not read at all: unchanged since the published generation, spliced from it.
  public var spliced = 0
  /// Failed files with their reasons (which name the file), in path order.
  public var failures: [String] = []
  /// Files not read, in path order (also in the dataset's `skipped`).
  public var skipped: [SkippedFile] = []
}

/// Writes the full outputs of a run, document by document in path order: the output folder
/// (`RunWriter`) and the state database, committed together at the end. `planscope run` and
/// `planscope merge` both end here, which is why a merged run equals a single one byte for
/// byte.
public final class OutputSession {
  private let writer: RunWriter
  private let directory: OutputDirectory
  private let update: StateUpdate?
  private let state: StateStore?
  private var key: StateStore.RunKey?
  /// Serializes records that arrive without their encoded forms (merged JSON lines), once
  /// for both the outputs and the state.
  private let encoder: RecordEncoder
  private let policy: PublishPolicy
  private let source: String
  /// Paths of the documents published before this run, and how many of them are here again.
  private let previous: Set<[UInt8]>
  private var kept = 0
  /// What was written so far.
  public private(set) var summary = RunSummary()

  /// Opens the session; the caller holds the folder's `OutputLock`. `policy` decides whether
  /// a run that found fewer documents may replace the published ones; `source` names the
  /// input in its message (the corpus folder).
  /// - Throws: `OutputError`, `OutputSafetyError` or `SQLiteError`.
  public init(
    output: URL, comparison: ComparisonMarkdownWriter, state: StateStore?, at now: Date,
    policy: PublishPolicy = PublishPolicy(), source: String = "the input"
  ) throws {
    let directory = OutputDirectory(output)
    self.directory = directory
    do {
      previous = try directory.publishedPaths() ?? []
    } catch {
      guard policy.allowShrink else { throw error }
      previous = []
    }
    self.policy = policy
    self.source = source
    encoder = RecordEncoder(groups: comparison.lexicon)
    writer = try RunWriter(
      directory: directory, comparison: comparison, fingerprint: state?.fingerprint ?? "")
    update = try state?.beginUpdate(at: now)
    self.state = state
    // Cached records get their texts from the published generation's files.
    if let index = writer.previousIndex, let generation = directory.currentGeneration {
      state?.texts = { sha256 in
        guard let key = index.key(content: sha256) else { return nil }
        let base = generation.appendingPathComponent("text/\(key)").path
        guard let text = try? String(contentsOfFile: base + ".txt", encoding: .utf8),
          let original = try? String(contentsOfFile: base + ".original.txt", encoding: .utf8)
        else { return nil }
        return (text, original)
      }
    } else {
      state?.texts = nil
    }
    key = state.map { StateStore.RunKey(fingerprint: $0.fingerprint) }
  }

  /// The files that need not be processed, by the UTF-8 bytes of their path: unchanged since
  /// the published generation, which this pipeline made (the same SHA-256 in the state as in
  /// that generation, and the same size and modification time as the state recorded, or the
  /// same bytes by `sha256`, asked only of files whose time differs). Their outputs are
  /// spliced from it. Empty without a state or a usable generation, and when fewer than half
  /// of the documents are unchanged (writing all of them anew then costs less).
  /// - Throws: `SQLiteError`.
  public func unchangedDocuments(
    _ files: [CorpusFile], sha256: (CorpusFile) -> String? = { _ in nil }
  ) throws -> [[UInt8]: UnchangedDocument] {
    guard let index = writer.previousIndex, let state else { return [:] }
    let unchanged = try state.unchanged(files, in: index, sha256: sha256)
    // Splicing updates a copy of the previous database, which pays when most documents stay;
    // otherwise every document is written anew (from the cache when it can be).
    let read = files.filter { if case .read = $0.disposition { true } else { false } }.count
    guard unchanged.count * 2 >= read, !unchanged.isEmpty, writer.previousFilesAreWhole()
    else { return [:] }
    writer.splices = true
    try writer.startDatabase()
    return unchanged
  }

  /// Adds the next outcome (outcomes come sorted by path). An `.unchanged` document whose
  /// bytes cannot be spliced (it became or stopped being a copy of another) is processed
  /// again by `reprocess`.
  /// - Throws: `OutputError`, `SQLiteError` or an encoding error.
  public func add(
    _ outcome: BatchOutcome, reprocess: (UnchangedDocument) -> BatchOutcome = {
      .failed(path: $0.entry.path, reason: "\($0.entry.path): cannot be reused (run with --no-cache)")
    }
  ) throws {
    switch outcome {
    case .unchanged(let document):
      let path = document.entry.path
      let spliced = try writer.add(document)
      guard spliced else { return try add(reprocess(document)) }
      try update?.addUnchanged(path: path, stamp: document.stamp)
      key?.add(path: path, sha256: document.entry.sha256)
      summary.processed += 1
      summary.cached += 1
      summary.spliced += 1
      if previous.contains(Array(path.utf8)) { kept += 1 }
    case .processed(var document):
      if document.encoded == nil { document.encoded = try encoder.encode(document.record) }
      try writer.add(document)
      try update?.add(document)
      key?.add(path: document.record.source.path, sha256: document.record.source.sha256)
      summary.processed += 1
      if document.cached { summary.cached += 1 }
      if previous.contains(Array(document.record.source.path.utf8)) { kept += 1 }
    case .failed(let path, let reason):
      try update?.addFailure(path: path)
      summary.failures.append(reason)
    case .skipped(let file):
      writer.addSkipped(file)
      key?.add(skipped: file)
      summary.skipped.append(file)
    }
  }

  /// Publishes the outputs, then commits the state (with the run's key when nothing failed,
  /// so an unchanged corpus is skipped next time). A run that found no document, or would
  /// drop more of the published ones than `policy` allows, publishes nothing and changes no
  /// state.
  /// - Throws: `OutputSafetyError`, `OutputError` or `SQLiteError`.
  public func commit() throws -> RunSummary {
    try policy.check(
      current: summary.processed, previous: previous.count, lost: previous.count - kept,
      corpus: source, skipped: summary.skipped.count, failed: summary.failures.count)
    let generation = try writer.commit()
    // Generations older than the one before go (left by an earlier version, or by a run that
    // published the same outputs again) while the state commits.
    let directory = directory
    let kept = Set([generation] + (writer.previousGenerationName.map { [$0] } ?? []))
    let removal = Background(name: "planscope-remove") {
      directory.removeGenerations(except: kept)
    }
    defer { removal.value }
    try state?.rememberRun(
      key: summary.failures.isEmpty ? key?.value : nil, generation: generation)
    try update?.commit()
    return summary
  }
}

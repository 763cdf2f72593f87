import Foundation

/// An output folder opened for writing a run, checked and locked: what `planscope run` and
/// `planscope merge` share before they stream documents into an `OutputSession`.
///
/// Opening refuses a folder planscope did not create (unless `force`), any published name
/// that is not planscope's own link, and a state database that serves another output folder;
/// then it takes the folder's lock (one writer at a time) and opens the state.
public final class OutputTarget {
  /// The output folder.
  public let url: URL
  /// The state database.
  public let store: StateStore
  private let lock: OutputLock

  /// Checks and locks `output`; `statePath` nil means `OUTPUT/state.sqlite`.
  /// - Throws: `OutputSafetyError`, `OutputLock.LockError`, `StateError` or `SQLiteError`.
  public init(output: URL, statePath: String?, fingerprint: String, force: Bool) throws {
    url = output
    let directory = OutputDirectory(output)
    let defaultState = statePath == nil
    try directory.checkWritable(force: force, alsoChecking: defaultState ? ["state.sqlite"] : [])
    lock = try OutputLock(folder: output)
    store = try StateStore(
      path: statePath ?? output.appendingPathComponent("state.sqlite").path,
      fingerprint: fingerprint, owner: (output, defaultState))
  }

  /// A session writing this folder's outputs and state.
  /// - Throws: `OutputError`, `OutputSafetyError` or `SQLiteError`.
  public func session(
    comparison: ComparisonMarkdownWriter, at now: Date, policy: PublishPolicy, source: String
  ) throws -> OutputSession {
    try OutputSession(
      output: url, comparison: comparison, state: store, at: now, policy: policy, source: source)
  }

  /// Keeps the lock until the caller is done.
  public func close() { withExtendedLifetime(lock) {} }
}

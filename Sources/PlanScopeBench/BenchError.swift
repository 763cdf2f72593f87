import PlanScope
/// Why the benchmark could not run. A missing reference tool is not an error (its rows read
/// “n/a”); these stop the whole suite.
public enum BenchError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The seed corpus holds no plan with text.
  case noSeedPlans
  /// A file or folder under the work folder could not be made.
  case workspace(path: String, reason: String)
  /// A command could not be started.
  case spawnFailed(command: String, reason: String)
  /// A command needed to build the corpora (pandoc) failed.
  case commandFailed(command: String, status: Int32, stderr: String)

  /// A one-line reason.
  public var description: String {
    switch self {
    case .noSeedPlans: "no seed plan with text (expected corpus/*.txt)"
    case .workspace(let path, let reason): "\(path): \(reason)"
    case .spawnFailed(let command, let reason): "cannot start \(command): \(reason)"
    case .commandFailed(let command, let status, let stderr):
      "\(command) exited with status \(status): \(stderr)"
    }
  }
}

/// Why an output could not be written.
public enum OutputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file system refused a write, rename or directory creation.
  case writeFailed(path: String, reason: String)
  /// Documents reached a writer out of path order (or a path came twice).
  case unsorted(path: String, after: String)

  /// A one-line reason.
  public var description: String {
    switch self {
    case .writeFailed(let path, let reason): "\(path): cannot write: \(reason)"
    case .unsorted(let path, let after):
      "\(path): documents must come sorted by path, each once (it came after \(after))"
    }
  }
}

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive lock on an output folder (`.planscope.lock`, flock), so two runs never write
/// the same outputs at once. Released when the value is released or the process ends, even
/// when it is killed.
public final class OutputLock: Sendable {
  private let descriptor: Int32
  /// The lock file's name inside the output folder.
  public static let fileName = ".planscope.lock"

  /// Why the lock could not be taken.
  public enum LockError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another process holds it.
    case held(path: String)
    /// The lock file could not be created.
    case unavailable(path: String, reason: String)

    /// A one-line reason.
    public var description: String {
      switch self {
      case .held(let path):
        "another planscope process is writing this output folder (lock held: \(path))"
      case .unavailable(let path, let reason): "\(path): cannot create lock: \(reason)"
      }
    }
  }

  /// Takes the lock of `folder` without waiting.
  /// - Throws: `LockError.held` when another process has it.
  public init(folder: URL) throws {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(Self.fileName).path
    let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw LockError.unavailable(path: path, reason: String(cString: strerror(errno)))
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      close(descriptor)
      throw LockError.held(path: path)
    }
    self.descriptor = descriptor
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}

import Foundation

#if canImport(Glibc)
  import CLinux
  import Glibc
#endif

/// A file open for reading, closed when the last reference to it goes: a copy queued on a
/// `FileCopier` keeps its source open until it is done.
final class SourceFile: @unchecked Sendable {
  let descriptor: Int32
  /// The file, for errors.
  let path: String

  /// Opens the file at `path`.
  /// - Throws: `OutputError.writeFailed` naming the file.
  init(path: String) throws(OutputError) {
    self.path = path
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw OutputError.writeFailed(path: path, reason: String(cString: strerror(errno)))
    }
  }

  deinit { close(descriptor) }
}

/// The kernel work of a run that splices: copying the byte ranges of unchanged documents and
/// comparison blocks from the previous generation's files into the new ones (and starting
/// their write-back as they are copied), linking their texts, and starting the write-back of
/// finished files. It runs on a thread of its own, so
/// it takes the second core while the run's thread goes on splicing and rendering (20,000
/// plans, one changed: 2.3 GB copied and 40,000 links, about 2.5 s, were all on the run's
/// thread).
///
/// A copy lands at the byte offset its file reserved for it, so the file's own bytes
/// (`BufferedFile` writes them at their offsets) need not wait for it. Tasks hold their
/// files, so nothing is closed under a queued copy. The first failure stops the thread;
/// the next `add` or `finish` throws it, naming the file.
final class FileCopier: @unchecked Sendable {
  enum Task {
    /// Copy `range` of `source` into `file` at byte `offset`, and start writing those bytes
    /// back to disk.
    case copy(into: BufferedFile, at: Int, from: SourceFile, range: Range<Int>)
    /// Link `path` to the existing file at `existing`.
    case link(existing: String, path: String)
    /// Start writing `file` back to disk (it is complete once the tasks before this are
    /// done).
    case startWriteback(BufferedFile)
  }

  private let thread: QueueThread<Task>

  /// Starts the thread.
  init() {
    // A queued task is a few references: thousands of them are a few hundred KB.
    thread = QueueThread(
      name: "planscope-copy", capacity: 1 << 14, handle: Self.perform, complete: {})
  }

  /// Queues `task`; waits while the queue is full.
  /// - Throws: `OutputError` of an earlier task that failed.
  func add(_ task: Task) throws(OutputError) {
    do {
      try thread.add(task)
    } catch let error as OutputError {
      throw error
    } catch {
      throw OutputError.writeFailed(path: "", reason: "\(error)")
    }
  }

  /// Waits until every queued task is done.
  /// - Throws: `OutputError` of the first task that failed.
  func finish() throws {
    try thread.finish()
  }

  /// Drops the tasks not yet done and waits for the one being done (a run that fails removes
  /// its staging folder only once nothing writes there).
  func cancel() {
    thread.cancel(waiting: true)
  }

  private static func perform(_ task: Task) throws {
    switch task {
    case .copy(let file, let offset, let source, let range):
      try copy(source, range, into: file, at: offset)
      // Written back as it is copied rather than all at the end (advice only: the run's
      // sync waits for whatever is left).
      _ = planscope_start_writeback_range(file.descriptor, Int64(offset), Int64(range.count))
    case .link(let existing, let path):
      guard Glibc.link(existing, path) == 0 else {
        throw OutputError.writeFailed(path: existing, reason: String(cString: strerror(errno)))
      }
    case .startWriteback(let file):
      // Advice only: a failure leaves the writing to the run's sync.
      _ = planscope_start_writeback(file.descriptor)
    }
  }

  /// Copies in the kernel (`copy_file_range(2)`, `sendfile(2)` where it is refused).
  private static func copy(
    _ source: SourceFile, _ range: Range<Int>, into file: BufferedFile, at offset: Int
  ) throws(OutputError) {
    var from = off_t(range.lowerBound)
    var to = off_t(offset)
    var left = range.count
    var kernelCopy = true
    while left > 0 {
      var copied: Int
      if kernelCopy {
        copied = copy_file_range(source.descriptor, &from, file.descriptor, &to, left, 0)
        if copied < 0, [EXDEV, EINVAL, ENOSYS, EOPNOTSUPP].contains(errno) {
          kernelCopy = false
          continue
        }
      } else {
        // sendfile writes at the file's position, which only this thread moves.
        guard lseek(file.descriptor, to, SEEK_SET) == to else {
          throw OutputError.writeFailed(path: file.path, reason: String(cString: strerror(errno)))
        }
        copied = sendfile(file.descriptor, source.descriptor, &from, left)
        if copied > 0 { to += off_t(copied) }
      }
      if copied < 0, errno == EINTR { continue }
      guard copied > 0 else {
        let reason =
          copied < 0 ? String(cString: strerror(errno)) : "ends before byte \(range.upperBound)"
        throw OutputError.writeFailed(path: source.path, reason: reason)
      }
      left -= copied
    }
  }
}

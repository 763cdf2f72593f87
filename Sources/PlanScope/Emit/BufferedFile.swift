import Foundation

#if canImport(Glibc)
  import CLinux
  import Glibc
#endif

/// A new file written through a 1 MiB buffer, synced to disk when closed; what a run streams
/// its outputs into so no output has to be held in memory whole.
public final class BufferedFile {
  let descriptor: Int32
  private var buffer: [UInt8] = []
  private var hash = FNV1a()
  private var ownsDescriptor = true
  /// The file.
  let path: String

  /// Creates (or truncates) the file at `path`. With `reusing`, a file there is written over
  /// from its start and cut to its new length by `finish`, so its blocks are reused instead
  /// of freed and allocated again; unless it is not a plain file of its own (other links
  /// share it), which is then removed first, never written into.
  /// - Throws: `OutputError.writeFailed`.
  public init(path: String, reusing: Bool = false) throws {
    self.path = path
    if reusing {
      var info = stat()
      if lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG || info.st_nlink != 1 {
        unlink(path)
      }
    }
    descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC | (reusing ? 0 : O_TRUNC), 0o644)
    guard descriptor >= 0 else {
      throw OutputError.writeFailed(path: path, reason: String(cString: strerror(errno)))
    }
    cutsAtFinish = reusing
    buffer.reserveCapacity(1 << 20)
  }

  /// Whether `finish` cuts the file where the written bytes end (see `init`).
  private var cutsAtFinish = false

  /// Wraps an open descriptor (standard output); `finish` flushes without syncing it.
  public init(descriptor: Int32, name: String) {
    self.path = name
    self.descriptor = descriptor
    ownsDescriptor = false
  }

  deinit { if ownsDescriptor { close(descriptor) } }

  /// A 64-bit FNV-1a hash of everything written so far (spliced bytes excepted).
  var digest: UInt64 { hash.value }

  /// Bytes in the file so far, buffered and queued ones included: where the next write lands.
  private(set) var offset = 0

  /// Where spliced bytes are copied: on its thread (the file's own bytes are then written at
  /// their offsets, and `finish` only queues the write-back), or here when nil.
  var copier: FileCopier?

  /// Appends `range` of `source` without reading it into memory (the kernel copies the
  /// pages, on `copier`'s thread when there is one). A range that continues the previous one
  /// in the same source is copied with it, in one call, up to 64 MiB (so a long run of
  /// spliced documents is copied while the next ones are still being spliced). The spliced
  /// bytes are not part of `digest`.
  /// - Throws: `OutputError.writeFailed`, also when the source ends before the range does.
  func splice(from source: SourceFile, _ range: Range<Int>) throws(OutputError) {
    if let pending, pending.source === source, pending.range.upperBound == range.lowerBound,
      pending.range.count < Self.largestSplice
    {
      self.pending?.range = pending.range.lowerBound..<range.upperBound
    } else {
      try flushSplice()
      try flush(wholeBlocksOnly: false)
      pending = (source, range, offset)
    }
    offset += range.count
  }

  /// Bytes copied in one call at most (see `splice`).
  private static let largestSplice = 64 << 20

  /// A splice not yet copied, and where it goes in the file: it may still grow.
  private var pending: (source: SourceFile, range: Range<Int>, at: Int)?

  /// Copies the pending splice, or queues it on `copier`.
  private func flushSplice() throws(OutputError) {
    guard let pending else { return }
    self.pending = nil
    if let copier {
      try copier.add(.copy(into: self, at: pending.at, from: pending.source, range: pending.range))
      return
    }
    var position = off_t(pending.range.lowerBound)
    var left = pending.range.count
    while left > 0 {
      let copied = sendfile(descriptor, pending.source.descriptor, &position, left)
      if copied < 0, errno == EINTR { continue }
      guard copied > 0 else {
        let reason =
          copied < 0
          ? String(cString: strerror(errno)) : "ends before byte \(pending.range.upperBound)"
        throw OutputError.writeFailed(path: pending.source.path, reason: reason)
      }
      left -= copied
    }
  }

  /// Appends text as UTF-8.
  /// - Throws: `OutputError.writeFailed`.
  public func write(_ text: String) throws {
    var text = text
    try text.withUTF8 { try write($0) }
  }

  /// Appends bytes.
  /// - Throws: `OutputError.writeFailed`.
  func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(OutputError) {
    if pending != nil { try flushSplice() }
    offset += bytes.count
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.block { try flush(wholeBlocksOnly: true) }
  }

  /// Creates (or truncates) the file at `path` holding `text` as UTF-8, without a
  /// sync: for many small files made durable together by one `sync(2)` (Foundation's
  /// `createFile` syncs each one, which made text files the slowest part of writing a run).
  /// - Throws: `OutputError.writeFailed`.
  package static func create(_ path: String, holding text: String) throws(OutputError) {
    let descriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw OutputError.writeFailed(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var text = text
    if let failure = text.withUTF8({ writeAll(descriptor, UnsafeRawBufferPointer($0)) }) {
      throw OutputError.writeFailed(path: path, reason: String(cString: strerror(failure)))
    }
  }

  /// Bytes written (and hashed) at a time: the digest sees the same blocks however the
  /// content was split into `write` calls, so it depends on the bytes alone.
  private static let block = 1 << 20

  /// Writes the buffer out and syncs the file to disk.
  /// - Throws: `OutputError.writeFailed`.
  public func finish() throws {
    try finish(syncing: true)
  }

  /// Writes the buffer out; syncs the file to disk, or only starts writing it back when a
  /// later sync of the whole file system will wait for it (a run's outputs: see
  /// `RunWriter.commit`), so the disk works while the run goes on. With a `copier`, the
  /// file is complete only once the copier has finished (it cannot be synced here).
  /// - Throws: `OutputError.writeFailed`.
  func finish(syncing: Bool) throws(OutputError) {
    try flushSplice()
    try flush(wholeBlocksOnly: false)
    guard ownsDescriptor else { return }
    if cutsAtFinish, ftruncate(descriptor, off_t(offset)) != 0 {
      throw OutputError.writeFailed(path: path, reason: String(cString: strerror(errno)))
    }
    if let copier {
      precondition(!syncing, "a file with queued copies is synced by the run's sync")
      try copier.add(.startWriteback(self))
      return
    }
    if syncing {
      if fsync(descriptor) != 0 {
        throw OutputError.writeFailed(path: path, reason: String(cString: strerror(errno)))
      }
    } else {
      // Advice only: a failure leaves the writing to the later sync.
      #if canImport(Glibc)
        _ = planscope_start_writeback(descriptor)
      #endif
    }
  }

  private func flush(wholeBlocksOnly: Bool) throws(OutputError) {
    let count = wholeBlocksOnly ? buffer.count / Self.block * Self.block : buffer.count
    var start = 0
    while start < count {
      let end = min(count, start + Self.block)
      buffer.withUnsafeBufferPointer { hash.add(UnsafeBufferPointer(rebasing: $0[start..<end])) }
      start = end
    }
    // With a copier the file has holes still to be filled: bytes go to their offsets.
    let position = copier == nil ? nil : offset - buffer.count
    let failure = buffer.withUnsafeBytes {
      Self.writeAll(descriptor, UnsafeRawBufferPointer(rebasing: $0[..<count]), at: position)
    }
    if let failure {
      throw OutputError.writeFailed(path: path, reason: String(cString: strerror(failure)))
    }
    buffer.removeFirst(count)
  }

  /// Writes all of `bytes` to `descriptor`, at byte `position` of the file or else where the
  /// file is (retrying short and interrupted writes); the `errno` of a failed write, or nil.
  private static func writeAll(
    _ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at position: Int? = nil
  ) -> Int32? {
    var offset = 0
    while offset < bytes.count {
      let start = bytes.baseAddress.map { $0 + offset }
      let written =
        position.map { pwrite(descriptor, start, bytes.count - offset, off_t($0 + offset)) }
        ?? Glibc.write(descriptor, start, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += written
    }
    return nil
  }
}

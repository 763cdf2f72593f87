import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The temporary streams a `ComparisonBuilder` spills into while records go by.
enum ComparisonStream: Int, CaseIterable {
  /// One entry per record: its `ComparisonPlan`.
  case plans
  /// One entry per record with targets (copies excepted): its label and each target's chart
  /// and `ComparisonTarget`.
  case targets
  /// The `ComparisonTarget`s of the shared indicator families, regrouped by chart when
  /// rendering.
  case grouped
  /// One entry per plan with departments: its label, key and role counts per function.
  case leadership
  /// Each record's deadline block (Markdown lines).
  case deadlines
  /// Each record's warning lines (Markdown lines).
  case warnings
}

/// Where a `ComparisonBuilder` keeps what it spills: `ComparisonFiles` (temporary files, so a
/// run of any size keeps a few integers per plan in memory) or `ComparisonMemory` (for
/// `ComparisonMarkdownWriter.write(_:)`, which returns the text anyway).
protocol ComparisonSpill {
  /// What a read or write throws (`Never` in memory).
  associatedtype Failure: Error
  /// Appends bytes to the end of a stream.
  mutating func append(_ bytes: [UInt8], to stream: ComparisonStream) throws(Failure)
  /// Writes bytes at an offset of a stream, which grows to hold them.
  mutating func write(_ bytes: [UInt8], at offset: Int, to stream: ComparisonStream)
    throws(Failure)
  /// Up to `count` bytes of a stream from `offset`; fewer only at its end.
  mutating func read(_ stream: ComparisonStream, at offset: Int, count: Int) throws(Failure)
    -> [UInt8]
}

/// Where a rendered comparison goes: a `BufferedFile`, or `ComparisonText` in memory.
protocol ComparisonSink {
  /// What a write throws (`Never` in memory).
  associatedtype Failure: Error
  /// Appends bytes.
  mutating func write(_ bytes: [UInt8]) throws(Failure)
  /// Bytes written so far.
  var offset: Int { get }
  /// Appends the block with `key` of comparison file `file` from an earlier rendering and
  /// returns it; nil, writing nothing, when `blocks` has no such block or this sink cannot
  /// copy from a file.
  mutating func reuse(_ key: UInt64, file: Int, from blocks: ComparisonBlocks) throws(Failure)
    -> ComparisonBlocks.Block?
}

extension BufferedFile: ComparisonSink {
  typealias Failure = OutputError
  /// Appends bytes.
  /// - Throws: `OutputError.writeFailed`.
  func write(_ bytes: [UInt8]) throws(OutputError) {
    try bytes.withUnsafeBufferPointer { buffer throws(OutputError) in try write(buffer) }
  }

  /// Copies the block from the earlier rendering's file (`ComparisonBlocks.copy`).
  /// - Throws: `OutputError.writeFailed`.
  func reuse(_ key: UInt64, file: Int, from blocks: ComparisonBlocks) throws(OutputError)
    -> ComparisonBlocks.Block?
  {
    try blocks.copy(key, into: self, fileNumber: file)
  }
}

/// A comparison rendered into memory.
struct ComparisonText: ComparisonSink {
  typealias Failure = Never
  /// The UTF-8 so far.
  var bytes: [UInt8] = []

  /// Appends bytes.
  mutating func write(_ bytes: [UInt8]) { self.bytes += bytes }

  var offset: Int { bytes.count }

  /// Nothing: a rendering in memory renders every block.
  func reuse(_ key: UInt64, file: Int, from blocks: ComparisonBlocks) -> ComparisonBlocks.Block? {
    nil
  }
}

/// The sink a rendering writes through: it keeps the rendering's digest, which names the
/// generation. Bytes outside blocks are hashed as written; a block adds its own digest (of its
/// bytes, kept in `ComparisonBlocks`), so a copied block counts exactly as the rendered one.
struct RenderSink<Base: ComparisonSink>: ComparisonSink {
  typealias Failure = Base.Failure
  var base: Base
  /// Which comparison file this is (`ComparisonBlocks.files`).
  let file: Int
  /// The digest so far.
  var digest = FNV1a()
  /// The digest of the block being rendered, if one is.
  var block: FNV1a?

  init(base: Base, file: Int) {
    self.base = base
    self.file = file
  }

  mutating func write(_ bytes: [UInt8]) throws(Failure) {
    bytes.withUnsafeBufferPointer {
      if block != nil { block?.add($0) } else { digest.add($0) }
    }
    try base.write(bytes)
  }

  var offset: Int { base.offset }

  mutating func reuse(_ key: UInt64, file: Int, from blocks: ComparisonBlocks) throws(Failure)
    -> ComparisonBlocks.Block?
  {
    try base.reuse(key, file: file, from: blocks)
  }
}

/// Spilled streams kept in memory.
struct ComparisonMemory: ComparisonSpill {
  typealias Failure = Never
  private var streams = Array(repeating: [UInt8](), count: ComparisonStream.allCases.count)

  /// Appends bytes to the end of a stream.
  mutating func append(_ bytes: [UInt8], to stream: ComparisonStream) {
    streams[stream.rawValue] += bytes
  }

  /// Writes bytes at an offset of a stream, which grows to hold them.
  mutating func write(_ bytes: [UInt8], at offset: Int, to stream: ComparisonStream) {
    let end = offset + bytes.count
    let missing = end - streams[stream.rawValue].count
    if missing > 0 { streams[stream.rawValue] += repeatElement(0, count: missing) }
    streams[stream.rawValue].replaceSubrange(offset..<end, with: bytes)
  }

  /// Up to `count` bytes of a stream from `offset`.
  mutating func read(_ stream: ComparisonStream, at offset: Int, count: Int) -> [UInt8] {
    let bytes = streams[stream.rawValue]
    guard offset < bytes.count else { return [] }
    return Array(bytes[offset..<min(bytes.count, offset + count)])
  }
}

/// Spilled streams in temporary files inside a folder. Each file is unlinked as soon as it is
/// open, so it never shows up in the folder (which a run publishes whole) and its space is
/// freed when it is closed, by `close()` or at the latest when this object goes away, even if
/// the run fails or is killed.
final class ComparisonFiles: ComparisonSpill {
  typealias Failure = OutputError
  /// Appends are gathered in memory up to this size per stream.
  private static let bufferSize = 1 << 18
  private var descriptors: [Int32] = []
  private var pending: [[UInt8]]
  private var ends: [Int]
  private let folder: URL

  /// Creates the temporary files in `folder`.
  /// - Throws: `OutputError.writeFailed`.
  init(folder: URL) throws(OutputError) {
    self.folder = folder
    pending = Array(repeating: [], count: ComparisonStream.allCases.count)
    ends = Array(repeating: 0, count: ComparisonStream.allCases.count)
    let process = ProcessInfo.processInfo.processIdentifier
    for stream in ComparisonStream.allCases {
      let path = folder.appendingPathComponent(".comparison-\(stream)-\(process).tmp").path
      let descriptor = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
      guard descriptor >= 0 else { throw Self.failure(path) }
      descriptors.append(descriptor)
      guard unlink(path) == 0 else { throw Self.failure(path) }
    }
  }

  deinit { close() }

  /// Closes (and so deletes) the files; later reads and writes throw `OutputError`.
  func close() {
    for descriptor in descriptors where descriptor >= 0 { Glibc.close(descriptor) }
    descriptors = descriptors.map { _ in -1 }
    pending = pending.map { _ in [] }
  }

  /// Appends bytes to the end of a stream.
  /// - Throws: `OutputError.writeFailed`.
  func append(_ bytes: [UInt8], to stream: ComparisonStream) throws(OutputError) {
    try checkOpen(stream)
    pending[stream.rawValue] += bytes
    if pending[stream.rawValue].count >= Self.bufferSize { try flush(stream) }
  }

  /// Writes bytes at an offset of a stream.
  /// - Throws: `OutputError.writeFailed`.
  func write(_ bytes: [UInt8], at offset: Int, to stream: ComparisonStream) throws(OutputError) {
    try checkOpen(stream)
    try flush(stream)
    try put(bytes, at: offset, to: stream)
    ends[stream.rawValue] = max(ends[stream.rawValue], offset + bytes.count)
  }

  /// Up to `count` bytes of a stream from `offset`.
  /// - Throws: `OutputError.writeFailed` when the file cannot be read.
  func read(_ stream: ComparisonStream, at offset: Int, count: Int) throws(OutputError)
    -> [UInt8]
  {
    try checkOpen(stream)
    try flush(stream)
    let wanted = max(0, min(count, ends[stream.rawValue] - offset))
    var bytes = [UInt8](repeating: 0, count: wanted)
    var done = 0
    while done < wanted {
      let got = bytes.withUnsafeMutableBytes { raw in
        pread(
          descriptors[stream.rawValue], raw.baseAddress.map { $0 + done }, wanted - done,
          off_t(offset + done))
      }
      if got < 0, errno == EINTR { continue }
      guard got > 0 else {
        throw got == 0
          ? OutputError.writeFailed(path: name(stream), reason: "scratch file ended early")
          : Self.failure(name(stream))
      }
      done += got
    }
    return bytes
  }

  private func checkOpen(_ stream: ComparisonStream) throws(OutputError) {
    guard descriptors[stream.rawValue] >= 0 else {
      throw OutputError.writeFailed(path: name(stream), reason: "scratch file closed")
    }
  }

  private func flush(_ stream: ComparisonStream) throws(OutputError) {
    let bytes = pending[stream.rawValue]
    guard !bytes.isEmpty else { return }
    pending[stream.rawValue].removeAll(keepingCapacity: true)
    try put(bytes, at: ends[stream.rawValue], to: stream)
    ends[stream.rawValue] += bytes.count
  }

  private func put(_ bytes: [UInt8], at offset: Int, to stream: ComparisonStream)
    throws(OutputError)
  {
    var done = 0
    while done < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        pwrite(
          descriptors[stream.rawValue], raw.baseAddress.map { $0 + done }, raw.count - done,
          off_t(offset + done))
      }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else { throw Self.failure(name(stream)) }
      done += written
    }
  }

  private func name(_ stream: ComparisonStream) -> String {
    folder.appendingPathComponent("(comparison scratch: \(stream))").path
  }

  private static func failure(_ path: String) -> OutputError {
    OutputError.writeFailed(path: path, reason: String(cString: strerror(errno)))
  }
}

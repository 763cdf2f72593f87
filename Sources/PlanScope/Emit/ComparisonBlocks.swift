import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The pieces of a rendered comparison that the next run may copy instead of rendering again.
///
/// The long parts of `comparison.md` and `comparison.html` are the rows of the shared
/// families' tables and charts. A chart's rows are cut into blocks where a row's hash says so
/// (content-defined, so an edit elsewhere moves no boundary), and each block's bytes are a
/// function of its rows alone: its key is a hash of them and of whatever else its bytes show
/// (the family, the chart's scale). A generation keeps each block's key, file, byte range and
/// digest in `.comparison-blocks`; a run made by the same pipeline copies a block whose key it
/// finds there from the previous generation's file (`sendfile(2)`) instead of reading its rows
/// back and formatting them. The rendered bytes are the same either way.
final class ComparisonBlocks {
  /// A rendered block: which comparison file, where in it, and a digest of its bytes.
  struct Block: Equatable {
    var file: Int
    var range: Range<Int>
    var digest: UInt64
  }

  /// The generation's file of blocks.
  static let fileName = ".comparison-blocks"
  /// The rendered files, numbered as `Block.file` numbers them.
  static let files = ["comparison.md", "comparison.html"]
  private static let header = Array("planscope comparison blocks 1\n".utf8)
  /// Bytes per block in the file: key, file, start, count, digest.
  private static let recordSize = 40

  /// The previous rendering's blocks by key.
  private let previous: [UInt64: Block]
  /// The previous rendering's files, open for copying (nil: none).
  private var sources: [SourceFile?]
  /// This rendering's blocks, as the file's bytes.
  private var table: [UInt8] = header
  /// Blocks copied from the previous rendering so far.
  private(set) var reused = 0

  /// Nothing to reuse: a rendering that only records its blocks.
  init() {
    previous = [:]
    sources = []
  }

  /// The blocks of the rendering in `generation`; none when its table is missing or damaged,
  /// or names bytes its files do not hold (someone cut or replaced them).
  init(previousGeneration generation: URL) {
    let paths = Self.files.map { generation.appendingPathComponent($0).path }
    sources = []
    let loaded = Self.load(generation.appendingPathComponent(Self.fileName).path)
    var sizes: [Int] = []
    for path in paths {
      var info = stat()
      sizes.append(stat(path, &info) == 0 ? Int(info.st_size) : -1)
    }
    guard let loaded, loaded.values.allSatisfy({ $0.range.upperBound <= sizes[$0.file] }) else {
      previous = [:]
      return
    }
    previous = loaded
    // Opened now: a block found reusable (`reusable`, which decides what is regrouped for
    // rendering) must not fail to copy for want of its file.
    sources = paths.map { try? SourceFile(path: $0) }
  }

  /// Whether a block with `key` can be copied from the previous rendering.
  func reusable(_ key: UInt64) -> Bool { previous[key].map { sources[$0.file] != nil } ?? false }

  /// Copies the block with `key` from the previous rendering to the end of `file`; nil (and
  /// nothing written) when there is none or its file cannot be opened.
  /// - Throws: `OutputError.writeFailed` from the copy.
  func copy(_ key: UInt64, into file: BufferedFile, fileNumber: Int) throws(OutputError) -> Block?
  {
    guard let block = previous[key], block.file == fileNumber, let source = sources[block.file]
    else { return nil }
    try file.splice(from: source, block.range)
    reused += 1
    return block
  }

  /// Records a block of this rendering.
  func record(_ key: UInt64, _ block: Block) {
    for value in [
      key, UInt64(block.file), UInt64(block.range.lowerBound), UInt64(block.range.count),
      block.digest,
    ] {
      withUnsafeBytes(of: value.littleEndian) { table += $0 }
    }
  }

  /// Writes this rendering's blocks to `path` (synced with the rest of the generation), over
  /// the file there with `reusing` (`BufferedFile`).
  /// - Throws: `OutputError.writeFailed`.
  func write(to path: String, reusing: Bool = false) throws {
    let file = try BufferedFile(path: path, reusing: reusing)
    try table.withUnsafeBufferPointer { buffer throws(OutputError) in try file.write(buffer) }
    try file.finish(syncing: false)
  }

  /// The blocks in the file at `path`, nil when it is missing or damaged.
  private static func load(_ path: String) -> [UInt64: Block]? {
    guard let data = FileManager.default.contents(atPath: path),
      data.count >= header.count, Array(data.prefix(header.count)) == header,
      (data.count - header.count) % recordSize == 0
    else { return nil }
    var blocks: [UInt64: Block] = [:]
    let ok = data.withUnsafeBytes { raw -> Bool in
      var offset = header.count
      func next() -> UInt64 {
        defer { offset += 8 }
        return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      }
      while offset < raw.count {
        let key = next()
        let (file, start, count, digest) = (next(), next(), next(), next())
        guard file < UInt64(files.count), start <= UInt64(Int.max / 2),
          count <= UInt64(Int.max / 2)
        else { return false }
        blocks[key] = Block(
          file: Int(file), range: Int(start)..<Int(start) + Int(count), digest: digest)
      }
      return true
    }
    return ok ? blocks : nil
  }
}

import Foundation

/// Reads document lines (see `DocumentLine`) from several files in any order and hands them
/// over sorted by path: an index of (path, file, offset, length) is sorted in memory, then
/// each line is read and decoded on its own, so memory holds the index and one document.
public struct LineMerger {
  private let files: [URL]

  /// Merges the lines of `files` (JSON Lines; blank lines skipped).
  public init(files: [URL]) { self.files = files }

  private struct Entry {
    var path: String
    var file: Int
    var offset: UInt64
    var length: Int
  }

  /// Calls `consume` with every line, sorted by path.
  /// - Throws: `DocumentLineError` (malformed line, a path twice), `IngestError` when a file
  ///   cannot be read, or what `consume` throws.
  public func stream(_ consume: (DocumentLine) throws -> Void) throws {
    var entries: [Entry] = []
    for (number, url) in files.enumerated() {
      try index(url, number: number, into: &entries)
    }
    entries.sort { DocumentOrder.precedes($0.path, $1.path) }
    for (previous, next) in zip(entries, entries.dropFirst())
    where previous.path.utf8.elementsEqual(next.path.utf8) {
      throw DocumentLineError.duplicatePath(next.path)
    }
    var handles: [Int: FileHandle] = [:]
    defer { for handle in handles.values { try? handle.close() } }
    for entry in entries {
      let url = files[entry.file]
      let handle = try handles[entry.file] ?? FileHandle(forReadingFrom: url)
      handles[entry.file] = handle
      try handle.seek(toOffset: entry.offset)
      let bytes = try handle.read(upToCount: entry.length) ?? Data()
      guard bytes.count == entry.length else {
        throw DocumentLineError.malformed(source: url.path, reason: "file changed while merging")
      }
      try consume(DocumentLine.decode(bytes, source: url.path))
    }
  }

  /// Finds the lines of one file, reading it in 8 MiB chunks.
  private func index(_ url: URL, number: Int, into entries: inout [Entry]) throws {
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: url)
    } catch {
      throw IngestError.unreadableFile(path: url.path, reason: "cannot open")
    }
    defer { try? handle.close() }
    var pending: [UInt8] = []
    var pendingOffset: UInt64 = 0
    while true {
      let chunk = try handle.read(upToCount: 8 << 20) ?? Data()
      let atEnd = chunk.isEmpty
      pending.append(contentsOf: chunk)
      var start = 0
      func add(_ range: Range<Int>) throws {
        let line = pending[range]
        guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") })
        else { return }
        entries.append(
          Entry(
            path: try DocumentLine.path(of: line, source: url.path), file: number,
            offset: pendingOffset + UInt64(range.lowerBound), length: line.count))
      }
      while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
        try add(start..<newline)
        start = newline + 1
      }
      if atEnd {
        if start < pending.count { try add(start..<pending.count) }
        break
      }
      pending.removeFirst(start)
      pendingOffset += UInt64(start)
    }
  }
}

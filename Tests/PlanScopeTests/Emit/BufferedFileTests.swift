import Foundation
import Testing

@testable import PlanScope

/// A file's digest (which names output generations) depends on its bytes alone, not on how
/// they were split into writes, and the bytes reach the file whole.
@Test func bufferedFileDigestIgnoresHowWritesWereSplit() throws {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("planscope-buffered-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  // 2.5 MiB crosses the 1 MiB blocks; pieces of 1, 7, 4096 and 1.5 MiB bytes.
  let content = String(repeating: "农膜回收率达到85%以上。\n", count: 80_000)
  var digests: Set<UInt64> = []
  for (index, piece) in [1, 7, 4096, 1_572_864, content.utf8.count].enumerated() {
    let path = folder.appendingPathComponent("\(index).txt").path
    let file = try BufferedFile(path: path)
    let bytes = Array(content.utf8)
    var start = 0
    while start < bytes.count {
      let end = min(bytes.count, start + piece)
      try bytes[start..<end].withUnsafeBufferPointer { try file.write($0) }
      start = end
    }
    try file.finish()
    digests.insert(file.digest)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(content.utf8))
  }
  #expect(digests.count == 1)
}

/// With a copier, spliced ranges are copied on its thread into the offsets the file reserved
/// for them while the file's own bytes are written around them: the file holds exactly what
/// writing everything in order holds, whatever the sizes and however the copies interleave.
@Test func splicesCopiedOnTheCopiersThreadLandWhereTheyWereAppended() throws {
  let folder = try ScratchFolder()
  // A source of 3 MiB, so splices cross the 1 MiB blocks and continue each other.
  let source = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }
  try folder.write("source", source)
  let input = try SourceFile(path: folder.url.appendingPathComponent("source").path)
  let copier = FileCopier()
  var files: [(path: String, bytes: [UInt8])] = []
  for round in 0..<3 {
    let path = folder.url.appendingPathComponent("out\(round)").path
    let file = try BufferedFile(path: path)
    file.copier = copier
    var random = SystemRandomNumberGenerator()
    var position = 0
    var bytes: [UInt8] = []
    for step in 0..<40 {
      let own = Array("第\(round)-\(step)项；".utf8) + Array(repeating: 0x41, count: step * 997)
      try own.withUnsafeBufferPointer { try file.write($0) }
      bytes += own
      // A range continuing the last one (copied with it) or elsewhere in the source.
      let start = step.isMultiple(of: 3) ? Int.random(in: 0..<(2 << 20), using: &random) : position
      let count = Int.random(in: 0..<(200_000), using: &random)
      try file.splice(from: input, start..<start + count)
      bytes += source[start..<start + count]
      position = start + count
    }
    try file.finish(syncing: false)
    files.append((path, bytes))
  }
  try copier.finish()
  for (path, bytes) in files {
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes), "\(path)")
  }
}

/// A range its source does not hold fails the copy; the copier reports it, naming the
/// source, instead of leaving a hole in the file.
@Test func aCopyPastTheSourcesEndIsReportedWithTheSource() throws {
  let folder = try ScratchFolder()
  try folder.write("short", Array(repeating: 0x42, count: 1000))
  let source = folder.url.appendingPathComponent("short").path
  let copier = FileCopier()
  let file = try BufferedFile(path: folder.url.appendingPathComponent("out").path)
  file.copier = copier
  try file.splice(from: try SourceFile(path: source), 500..<1500)
  try file.finish(syncing: false)
  #expect {
    try copier.finish()
  } throws: { error in
    "\(error)".contains(source) && "\(error)".contains("ends before byte 1500")
  }
}

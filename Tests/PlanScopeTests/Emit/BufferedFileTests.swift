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

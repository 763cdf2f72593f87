import Foundation
import Testing

@testable import PlanScope

/// A scratch folder holding a corpus and an output folder, for tests that run `planscope run`
/// over an edited corpus again and again and hold each run against a cold one.
final class RunWorkspace {
  let work: ScratchFolder
  let corpus: URL
  let output: URL

  init() throws {
    work = try ScratchFolder()
    corpus = work.url.appendingPathComponent("corpus")
    output = work.url.appendingPathComponent("output")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
  }

  /// Writes a corpus file.
  func write(_ name: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: corpus.appendingPathComponent(name))
  }

  /// Runs `planscope run` over the corpus into the output folder (incrementally), then over
  /// the same corpus into a fresh folder with `--no-cache`, and checks that both published the
  /// same outputs: byte for byte, except dataset.sqlite, whose rows and index entries must be
  /// the same. Returns the incremental run's standard error.
  func runAndCompare(_ note: Comment) throws -> String {
    let run = try CommandLineTool.run(["run", corpus.path, "-o", output.path])
    #expect(run.status == 0, "\(note): \(run.standardError)")
    let reference = work.url.appendingPathComponent("reference-\(UUID().uuidString)")
    let cold = try CommandLineTool.run(["run", corpus.path, "-o", reference.path, "--no-cache", "-q"])
    #expect(cold.status == 0)
    let incremental = try publishedFiles(output, sqliteByContent: true)
    let expected = try publishedFiles(reference, sqliteByContent: true)
    #expect(incremental.keys.sorted() == expected.keys.sorted(), note)
    for (name, bytes) in expected where incremental[name] != bytes {
      Issue.record("\(note): \(name) differs from a cold run's")
    }
    return run.standardError
  }
}

import Foundation
import Testing

@testable import PlanScope
@testable import PlanScopeBench

#if canImport(Glibc)
  import Glibc
#endif

/// A plan of a few kilobytes, different for every `seed`.
private func plan(_ seed: Int) -> [UInt8] {
  var text = "第\(seed)号工作方案\n一、总体要求\n"
  for item in 0..<20 {
    text += "（\(item % 10 + 1)）到2025年，第\(seed)项指标\(item)达到\(50 + (seed + item) % 40)%以上。（市发展改革委牵头，市财政局配合）\n"
  }
  return Array(text.utf8)
}

/// Two states of one corpus: B changes one plan, removes one and adds one.
private func writeCorpus(_ folder: URL, variant: Int) throws {
  try? FileManager.default.removeItem(at: folder)
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let seeds = variant == 0 ? Array(0..<40) : Array(1..<40) + [100]
  for seed in seeds {
    let bytes = seed == 5 && variant == 1 ? plan(500) : plan(seed)
    try Data(bytes).write(to: folder.appendingPathComponent("p\(seed).txt"))
  }
}

@Test func killedRunsLeaveOneCompleteGenerationAndAnIntactState() throws {
  let work = try ScratchFolder()
  let corpora = [0, 1].map { work.url.appendingPathComponent("corpus-\($0)") }
  for (variant, corpus) in corpora.enumerated() { try writeCorpus(corpus, variant: variant) }
  // The two complete outputs a run may leave, made without interruption.
  var references: [[String: Data]] = []
  var duration = 0.0
  for corpus in corpora {
    let folder = work.url.appendingPathComponent("reference-\(references.count)")
    let start = Date()
    let run = try CommandLineTool.run(["run", corpus.path, "-o", folder.path, "-q", "--no-cache"])
    duration = max(duration, Date().timeIntervalSince(start))
    #expect(run.status == 0)
    references.append(try publishedFiles(folder, sqliteByContent: true))
  }
  #expect(references[0] != references[1])

  let output = work.url.appendingPathComponent("output")
  var random = SplitMix64(seed: 20_261_121)  // the bench's generator: kill times are fixed
  var killed = 0
  var attempt = 0
  // A run that finishes before its kill time means runs got faster than the references
  // (other tests share the cores): later kills aim earlier.
  var scale = 1.0
  while killed < 20 && attempt < 80 {
    defer { attempt += 1 }
    let corpus = corpora[attempt % 2]
    // Every other pair of runs is incremental: it splices from the generation it replaces.
    let (process, _, _) = try CommandLineTool.start(
      ["run", corpus.path, "-o", output.path, "-q", "--jobs", "2"]
        + (attempt % 4 < 2 ? ["--no-cache"] : []))
    // Anywhere from start-up to the commit at the end.
    let delay = (0.1 + Double(random.next() % 1000) / 1000 * 0.85) * duration * scale
    usleep(useconds_t(delay * 1_000_000))
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      killed += 1
    } else {
      scale *= 0.7
    }
    process.waitUntilExit()
    let published = try publishedFiles(output, sqliteByContent: true)
    if !published.isEmpty {
      #expect(
        published == references[0] || published == references[1],
        "attempt \(attempt): the published outputs are one complete run")
    }
    let state = try StateStore(
      path: output.appendingPathComponent("state.sqlite").path, fingerprint: nil)
    #expect(state.isIntact(), "attempt \(attempt): state database passes integrity_check")
  }
  #expect(killed >= 20, "at least 20 runs were killed mid-way (\(killed))")
  let final = try CommandLineTool.run(["run", corpora[1].path, "-o", output.path, "-q"])
  #expect(final.status == 0)
  #expect(try publishedFiles(output, sqliteByContent: true) == references[1])
  let names = try FileManager.default.contentsOfDirectory(atPath: output.path)
  #expect(!names.contains { $0.hasPrefix(".staging-") || $0.hasPrefix(".legacy-") })
  #expect(
    names.filter { $0.hasPrefix(".data-") }.count <= 2,
    "generations before the one the next run recycles are removed")
}

@Test func outputsAreIdenticalForAnyJobCountAndFileSystemOrder() throws {
  let work = try ScratchFolder()
  let forward = work.url.appendingPathComponent("forward")
  let backward = work.url.appendingPathComponent("backward")
  // Same files, created in opposite orders (and folders in opposite orders).
  for (folder, seeds) in [(forward, Array(0..<12)), (backward, Array((0..<12).reversed()))] {
    for seed in seeds {
      let file = folder.appendingPathComponent("g\(seed % 3)/p\(seed).txt")
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(plan(seed)).write(to: file)
    }
  }
  var outputs: [[String: Data]] = []
  for (corpus, jobs) in [(forward, 1), (forward, 2), (backward, 2), (backward, 1)] {
    let folder = work.url.appendingPathComponent("out-\(outputs.count)")
    let run = try CommandLineTool.run([
      "run", corpus.path, "-o", folder.path, "-q", "--jobs", "\(jobs)",
    ])
    #expect(run.status == 0)
    outputs.append(try publishedFiles(folder))
  }
  #expect(
    outputs[0].count == 9 + 3 + 24,
    "9 outputs, the generation's index, comparison parts and comparison blocks, 24 texts")
  for other in outputs.dropFirst() { #expect(other == outputs[0]) }
}

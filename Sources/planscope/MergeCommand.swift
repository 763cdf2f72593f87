import ArgumentParser
import Foundation
import PlanScope

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Combine shard outputs or JSON lines into one full output folder.",
    discussion: """
      Each SHARD_OUTPUT is a folder written by `planscope run --shard I/N` (its
      shard.jsonl) or a JSON Lines file from `planscope run --jsonl`; `-` (or no
      input with --jsonl) reads lines from standard input. The result is byte for
      byte what one `planscope run` over all the documents writes: dataset,
      comparison, exports, texts and state. Failed documents in the lines are
      reported and make the exit status 1.

      Examples:
        planscope merge shards/0 shards/1 shards/2 -o output
        cat part-*.jsonl | planscope merge --jsonl -o output
      """
  )

  @Argument(help: "Shard output folders or JSON Lines files (- for standard input).")
  var inputs: [String] = []

  @Option(name: .shortAndLong, help: "Folder to write.")
  var output: String = "output"

  @Flag(help: "Inputs are JSON lines; with no inputs, read them from standard input.")
  var jsonl = false

  @Option(help: "Folder of lexicon TSV files overriding the bundled ones.")
  var lexicons: String?

  @Option(help: "State database (default: OUTPUT/state.sqlite).")
  var state: String?

  @Option(help: "Time recorded in the state database, ISO 8601 (default: now).")
  var timestamp: String?

  @Flag(name: .shortAndLong, help: "No summary output.")
  var quiet = false

  @Flag(help: "Write into a non-empty folder planscope did not create.")
  var force = false

  @Flag(help: "Publish even a merge with no documents or one that lost more than --max-shrink.")
  var allowShrink = false

  @Option(help: "Largest share (0-1) of the published documents a merge may drop.")
  var maxShrink: Double = PublishPolicy().maxShrink

  func run() throws {
    let outputURL = URL(fileURLWithPath: output)
    var spool: URL?
    defer { if let spool { try? FileManager.default.removeItem(at: spool) } }
    let summary: RunSummary
    do {
      let now = try timestamp.map(parseTimestamp) ?? Date()
      let lexiconFolder = lexicons.map { URL(fileURLWithPath: $0) }
      let pipeline = try Pipeline.standard(lexicons: lexiconFolder)
      let comparison = ComparisonMarkdownWriter(
        lexicon: try ComparisonLexicon.standard(lexicons: lexiconFolder))
      guard (0...1).contains(maxShrink) else {
        throw ValidationError("--max-shrink \(maxShrink): expected a share from 0 to 1")
      }
      let target = try OutputTarget(
        output: outputURL, statePath: state, fingerprint: pipeline.fingerprint, force: force)
      Interruption.watch(output: outputURL)
      var files: [URL] = []
      for input in inputs.isEmpty && jsonl ? ["-"] : inputs {
        if input == "-" {
          let url = outputURL.appendingPathComponent(
            ".merge-stdin-\(ProcessInfo.processInfo.processIdentifier).jsonl")
          try spoolStandardInput(to: url)
          spool = url
          files.append(url)
          continue
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
          throw ValidationError("\(input): no such shard output")
        }
        files.append(
          isDirectory.boolValue
            ? URL(fileURLWithPath: input).appendingPathComponent("shard.jsonl")
            : URL(fileURLWithPath: input))
      }
      guard !files.isEmpty else { throw ValidationError("nothing to merge: give SHARD_OUTPUT…") }
      // Shard folders say which shard of how many they are: all of one split must be here.
      let infos = try inputs.filter { $0 != "-" }.compactMap { input -> ShardInfo? in
        let url = URL(fileURLWithPath: input).appendingPathComponent("shard.json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(ShardInfo.self, from: data)
      }
      try ShardInfo.checkComplete(infos)
      var policy = PublishPolicy()
      policy.allowShrink = allowShrink
      policy.maxShrink = maxShrink
      let session = try target.session(
        comparison: comparison, at: now, policy: policy, source: "the merged lines")
      try LineMerger(files: files).stream { try session.add($0.outcome) }
      Interruption.phase = .publishing
      summary = try session.commit()
      Interruption.phase = .done
      target.close()
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    try report(summary, output: output, quiet: quiet)
  }

  /// Copies standard input into `url` (lines must be indexed, so they are read twice).
  private func spoolStandardInput(to url: URL) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw ValidationError("\(url.path): cannot create")
    }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    while let chunk = try FileHandle.standardInput.read(upToCount: 8 << 20), !chunk.isEmpty {
      try handle.write(contentsOf: chunk)
    }
  }
}

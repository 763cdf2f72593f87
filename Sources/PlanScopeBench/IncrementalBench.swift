import Foundation
import PlanScope

/// The runs of the incremental goals (issue #20), on the cache corpus after its cold run:
/// nothing changed, one file rewritten with the same bytes, one plan changed, 1 % of the
/// plans changed, and what the outputs and the state take on disk.
struct IncrementalMeasurements {
  /// The cold run that filled the state (the `cacheFill` run).
  var cold: CommandResult?
  /// The re-run with nothing changed (the `cachedRerun` run).
  var unchanged: CommandResult?
  /// One file replaced by a copy of itself: new inode and modification time, same bytes.
  var touched: CommandResult?
  /// One plan's text changed, the first run after the cold one: it also makes the second
  /// database file (`DatabaseSlots`), a copy of the first, once.
  var firstChanged: CommandResult?
  /// One plan's text changed, again: what a weekly run costs.
  var oneChanged: CommandResult?
  /// 1 % of the plans changed (at least one).
  var onePercentChanged: CommandResult?
  /// Bytes of the corpus.
  var inputBytes = 0
  /// Bytes of the output folder after the incremental runs (both database files, and the
  /// published generation with the one before it, which the next run writes over), state
  /// included (hard links counted once).
  var outputBytes: Int?
  /// Bytes of `state.sqlite` (with its WAL) after the cold run.
  var stateBytes: Int?
  /// Bytes of the files a generation holds (its texts, hard links, excepted): what any run
  /// that changes a plan writes anew where the file system cannot clone.
  var generationBytes: Int?
  /// How fast this machine copies a file in the kernel and syncs the copy (`diskCopySpeed`),
  /// in MB/s.
  var diskMegabytesPerSecond: Double?

  /// Every run, in report order.
  var runs: [CommandResult] {
    [touched, firstChanged, oneChanged, onePercentChanged].compactMap { $0 }
  }
}

/// Edits the cache corpus between runs. Corpus files are hard links into the shared pool, so
/// an edit replaces the link (a new file renamed over it) and never writes through it.
struct CorpusEditor {
  let corpus: BenchCorpus

  /// Replaces the file at `index` with a copy of its bytes (what `cp`, a checkout or an
  /// rsync without `--times` does).
  func touch(_ index: Int) throws {
    let file = corpus.files[index]
    try replace(file, with: try bytes(of: file))
  }

  /// Changes one target value in each of `count` files spread over the corpus; `round` makes
  /// the edit differ from earlier rounds.
  func change(_ count: Int, round: Int) throws {
    let step = max(1, corpus.files.count / max(1, count))
    for index in stride(from: 0, to: corpus.files.count, by: step).prefix(count) {
      let file = corpus.files[index]
      var text = try bytes(of: file)
      // A new sentence with a target: the record, texts, index and comparison all change.
      text += Array("\n到2030年，新增充电桩\(1_000 + round)个。\n".utf8)
      try replace(file, with: text)
    }
  }

  private func bytes(of file: URL) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw BenchError.workspace(path: file.path, reason: "cannot read")
    }
    return [UInt8](data)
  }

  private func replace(_ file: URL, with bytes: [UInt8]) throws {
    let temporary = file.deletingLastPathComponent().appendingPathComponent(
      ".\(file.lastPathComponent).edit")
    guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)),
      rename(temporary.path, file.path) == 0
    else {
      throw BenchError.workspace(path: file.path, reason: "cannot replace")
    }
  }
}

/// Disk use of a folder: regular files' allocated bytes, each inode once.
func diskBytes(_ folder: URL) -> Int {
  var seen = Set<UInt64>()
  var total = 0
  guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return 0 }
  for case let relative as String in enumerator {
    var info = stat()
    guard lstat(folder.appendingPathComponent(relative).path, &info) == 0,
      (info.st_mode & S_IFMT) == S_IFREG, seen.insert(UInt64(info.st_ino)).inserted
    else { continue }
    total += Int(info.st_size)
  }
  return total
}

/// Bytes of the regular files directly in the output folder's current generation.
func generationBytes(_ output: URL) -> Int {
  let generation = output.appendingPathComponent(".current")
  guard let names = try? FileManager.default.contentsOfDirectory(atPath: generation.path) else {
    return 0
  }
  var total = 0
  for name in names {
    var info = stat()
    guard lstat(generation.appendingPathComponent(name).path, &info) == 0,
      (info.st_mode & S_IFMT) == S_IFREG
    else { continue }
    total += Int(info.st_size)
  }
  return total
}

/// How fast this machine copies a file into a new one in the kernel and syncs it, the way a
/// run copies an unchanged plan's bytes from the previous generation: a `megabytes` MB file is
/// written to `folder`, copied with `sendfile(2)` and the copy synced, three times; the best
/// copy counts (other work on the disk only slows it). The files are removed. Nil when they
/// cannot be written.
func diskCopySpeed(in folder: URL, megabytes: Int = 256) -> Double? {
  let source = folder.appendingPathComponent(".copy-probe").path
  let target = source + ".copy"
  defer {
    unlink(source)
    unlink(target)
  }
  let input = open(source, O_CREAT | O_TRUNC | O_RDWR | O_CLOEXEC, 0o644)
  guard input >= 0 else { return nil }
  defer { close(input) }
  // Not zeros: a file system may store runs of zeros without writing them.
  var generator = SplitMix64(seed: 20)
  let block = (0..<(1 << 17)).map { _ in generator.next() }
  for _ in 0..<megabytes {
    let written = block.withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
    guard written == 1 << 20 else { return nil }
  }
  guard fsync(input) == 0 else { return nil }
  var best: Double?
  for _ in 0..<3 {
    let output = open(target, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
    guard output >= 0 else { return nil }
    defer { close(output) }
    let start = DispatchTime.now().uptimeNanoseconds
    var offset = off_t(0)
    while offset < off_t(megabytes << 20) {
      guard sendfile(output, input, &offset, (megabytes << 20) - Int(offset)) > 0 else { return nil }
    }
    guard fsync(output) == 0 else { return nil }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if seconds > 0 { best = max(best ?? 0, Double(megabytes) * 1.048576 / seconds) }
  }
  return best
}

import Foundation
import Testing

@testable import PlanScope

#if canImport(Glibc)
  import Glibc
#endif

// The data-safety guarantees of README's "Hardening" section, each through the built command
// line as a user would meet it: planscope never deletes or replaces what it did not write,
// never publishes a smaller dataset without being told to, never skips a file silently, and
// never hangs on a file that is not a file.

/// A small plan, different for every `seed`.
private func plan(_ seed: Int) -> [UInt8] {
  Array("第\(seed)号方案\n一、主要目标\n（一）到2025年，第\(seed)项指标达到\(60 + seed)%以上。（市发展改革委牵头）\n".utf8)
}

/// A corpus folder of `count` plans `p0.txt`….
private func writePlans(_ folder: borrowing ScratchFolder, _ relative: String, count: Int) throws {
  for seed in 0..<count { try folder.write("\(relative)/p\(seed).txt", plan(seed)) }
}

private func run(_ arguments: [String]) throws -> CommandLineTool.Result {
  try CommandLineTool.run(arguments)
}

private func fileBytes(_ url: URL) -> Data? { FileManager.default.contents(atPath: url.path) }

// MARK: - Output folders planscope did not create

@Test func aFolderPlanScopeDidNotCreateIsRefusedAndKept() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 2)
  try work.write("mine/notes.txt", Array("my notes".utf8))
  try work.write("mine/dataset.json", Array("{\"mine\": true}".utf8))
  let mine = work.url.appendingPathComponent("mine")
  let refused = try run(["run", work.url.appendingPathComponent("corpus").path, "-o", mine.path])
  #expect(refused.status == 2)
  #expect(refused.standardError.contains("not empty and holds no planscope output"))
  #expect(fileBytes(mine.appendingPathComponent("notes.txt")) == Data("my notes".utf8))
  #expect(fileBytes(mine.appendingPathComponent("dataset.json")) == Data("{\"mine\": true}".utf8))
  #expect(!FileManager.default.fileExists(atPath: mine.appendingPathComponent(".current").path))

  // --force adds outputs beside the user's files, but still never replaces one of them.
  let forced = try run([
    "run", work.url.appendingPathComponent("corpus").path, "-o", mine.path, "--force",
  ])
  #expect(forced.status == 2)
  #expect(forced.standardError.contains("dataset.json exists and was not written by planscope"))
  #expect(fileBytes(mine.appendingPathComponent("dataset.json")) == Data("{\"mine\": true}".utf8))
  try FileManager.default.removeItem(at: mine.appendingPathComponent("dataset.json"))
  let added = try run([
    "run", work.url.appendingPathComponent("corpus").path, "-o", mine.path, "--force", "-q",
  ])
  #expect(added.status == 0)
  #expect(fileBytes(mine.appendingPathComponent("notes.txt")) == Data("my notes".utf8))
  #expect(FileManager.default.fileExists(atPath: mine.appendingPathComponent("dataset.json").path))
}

@Test func aUsersFileInAPlanScopeFolderIsNeverReplaced() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 2)
  let corpus = work.url.appendingPathComponent("corpus").path
  let output = work.url.appendingPathComponent("output")
  #expect(try run(["run", corpus, "-o", output.path, "-q"]).status == 0)
  // The user swaps a published link for a database of their own.
  let sqlite = output.appendingPathComponent("dataset.sqlite")
  try FileManager.default.removeItem(at: sqlite)
  try Data("their own database".utf8).write(to: sqlite)
  try work.write("corpus/p9.txt", plan(9))
  let refused = try run(["run", corpus, "-o", output.path, "-q", "--force"])
  #expect(refused.status == 2)
  #expect(refused.standardError.contains("dataset.sqlite exists and was not written by planscope"))
  #expect(fileBytes(sqlite) == Data("their own database".utf8))
}

@Test func nestedCorpusAndOutputFoldersAreRefused() throws {
  let work = try ScratchFolder()
  try writePlans(work, "text", count: 2)
  let plans = try FileManager.default.contentsOfDirectory(
    atPath: work.url.appendingPathComponent("text").path)
  // `planscope run text -o .`: the output folder holds the corpus.
  let outer = try run(["run", work.url.appendingPathComponent("text").path, "-o", work.url.path])
  #expect(outer.status == 2)
  #expect(outer.standardError.contains("overlap"))
  // The output inside the corpus, named through a link to the corpus.
  let link = work.url.appendingPathComponent("link")
  try FileManager.default.createSymbolicLink(
    at: link, withDestinationURL: work.url.appendingPathComponent("text"))
  let inner = try run([
    "run", work.url.appendingPathComponent("text").path, "-o",
    link.appendingPathComponent("out").path,
  ])
  #expect(inner.status == 2)
  #expect(inner.standardError.contains("overlap"))
  #expect(
    try FileManager.default.contentsOfDirectory(
      atPath: work.url.appendingPathComponent("text").path) == plans)
}

// MARK: - Smaller datasets

@Test func anEmptyCorpusDoesNotReplaceThePublishedDataset() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 3)
  try FileManager.default.createDirectory(
    at: work.url.appendingPathComponent("unmounted"), withIntermediateDirectories: true)
  let output = work.url.appendingPathComponent("output")
  #expect(
    try run(["run", work.url.appendingPathComponent("corpus").path, "-o", output.path, "-q"])
      .status == 0)
  let published = try publishedFiles(output)
  let empty = try run([
    "run", work.url.appendingPathComponent("unmounted").path, "-o", output.path,
  ])
  #expect(empty.status == 2)
  #expect(empty.standardError.contains("no document was read"))
  #expect(try publishedFiles(output) == published)
  let allowed = try run([
    "run", work.url.appendingPathComponent("unmounted").path, "-o", output.path, "-q",
    "--allow-shrink",
  ])
  #expect(allowed.status == 0)
  let dataset = try DatasetFile.load(output.path)
  #expect(dataset.documents.isEmpty)
}

@Test func losingMoreThanTheShrinkLimitIsRefused() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 4)
  let corpus = work.url.appendingPathComponent("corpus")
  let output = work.url.appendingPathComponent("output")
  #expect(try run(["run", corpus.path, "-o", output.path, "-q"]).status == 0)
  for seed in 1..<4 {
    try FileManager.default.removeItem(at: corpus.appendingPathComponent("p\(seed).txt"))
  }
  let refused = try run(["run", corpus.path, "-o", output.path])
  #expect(refused.status == 2)
  #expect(refused.standardError.contains("3 of the 4 published documents would disappear"))
  #expect(try DatasetFile.load(output.path).documents.count == 4)
  let allowed = try run(["run", corpus.path, "-o", output.path, "-q", "--max-shrink", "0.75"])
  #expect(allowed.status == 0)
  #expect(try DatasetFile.load(output.path).documents.count == 1)
}

@Test func aSymlinkedCorpusRootIsFollowed() throws {
  let work = try ScratchFolder()
  try writePlans(work, "real", count: 3)
  let link = work.url.appendingPathComponent("corpus")
  try FileManager.default.createSymbolicLink(
    at: link, withDestinationURL: work.url.appendingPathComponent("real"))
  let output = work.url.appendingPathComponent("output")
  let result = try run(["run", link.path, "-o", output.path, "-q"])
  #expect(result.status == 0)
  #expect(
    try DatasetFile.load(output.path).documents.map(\.source.path) == [
      "p0.txt", "p1.txt", "p2.txt",
    ])
}

@Test func anUnreadableFolderIsAFailure() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 2)
  try writePlans(work, "corpus/locked", count: 1)
  let locked = work.url.appendingPathComponent("corpus/locked")
  chmod(locked.path, 0)
  defer { chmod(locked.path, 0o755) }
  let output = work.url.appendingPathComponent("output")
  var arguments = ["run", work.url.appendingPathComponent("corpus").path, "-o", output.path, "-q"]
  if getuid() == 0 {
    // Root reads every folder: run as nobody, which can write the scratch folder.
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
    chmod(work.url.path, 0o777)
    arguments =
      [
        "--reuid=65534", "--regid=65534", "--clear-groups", CommandLineTool.url.path,
      ] + arguments
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments = arguments
    let error = Pipe()
    process.standardError = error
    try process.run()
    let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // The test binary itself may sit where nobody cannot reach it.
    guard !message.contains("Permission denied") || message.contains("locked/") else { return }
    #expect(process.terminationStatus == 1)
    #expect(message.contains("locked/: cannot read folder"))
  } else {
    let result = try run(arguments)
    #expect(result.status == 1)
    #expect(result.standardError.contains("locked/: cannot read folder"))
  }
}

// MARK: - Nothing skipped silently

@Test func filesThatAreNotReadAreListedWithTheirReason() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 1)
  let corpus = work.url.appendingPathComponent("corpus")
  for name in ["photo.jpg", "sheet.xlsx", "page.mht", "draft.odt"] {
    try work.write("corpus/\(name)", Array("x".utf8))
  }
  #expect(mkfifo(corpus.appendingPathComponent("pipe.txt").path, 0o644) == 0)
  try FileManager.default.createSymbolicLink(
    at: corpus.appendingPathComponent("zero.txt"),
    withDestinationURL: URL(fileURLWithPath: "/dev/zero"))
  try FileManager.default.createSymbolicLink(
    at: corpus.appendingPathComponent("folder-link"), withDestinationURL: work.url)
  // A link to a plan elsewhere is read like the plan.
  try work.write("elsewhere/linked.txt", plan(7))
  try FileManager.default.createSymbolicLink(
    at: corpus.appendingPathComponent("linked.txt"),
    withDestinationURL: work.url.appendingPathComponent("elsewhere/linked.txt"))
  // A name that is not UTF-8 (Latin-1 é).
  let badName = Array(corpus.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8) + [0]
  let descriptor = badName.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
  }
  #expect(descriptor >= 0)
  close(descriptor)

  let output = work.url.appendingPathComponent("output")
  let result = try run(["run", corpus.path, "-o", output.path])
  #expect(result.status == 0)
  let dataset = try DatasetFile.load(output.path)
  #expect(dataset.documents.map(\.source.path) == ["linked.txt", "p0.txt"])
  let reasons = Dictionary(uniqueKeysWithValues: dataset.skipped.map { ($0.path, $0.reason) })
  #expect(
    reasons == [
      "caf\\xE9.txt": .nameNotUTF8, "draft.odt": .unsupportedFormat, "folder-link": .symbolicLink,
      "sheet.xlsx": .unsupportedFormat, "page.mht": .unsupportedFormat, "pipe.txt": .notRegularFile,
      "photo.jpg": .unsupportedFormat, "zero.txt": .notRegularFile,
    ])
  #expect(result.standardError.contains("8 file(s) skipped"))
  #expect(result.standardError.contains("4 unsupported format (.jpg 1, .mht 1, .odt 1, .xlsx 1)"))
  #expect(result.standardError.contains("soffice --headless --convert-to docx FILE"))
  // The streamed dataset.json lays `skipped` out exactly as the dataset's own encoder.
  let written = try Data(contentsOf: output.appendingPathComponent("dataset.json"))
  #expect(String(decoding: written, as: UTF8.self) == (try DatasetJSONWriter().write(dataset)))
}

@Test func aPathOverTheSystemLimitIsReportedNotOpened() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 1)
  // Folders created one below the other (each name is short; the whole path is not).
  var descriptor = open(work.url.appendingPathComponent("corpus").path, O_RDONLY | O_DIRECTORY)
  for _ in 0..<20 {
    let name = String(repeating: "d", count: 250)
    #expect(mkdirat(descriptor, name, 0o755) == 0)
    let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY)
    close(descriptor)
    descriptor = child
  }
  let file = openat(descriptor, "deep.txt", O_CREAT | O_WRONLY, 0o644)
  close(file)
  close(descriptor)
  let output = work.url.appendingPathComponent("output")
  let result = try run([
    "run", work.url.appendingPathComponent("corpus").path, "-o", output.path, "-q",
  ])
  #expect(result.status == 0)
  let dataset = try DatasetFile.load(output.path)
  #expect(dataset.skipped.map(\.reason) == [.pathTooLong])
  #expect(dataset.skipped.first?.path.hasSuffix("/deep.txt") == true)
  // Remove the deep tree from the bottom (FileManager cannot name its files either).
  _ = try? Process.run(URL(fileURLWithPath: "/bin/rm"), arguments: ["-rf", work.url.path])
    .waitUntilExit()
}

@Test func aFIFOOrDeviceGivenAsAFileFailsAtOnce() throws {
  let work = try ScratchFolder()
  let fifo = work.url.appendingPathComponent("plan.txt")
  #expect(mkfifo(fifo.path, 0o644) == 0)
  let text = try run(["text", fifo.path])
  #expect(text.status == 1)
  #expect(text.standardError.contains("not a regular file"))
  let zero = try run(["text", "/dev/zero"])
  #expect(zero.status == 1)
  let single = try run(["run", fifo.path, "-o", work.url.appendingPathComponent("out").path])
  #expect(single.status == 2)
  #expect(single.standardError.contains("plan.txt: not a regular file"))
  for manifest in [fifo.path, "/dev/zero"] {
    let listed = try run([
      "run", "--manifest", manifest, "--root", work.url.path, "--jsonl",
    ])
    #expect(listed.status == 2)
    #expect(listed.standardError.contains("not a regular file"))
  }
}

// MARK: - Time budget

@Test func aDocumentOverTheTimeBudgetFailsAlone() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 2)
  let output = work.url.appendingPathComponent("output")
  // A budget no document meets: each fails with the reason; the batch goes on (exit 1).
  let result = try run([
    "run", work.url.appendingPathComponent("corpus").path, "-o", output.path, "--max-seconds",
    "0.000000001", "--allow-shrink",
  ])
  #expect(result.status == 1)
  #expect(result.standardError.contains("p0.txt: took longer than the time budget"))
  #expect(result.standardError.contains("p1.txt: took longer than the time budget"))
  #expect(try run(["run", "corpus", "--max-seconds=-1", "--jsonl"]).status == 2)
}

// MARK: - Limits and state

@Test func limitsThatOverflowAreRejected() throws {
  for option in ["--max-input-mb", "--max-text-mb", "--max-entry-mb"] {
    let result = try run(["run", "corpus", "--jsonl", option, "9223372036854775807"])
    #expect(result.status == 2)
    #expect(result.standardError.contains("too large"))
  }
}

@Test func anSQLiteFileThatIsNoStateIsLeftAlone() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 1)
  let foreign = work.url.appendingPathComponent("mine.sqlite")
  do {
    let database = try SQLiteDatabase(path: foreign.path)
    try database.execute(
      "CREATE TABLE documents (name TEXT); INSERT INTO documents VALUES ('mine');")
  }
  let before = try Data(contentsOf: foreign)
  let result = try run([
    "run", work.url.appendingPathComponent("corpus").path, "-o",
    work.url.appendingPathComponent("out").path, "--state", foreign.path,
  ])
  #expect(result.status == 2)
  #expect(result.standardError.contains("not a planscope state"))
  #expect(try Data(contentsOf: foreign) == before)
}

@Test func aStateServesOneOutputFolder() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 2)
  let corpus = work.url.appendingPathComponent("corpus").path
  let state = work.url.appendingPathComponent("shared.sqlite").path
  let first = work.url.appendingPathComponent("a").path
  let second = work.url.appendingPathComponent("b").path
  #expect(try run(["run", corpus, "-o", first, "--state", state, "-q"]).status == 0)
  let refused = try run(["run", corpus, "-o", second, "--state", state, "-q"])
  #expect(refused.status == 2)
  #expect(refused.standardError.contains("is the state of the output folder"))
  // A state at its default place moves with its folder.
  let moved = work.url.appendingPathComponent("moved").path
  #expect(try run(["run", corpus, "-o", second, "-q"]).status == 0)
  #expect(rename(second, moved) == 0)
  #expect(try run(["run", corpus, "-o", moved, "-q"]).status == 0)
}

@Test func aHalfMigratedStateIsCompleted() throws {
  let work = try ScratchFolder()
  let path = work.url.appendingPathComponent("state.sqlite").path
  do {
    // The first release's table plus the first of the two columns added later: what a kill
    // between the two migration steps of older builds left.
    let database = try SQLiteDatabase(path: path)
    try database.execute(
      """
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE cache (
        sha256 TEXT PRIMARY KEY, record TEXT NOT NULL, text TEXT NOT NULL, original TEXT NOT NULL);
      CREATE TABLE documents (
        path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, first_seen TEXT NOT NULL, last_changed TEXT NOT NULL,
        last_seen TEXT NOT NULL, present INTEGER NOT NULL, record TEXT NOT NULL, previous_record TEXT,
        removed_at TEXT, size INTEGER);
      """)
  }
  let store = try StateStore(path: path, fingerprint: "f")
  let columns = try store.database.query("PRAGMA table_info(documents)").compactMap { $0[1].text }
  #expect(columns.contains("size") && columns.contains("modified"))
  #expect(store.isIntact())
}

// MARK: - Unicode twins

@Test func nfcAndNFDTwinsAreBothKeptInEveryMode() throws {
  let work = try ScratchFolder()
  let nfc = "caf\u{E9}.txt"
  let nfd = "cafe\u{301}.txt"
  #expect(Array(nfc.utf8) != Array(nfd.utf8))
  try work.write("corpus/\(nfc)", plan(1))
  try work.write("corpus/\(nfd)", plan(2))
  let corpus = work.url.appendingPathComponent("corpus")
  let manifest = work.url.appendingPathComponent("manifest.txt")
  try Data("\(nfc)\n\(nfd)\n".utf8).write(to: manifest)
  let lines = try run(["run", "--manifest", manifest.path, "--root", corpus.path, "--jsonl"])
  #expect(lines.status == 0)
  let count = String(decoding: lines.standardOutput, as: UTF8.self).split(separator: "\n").count
  #expect(count == 2)
  let merged = work.url.appendingPathComponent("merged")
  let merge = try CommandLineTool.run(
    ["merge", "--jsonl", "-o", merged.path, "-q"], input: lines.standardOutput)
  #expect(merge.status == 0)
  #expect(try DatasetFile.load(merged.path).documents.count == 2)
  let direct = work.url.appendingPathComponent("direct")
  #expect(try run(["run", corpus.path, "-o", direct.path, "-q"]).status == 0)
  #expect(try DatasetFile.load(direct.path).documents.count == 2)
}

// MARK: - Command line

@Test func interruptingARunSaysWhatWasKept() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 2)
  let corpus = work.url.appendingPathComponent("corpus")
  let output = work.url.appendingPathComponent("output")
  #expect(try run(["run", corpus.path, "-o", output.path, "-q"]).status == 0)
  let published = try publishedFiles(output)
  try writePlans(work, "corpus", count: 400)
  let (process, _, error) = try CommandLineTool.start([
    "run", corpus.path, "-o", output.path, "-q", "--no-cache", "--jobs", "1",
  ])
  // Interrupt once the run is staging its outputs (its handlers are installed by then).
  var staging = false
  for _ in 0..<2_000 where !staging {
    usleep(5_000)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
    staging = names.contains { $0.hasPrefix(".staging-") }
  }
  #expect(staging)
  kill(process.processIdentifier, SIGINT)
  let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  guard process.terminationStatus == 130 else {
    // The run won the race and published; nothing to check about an interruption.
    #expect(process.terminationStatus == 0)
    return
  }
  #expect(message.contains("interrupted: nothing was published"))
  #expect(try publishedFiles(output) == published)
  // The next run clears what the interrupted one staged (under the lock) and completes.
  try FileManager.default.removeItem(at: corpus.appendingPathComponent("p399.txt"))
  #expect(try run(["run", corpus.path, "-o", output.path, "-q"]).status == 0)
  let names = try FileManager.default.contentsOfDirectory(atPath: output.path)
  #expect(!names.contains { $0.hasPrefix(".staging-") })
}

@Test func versionAndHelpReadWellAt80Columns() throws {
  let version = try run(["--version"])
  #expect(version.status == 0)
  #expect(String(decoding: version.standardOutput, as: UTF8.self) == Pipeline.version + "\n")
  for command in ["", "run", "merge", "text", "extract", "diff", "digest", "bench"] {
    func help(_ columns: String) throws -> String {
      let process = Process()
      process.executableURL = CommandLineTool.url
      process.arguments = ["help"] + (command.isEmpty ? [] : [command])
      process.environment = ["COLUMNS": columns]
      let output = Pipe()
      process.standardOutput = output
      try process.run()
      let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return text
    }
    let narrow = try help("80")
    let wide = try help("400")
    // The overview and discussion are written to fit: 80 columns must not re-break them.
    let head = { (text: String) in text.components(separatedBy: "USAGE:")[0] }
    #expect(head(narrow) == head(wide), "planscope help \(command) re-wraps at 80 columns")
    // Each argument's help (its first line and the indented lines that continue it).
    var entries: [String] = []
    for line in narrow.split(separator: "\n") {
      if line.hasPrefix("  -") || line.hasPrefix("  <") || entries.isEmpty {
        entries.append(String(line))
      } else {
        entries[entries.count - 1] += " " + line
      }
    }
    for entry in entries {
      #expect(
        entry.components(separatedBy: "(default").count <= 2,
        "planscope help \(command) prints a default twice: \(entry)")
    }
  }
}

// MARK: - Linear extraction

@Test func runsWithoutATerminatorAreCutIntoBoundedSentences() throws {
  let pipeline = try Shared.pipeline()
  let limit = SentenceSplitter.defaultMaxSentenceLength
  for (unit, cutsAfterComma) in [("达到85%以上", false), ("农膜回收率达到85%以上，", true)] {
    let text = String(repeating: unit, count: 3 * limit / unit.count + 7)
    let source = SourceDocument(
      source: SourceInfo(path: "long.txt", sha256: "", format: .text, encoding: "utf-8"),
      text: text, diagnostics: [])
    var diagnostics = Diagnostics()
    let run = pipeline.run(source, diagnostics: &diagnostics)
    let sentences = SentenceSplitter().sentences(of: run.outline)
    #expect(sentences.count >= 3)
    #expect(sentences.allSatisfy { $0.scalars.count <= limit })
    // Nothing is lost or repeated: the sentences tile the text.
    #expect(sentences.map(\.scalars.count).reduce(0, +) == text.unicodeScalars.count)
    if cutsAfterComma {
      #expect(sentences.dropLast().allSatisfy { $0.scalars.last == "," })
    }
    #expect(!run.record.targets.isEmpty)
  }
}

@Test func aFolderThatFailedKeepsTheStateOfItsDocuments() throws {
  let work = try ScratchFolder()
  let store = try StateStore(
    path: work.url.appendingPathComponent("state.sqlite").path, fingerprint: "f")
  let documents = try ["a.txt", "sub/b.txt", "sub/deeper/c.txt", "subway.txt"].map { path in
    ProcessedDocument(try Shared.run("到2025年，覆盖率达到90%。", path: path))
  }
  try store.record(documents, at: Date(timeIntervalSince1970: 0))
  // `sub/` could not be listed this time: its documents are not removed; subway.txt is.
  try store.record([documents[0]], failed: ["sub"], at: Date(timeIntervalSince1970: 86_400))
  let present = try store.entries().filter(\.present).map(\.path)
  #expect(present == ["a.txt", "sub/b.txt", "sub/deeper/c.txt"])
}

@Test func whatAnInterruptedMergeLeftIsClearedByTheNextWriter() throws {
  let work = try ScratchFolder()
  try writePlans(work, "corpus", count: 1)
  let output = work.url.appendingPathComponent("output")
  #expect(
    try run(["run", work.url.appendingPathComponent("corpus").path, "-o", output.path, "-q"]).status
      == 0)
  // A merge killed while spooling standard input, and a staging folder of a killed run.
  try work.write("output/.merge-stdin-999999.jsonl", Array("{}\n".utf8))
  try work.write("output/.staging-999999/text/x.txt", Array("x".utf8))
  try work.write("output/notes.merge-stdin.txt", Array("mine".utf8))
  try work.write("corpus/p1.txt", plan(1))
  #expect(
    try run(["run", work.url.appendingPathComponent("corpus").path, "-o", output.path, "-q"]).status
      == 0)
  let names = try FileManager.default.contentsOfDirectory(atPath: output.path)
  #expect(!names.contains(".merge-stdin-999999.jsonl") && !names.contains(".staging-999999"))
  #expect(names.contains("notes.merge-stdin.txt"), "a user's file is never removed")
}

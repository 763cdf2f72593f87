import Foundation

@testable import PlanScope

/// Runs the `planscope` executable built next to the test bundle (the test target depends on
/// it), for tests of the command line: exit codes, standard streams, kills.
enum CommandLineTool {
  /// The built executable.
  static var url: URL {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
      FixturePaths.repository.appendingPathComponent(".build/debug"),
    ].map { $0.appendingPathComponent("planscope") }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[candidates.count - 1]
  }

  /// What a finished run printed and returned.
  struct Result {
    var status: Int32
    var standardOutput: Data
    var standardError: String
  }

  /// Starts `planscope arguments…` with `input` on standard input; does not wait.
  static func start(_ arguments: [String], input: Data? = nil) throws -> (Process, Pipe, Pipe) {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    let stdin = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
      try stdin.fileHandleForWriting.write(contentsOf: input)
      try stdin.fileHandleForWriting.close()
    }
    return (process, output, error)
  }

  /// Runs `planscope arguments…` to completion.
  static func run(_ arguments: [String], input: Data? = nil) throws -> Result {
    let (process, output, error) = try start(arguments, input: input)
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, standardOutput: outputData,
      standardError: String(decoding: errorData, as: UTF8.self))
  }
}

/// The published files of an output folder (`.current`), relative path → bytes; with
/// `sqliteByContent`, `dataset.sqlite` is its `databaseContents` instead of its bytes (an
/// incremental run updates a copy of the previous database: the same rows and index entries,
/// other pages).
func publishedFiles(_ output: URL, sqliteByContent: Bool = false) throws -> [String: Data] {
  let root = output.appendingPathComponent(".current").resolvingSymlinksInPath()
  var files: [String: Data] = [:]
  guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return files }
  for case let relative as String in enumerator {
    var isDirectory: ObjCBool = false
    let url = root.appendingPathComponent(relative)
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    {
      files[relative] =
        sqliteByContent && relative == "dataset.sqlite"
        ? Data(try databaseContents(url.path).joined(separator: "\n").utf8)
        : try Data(contentsOf: url)
    }
  }
  return files
}

/// What a dataset database holds, independent of its page layout and row ids: the schema,
/// every table's rows (sorted), and every entry of the full-text index as (term, document
/// key, column, offset), sorted, after FTS5's own integrity check.
func databaseContents(_ path: String) throws -> [String] {
  let database = try SQLiteDatabase(path: path)
  var lines = try database.query(
    "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name"
  ).compactMap { $0.first?.text }
  let tables = try database.query(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'document_texts_fts%' ORDER BY name"
  ).compactMap { $0.first?.text }
  for table in tables {
    let columns = try database.query("PRAGMA table_info(\(table))").compactMap { $0[1].text }
    let rows = try database.query("SELECT \(columns.joined(separator: ", ")) FROM \(table)")
    lines += rows.map { "\(table): \($0)" }.sorted()
  }
  try database.execute(
    "INSERT INTO document_texts_fts (document_texts_fts) VALUES ('integrity-check')")
  try database.execute(
    "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, document_texts_fts, 'instance')")
  lines += try database.query(
    """
    SELECT term || ' ' || t.document_key || ' ' || col || ' ' || \"offset\"
    FROM temp.terms JOIN document_texts t ON t.rowid = temp.terms.doc
    """
  ).compactMap { $0.first?.text }.sorted()
  return lines
}

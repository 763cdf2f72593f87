import Foundation

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

/// The published files of an output folder (`.current`), relative path → bytes.
func publishedFiles(_ output: URL) throws -> [String: Data] {
  let root = output.appendingPathComponent(".current").resolvingSymlinksInPath()
  var files: [String: Data] = [:]
  guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return files }
  for case let relative as String in enumerator {
    var isDirectory: ObjCBool = false
    let url = root.appendingPathComponent(relative)
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    {
      files[relative] = try Data(contentsOf: url)
    }
  }
  return files
}

import Foundation
import PlanScope

/// A reference tool found on `PATH` (`opencc`, `pandoc`), with its version line.
public struct ReferenceTool: Sendable, Hashable {
  /// The command name.
  public var name: String
  /// The executable, or nil when not installed.
  public var executable: URL?
  /// The first line of `--version` that names a version, or nil.
  public var version: String?

  /// Looks `name` up on `PATH` and asks it for its version.
  public static func locate(_ name: String) -> ReferenceTool {
    guard let url = ToolRunner.find(name) else {
      return ReferenceTool(name: name, executable: nil, version: nil)
    }
    let output = (try? ToolRunner.capture(url, ["--version"])) ?? ""
    let lines = output.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    // “pandoc 2.17.1.1” and “time (GNU Time) 1.9” lead with it; opencc says “Version: 1.1.5”
    // on its second line.
    let version =
      lines.first.flatMap { $0.contains(where: \.isNumber) ? $0 : nil }
      ?? lines.first { $0.lowercased().hasPrefix("version") } ?? lines.first
    return ReferenceTool(name: name, executable: url, version: version)
  }
}

/// Starts helper commands with Foundation's `Process` (version queries, pandoc writing the
/// benchmark's Word file); commands whose memory is measured use `MeasuredCommand`.
enum ToolRunner {
  /// The first executable called `name` on `PATH`.
  static func find(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }

  /// Runs a command and returns its standard output; standard error is kept for the error.
  /// - Throws: `BenchError.spawnFailed` or `.commandFailed` (non-zero exit).
  @discardableResult
  static func capture(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:]
  ) throws -> String {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    let name = ([executable.lastPathComponent] + arguments).joined(separator: " ")
    do {
      try process.run()
    } catch {
      throw BenchError.spawnFailed(command: name, reason: String(describing: error))
    }
    // Read both pipes before waiting, so a chatty command cannot fill one and block.
    let errorData = DataBox()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      errorData.data = errors.fileHandleForReading.readDataToEndOfFile()
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    group.wait()
    guard process.terminationStatus == 0 else {
      let message = String(decoding: errorData.data, as: UTF8.self)
      throw BenchError.commandFailed(
        command: name, status: process.terminationStatus,
        stderr: String(message.suffix(500)).trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return String(decoding: outputData, as: UTF8.self)
  }
}

/// Standard error, read on another thread.
private final class DataBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored = Data()

  var data: Data {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}

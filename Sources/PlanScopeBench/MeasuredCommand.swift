import Foundation
import PlanScope

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What one finished command cost: wall time, its own peak memory and CPU time.
public struct CommandCost: Sendable, Hashable {
  /// Wall-clock seconds from start to exit.
  public var seconds: Double
  /// Exit status (128 + signal when killed by a signal).
  public var status: Int32
  /// Peak resident set size of the command, in bytes.
  public var peakResidentBytes: Int
  /// Whether the peak may include the benchmark's own memory (measured without GNU time).
  public var peakIsUpperBound: Bool
  /// User plus system CPU seconds of the command.
  public var cpuSeconds: Double
}

/// Runs one command and measures it: wall time on `ContinuousClock`, peak RSS and CPU time
/// from GNU time (`/usr/bin/time -f "%M %U %S"`), else from `wait4(2)`.
///
/// Why GNU time: `posix_spawn` (and so Foundation's `Process`) starts a child in the parent's
/// address space (vfork), and Linux folds the peak RSS of that address space into the child's
/// `ru_maxrss` when it execs, so `wait4` and `RUSAGE_CHILDREN` report at least the
/// benchmark's own memory. GNU time is a 2 MB process that forks the command and reads its
/// own `wait4`, so the figure is the command's. Without it the figure is an upper bound and
/// `CommandCost.peakIsUpperBound` says so. Standard input is `/dev/null`; standard output
/// and error go to files (the commands' own, not the benchmark's).
struct MeasuredCommand {
  /// The program.
  var executable: URL
  /// Its arguments (without the program name).
  var arguments: [String]
  /// Where standard output goes.
  var standardOutput: URL
  /// Where standard error goes.
  var standardError: URL
  /// GNU time, when installed.
  var gnuTime: URL?

  /// The command line, for messages.
  var commandLine: String { ([executable.path] + arguments).joined(separator: " ") }

  /// Runs the command to completion.
  /// - Throws: `BenchError.spawnFailed` when it cannot be started.
  func run() throws -> CommandCost {
    guard let gnuTime else { return try spawn(executable, arguments) }
    let costFile = URL(fileURLWithPath: standardError.path + ".cost")
    try? FileManager.default.removeItem(at: costFile)
    var cost = try spawn(
      gnuTime, ["-f", "%M %U %S", "-o", costFile.path, executable.path] + arguments)
    // GNU time writes “Command exited with non-zero status N” first when it did.
    let figures =
      ((try? String(contentsOf: costFile, encoding: .utf8)) ?? "")
      .split(separator: "\n").last?.split(separator: " ").compactMap { Double($0) } ?? []
    if figures.count == 3 {
      cost.peakResidentBytes = Int(figures[0]) * 1024
      cost.cpuSeconds = figures[1] + figures[2]
      cost.peakIsUpperBound = false
    }
    return cost
  }

  /// Starts `program` with `posix_spawn` and reaps it with `wait4`.
  private func spawn(_ program: URL, _ arguments: [String]) throws -> CommandCost {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, standardOutput.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(
      &actions, 2, standardError.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] =
      ([program.path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let clock = ContinuousClock()
    let start = clock.now
    let spawned = posix_spawn(&pid, program.path, &actions, nil, argv, environ)
    guard spawned == 0 else {
      throw BenchError.spawnFailed(
        command: commandLine, reason: String(cString: strerror(spawned)))
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      guard errno == EINTR else {
        throw BenchError.spawnFailed(command: commandLine, reason: String(cString: strerror(errno)))
      }
    }
    let elapsed = clock.now - start
    return CommandCost(
      seconds: elapsed.seconds, status: Self.exitStatus(status),
      // Linux reports ru_maxrss in KiB.
      peakResidentBytes: Int(usage.ru_maxrss) * 1024, peakIsUpperBound: true,
      cpuSeconds: usage.ru_utime.seconds + usage.ru_stime.seconds)
  }

  /// The exit code, or 128 + the signal that ended the command (as shells report it).
  private static func exitStatus(_ status: Int32) -> Int32 {
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }
}

extension timeval {
  /// The time in seconds.
  fileprivate var seconds: Double { Double(tv_sec) + Double(tv_usec) / 1e6 }
}

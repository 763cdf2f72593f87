import Foundation

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
  /// Peak resident set size of the command itself, in bytes (`wait4`'s `ru_maxrss`).
  public var peakResidentBytes: Int
  /// User plus system CPU seconds of the command.
  public var cpuSeconds: Double
}

/// Runs one command and measures it: wall time on `ContinuousClock`, peak RSS and CPU time
/// from `wait4(2)`.
///
/// Foundation's `Process` reaps its children itself and keeps no resource usage, and
/// `getrusage(RUSAGE_CHILDREN)` only holds the largest child so far, so a command measured for
/// memory is started with `posix_spawn` and reaped here. Standard input is `/dev/null`;
/// standard output and error go to files (the commands' own, not the benchmark's).
struct MeasuredCommand {
  /// The program.
  var executable: URL
  /// Its arguments (without the program name).
  var arguments: [String]
  /// Where standard output goes.
  var standardOutput: URL
  /// Where standard error goes.
  var standardError: URL

  /// The command line, for messages.
  var commandLine: String { ([executable.path] + arguments).joined(separator: " ") }

  /// Runs the command to completion.
  /// - Throws: `BenchError.spawnFailed` when it cannot be started.
  func run() throws -> CommandCost {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, standardOutput.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(
      &actions, 2, standardError.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] =
      ([executable.path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let clock = ContinuousClock()
    let start = clock.now
    let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
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
      peakResidentBytes: Int(usage.ru_maxrss) * 1024,
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

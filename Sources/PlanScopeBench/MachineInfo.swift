import Foundation
import PlanScope

/// The machine a benchmark ran on, so figures from two machines are not compared blindly.
public struct MachineInfo: Sendable, Hashable {
  /// Cores available to this process.
  public var cores: Int
  /// The CPU model (`model name` in `/proc/cpuinfo`), or “unknown”.
  public var cpuModel: String
  /// Physical memory in bytes.
  public var memoryBytes: UInt64
  /// The 1-, 5- and 15-minute load averages when the run started (`/proc/loadavg`): other
  /// work on a shared machine skews every figure.
  public var loadAverage: String
  /// The operating system version.
  public var system: String

  /// Describes this machine.
  public static func current() -> MachineInfo {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model =
      cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
      .flatMap { $0.split(separator: ":", maxSplits: 1).last }
      .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    return MachineInfo(
      cores: ProcessInfo.processInfo.activeProcessorCount, cpuModel: model,
      memoryBytes: ProcessInfo.processInfo.physicalMemory, loadAverage: currentLoadAverage(),
      system: ProcessInfo.processInfo.operatingSystemVersionString)
  }

  /// The 1-, 5- and 15-minute load averages now (`0.52 0.58 0.59`), or "" off Linux.
  public static func currentLoadAverage() -> String {
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return load.split(separator: " ").prefix(3).joined(separator: " ")
  }
}

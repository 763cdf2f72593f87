import Foundation

/// Locates fixtures, case tables and golden files in the source tree (via `#filePath`).
enum FixturePaths {
  /// The URL of `relative` under `Tests/PlanScopeTests/`, e.g. `url("Cases/quantities.json")`.
  static func url(_ relative: String) -> URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent(relative)
  }
}

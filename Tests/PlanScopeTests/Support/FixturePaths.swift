import Foundation

/// Locates test data in the source tree (`Tests/PlanScopeTests/…`), so `make golden` can
/// rewrite files in place and tests never depend on the working directory.
enum FixturePaths {
  /// `Tests/PlanScopeTests`.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The repository root.
  static let repository = root.deletingLastPathComponent().deletingLastPathComponent()

  /// A file or folder below `Tests/PlanScopeTests`.
  static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  /// The bytes of a file below `Tests/PlanScopeTests`.
  static func bytes(_ relative: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url(relative)))
  }

  /// The UTF-8 text of a file below `Tests/PlanScopeTests`.
  static func text(_ relative: String) throws -> String {
    String(decoding: try bytes(relative), as: UTF8.self)
  }

  /// The names of the files in a folder below `Tests/PlanScopeTests` with this extension, sorted.
  static func files(in folder: String, withExtension pathExtension: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
    return names.filter { $0.hasSuffix("." + pathExtension) }.sorted()
  }
}

import Foundation

/// Locates test data in the source tree (`Tests/PlanScopeTests/...`) via `#filePath`, so tests
/// read fixtures in place and `make golden` can rewrite golden files where they live.
enum FixturePaths {
  /// `Tests/PlanScopeTests`.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A path below `Tests/PlanScopeTests`, e.g. `Fixtures/docx/01_runs_fonts.docx`.
  static func url(_ relative: String) -> URL {
    root.appendingPathComponent(relative)
  }

  /// The bytes of a file below `Tests/PlanScopeTests`.
  static func bytes(_ relative: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url(relative)))
  }

  /// The names of the files in a folder below `Tests/PlanScopeTests` with this extension, sorted.
  static func files(in folder: String, withExtension pathExtension: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
    return names.filter { $0.hasSuffix("." + pathExtension) }.sorted()
  }
}

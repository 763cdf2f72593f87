import Foundation
import Testing

@testable import PlanScope

/// A folder under `Golden/`: an input (`input.txt`, `input.docx`, or `source.txt` naming a
/// file relative to the repository) and the expected outputs next to it.
/// `UPDATE_GOLDEN=1 swift test --filter Golden` rewrites the expected files.
struct GoldenCase: Sendable, CustomTestStringConvertible {
  let name: String
  let folder: URL

  var testDescription: String { name }

  /// Every golden case, sorted by name.
  static func all() throws -> [GoldenCase] {
    let root = FixturePaths.url("Golden")
    let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
      .filter { !$0.hasPrefix(".") }.sorted()
    return names.map { GoldenCase(name: $0, folder: root.appendingPathComponent($0)) }
  }

  /// The input files and the paths they are reported under: `source.txt` names one or more
  /// files relative to the repository, one per line.
  func inputs() throws -> [(url: URL, path: String)] {
    let source = folder.appendingPathComponent("source.txt")
    if FileManager.default.fileExists(atPath: source.path) {
      let lines = try String(contentsOf: source, encoding: .utf8).split(separator: "\n")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      return lines.map { (FixturePaths.repository.appendingPathComponent($0), $0) }
    }
    for name in ["input.txt", "input.docx"]
    where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
      return [(folder.appendingPathComponent(name), "\(self.name)/\(name)")]
    }
    throw GoldenError.noInput(name)
  }

  /// Compares `actual` with the expected file, or rewrites it under UPDATE_GOLDEN=1.
  func check(_ file: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let url = folder.appendingPathComponent(file)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try Data(actual.utf8).write(to: url, options: .atomic)
      return
    }
    // Decode the bytes as they are: String(contentsOf:) would drop a CSV's byte-order mark.
    let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    if expected != actual {
      let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let firstDifference = zip(expectedLines, actualLines).enumerated()
        .first { $0.element.0 != $0.element.1 }
      let where_ =
        firstDifference.map {
          "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)"
        } ?? "line counts differ: \(expectedLines.count) vs \(actualLines.count)"
      Issue.record(
        "\(name)/\(file) differs (run `make golden` and review the diff) at \(where_)",
        sourceLocation: sourceLocation)
    }
  }
}

enum GoldenError: Error { case noInput(String) }

import Foundation
import Testing

/// The folders of `Sources/PlanScope`, bottom to top, each with the folders it may use: the
/// text toolkit and the model at the bottom, the stages beside each other (no stage uses
/// another), `Pipeline` wiring the per-document stages, `Run` the batch machinery on top.
private let layers: [(folder: String, uses: Set<String>)] = [
  ("Text", []),
  ("Model", ["Text"]),
  ("Lexicon", ["Text", "Model"]),
  ("SQLite", ["Text"]),
  ("Ingest", ["Text", "Model", "Lexicon"]),
  ("Normalize", ["Text", "Model", "Lexicon"]),
  ("Structure", ["Text", "Model", "Lexicon"]),
  ("Extract", ["Text", "Model", "Lexicon"]),
  ("Review", ["Text", "Model", "Lexicon"]),
  ("Emit", ["Text", "Model", "Lexicon", "SQLite", "Review"]),
  (
    "Pipeline",
    [
      "Text", "Model", "Lexicon", "SQLite", "Ingest", "Normalize", "Structure", "Extract", "Review",
      "Emit",
    ]
  ),
  (
    "Run",
    [
      "Text", "Model", "Lexicon", "SQLite", "Ingest", "Normalize", "Structure", "Extract", "Review",
      "Emit", "Pipeline",
    ]
  ),
]

/// Every `.swift` file under `Sources/PlanScope`, by top-level folder.
private func libraryFiles() throws -> [(folder: String, path: String, text: String)] {
  let root = FixturePaths.repository.appendingPathComponent("Sources/PlanScope")
  var files: [(String, String, String)] = []
  let enumerator = FileManager.default.enumerator(atPath: root.path)
  while let relative = enumerator?.nextObject() as? String {
    guard relative.hasSuffix(".swift"), let folder = relative.split(separator: "/").first,
      relative.contains("/")
    else { continue }
    let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    files.append((String(folder), relative, text))
  }
  return files.sorted { $0.1 < $1.1 }
}

/// The code of a Swift file without comments and string literals (their words are not uses).
private func code(_ text: String) -> String {
  var out = ""
  var scalars = Array(text.unicodeScalars)[...]
  while let first = scalars.first {
    if scalars.starts(with: "//".unicodeScalars) {
      while let next = scalars.first, next != "\n" { scalars.removeFirst() }
    } else if scalars.starts(with: "/*".unicodeScalars) {
      while !scalars.isEmpty, !scalars.starts(with: "*/".unicodeScalars) { scalars.removeFirst() }
      scalars = scalars.dropFirst(2)
    } else if scalars.starts(with: "\"\"\"".unicodeScalars) {
      scalars = scalars.dropFirst(3)
      while !scalars.isEmpty, !scalars.starts(with: "\"\"\"".unicodeScalars) {
        scalars.removeFirst()
      }
      scalars = scalars.dropFirst(3)
      out += "\"\""
    } else if first == "\"" {
      scalars.removeFirst()
      while let next = scalars.first, next != "\"", next != "\n" {
        scalars.removeFirst()
        if next == "\\" { scalars = scalars.dropFirst() }
      }
      scalars = scalars.dropFirst()
      out += "\"\""
    } else {
      out.unicodeScalars.append(first)
      scalars.removeFirst()
    }
  }
  return out
}

/// The types a file declares at the top level (`public struct Target`, `enum FNV1a` …).
private func declaredTypes(_ code: String) -> [String] {
  let keywords: Set<Substring> = ["struct", "class", "enum", "protocol", "actor", "typealias"]
  return code.split(separator: "\n").compactMap { line -> String? in
    guard let first = line.first, first.isLetter || first == "@" else { return nil }
    let words = line.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" })
    guard let index = words.firstIndex(where: { keywords.contains($0) }), index + 1 < words.count
    else { return nil }
    let name = words[index + 1]
    return name.first?.isUppercase == true ? String(name) : nil
  }
}

@Test func everyFolderUsesOnlyTheFoldersBelowIt() throws {
  let files = try libraryFiles()
  let allowed = Dictionary(uniqueKeysWithValues: layers.map { ($0.folder, $0.uses) })
  let folders = Set(files.map(\.folder))
  #expect(folders == Set(allowed.keys), "a folder of Sources/PlanScope has no place in `layers`")
  var owner: [String: String] = [:]
  let codes = files.map { code($0.text) }
  for (file, text) in zip(files, codes) {
    for name in declaredTypes(text) { owner[name] = owner[name] ?? file.folder }
  }
  #expect(owner["Target"] == "Model" && owner["FNV1a"] == "Text", "declarations not found")
  var violations: [String] = []
  for (file, text) in zip(files, codes) {
    let words = Set(
      text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init))
    for word in words.sorted() {
      guard let folder = owner[word], folder != file.folder else { continue }
      if allowed[file.folder]?.contains(folder) != true {
        violations.append("\(file.path) uses \(word) from \(folder)/")
      }
    }
  }
  #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
}

@Test func theLayeringTestSeesAViolation() {
  // A stage using another stage's type must be reported: the check is not vacuous.
  let text = code("struct Outliner {\n  let x = TargetExtractor() // a comment naming Lexicon\n}")
  #expect(declaredTypes(text) == ["Outliner"])
  #expect(text.contains("TargetExtractor") && !text.contains("Lexicon"))
}

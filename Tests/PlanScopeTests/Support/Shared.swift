@testable import PlanScope

/// Builders for stages used by many tests (lexicons load from the bundle).
enum Shared {
  static func converter() throws -> ScriptConverter { try ScriptConverter.standard() }

  static func pipeline() throws -> Pipeline { try Pipeline.standard() }

  /// Normalizes and outlines a snippet of text.
  static func outline(_ text: String) throws -> OutlinedDocument {
    let source = SourceDocument(
      source: SourceInfo(path: "snippet.txt", sha256: "0000000000000000", format: .text),
      text: text)
    var diagnostics = Diagnostics()
    let document = try Normalizer(converter: converter()).normalize(
      source, diagnostics: &diagnostics)
    return Outliner().outline(document, diagnostics: &diagnostics)
  }

  /// Runs the whole pipeline on a text reported under `path` (hashed like a file's bytes).
  static func run(_ text: String, path: String) throws -> PipelineRun {
    var diagnostics = Diagnostics()
    let source = SourceDocument(
      source: SourceInfo(path: path, sha256: SHA256.hexDigest(Array(text.utf8)), format: .text),
      text: text)
    return try pipeline().run(source, diagnostics: &diagnostics)
  }
}

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
}

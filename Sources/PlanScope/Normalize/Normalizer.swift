/// Cleans a source document and derives its Simplified and width-folded twins.
///
/// Takes a `SourceDocument`, returns a `Document` whose `original`, `text` and `folded`
/// have the same length in Unicode scalars. Removes debris, converts with OpenCC t2s,
/// classifies the script and reports damaged text (U+FFFD, `?` inside CJK runs) as
/// diagnostics with spans. Does not find structure or facts.
public struct Normalizer: Sendable {
  private let converter: ScriptConverter
  private let debris = DebrisRemover()
  private let folder = WidthFolder()
  private let mixedScriptThreshold: Double

  /// Creates a normalizer.
  public init(
    converter: ScriptConverter,
    mixedScriptThreshold: Double = PipelineOptions().mixedScriptThreshold
  ) {
    self.converter = converter
    self.mixedScriptThreshold = mixedScriptThreshold
  }

  /// Normalizes one document.
  public func normalize(_ source: SourceDocument, diagnostics: inout Diagnostics) -> Document {
    diagnostics.append(contentsOf: source.diagnostics)
    let original = debris.clean(ScalarText.scalars(of: source.text))
    let simplified = converter.convert(original)
    let folded = folder.fold(simplified)
    reportDamage(in: simplified, diagnostics: &diagnostics)
    return Document(
      source: source.source, original: ScalarText(original), text: ScalarText(simplified),
      folded: ScalarText(folded),
      script: converter.script(of: original, mixedThreshold: mixedScriptThreshold))
  }

  /// Reports runs of U+FFFD, and runs of `?` touching a CJK character (lossy-converter
  /// mojibake such as `規?;笄蒺B殖場`), extended over the ASCII debris next to them.
  private func reportDamage(in scalars: [Unicode.Scalar], diagnostics: inout Diagnostics) {
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      guard scalar == "\u{FFFD}" || scalar == "?" else {
        index += 1
        continue
      }
      var end = index
      while end < scalars.count, scalars[end] == scalar { end += 1 }
      let before = index > 0 ? scalars[index - 1] : " "
      let after = end < scalars.count ? scalars[end] : " "
      if scalar == "\u{FFFD}" {
        diagnostics.report(
          .damagedText, "undecodable character(s) U+FFFD in the text",
          span: SourceSpan(start: index, end: end))
      } else if Self.isInsideChineseRun(before: before, after: after, runLength: end - index) {
        var spanEnd = end
        while spanEnd < scalars.count, Self.isASCIIDebris(scalars[spanEnd]) { spanEnd += 1 }
        diagnostics.report(
          .damagedText, "'?' inside Chinese text: characters lost by a lossy conversion",
          span: SourceSpan(start: index, end: spanEnd))
      }
      index = end
    }
  }

  /// `規?;笄`, `??茖W`, `模?化` are damage; `是否可行?` at the end of a clause is a question.
  private static func isInsideChineseRun(
    before: Unicode.Scalar, after: Unicode.Scalar, runLength: Int
  ) -> Bool {
    let cjkBefore = CJK.isIdeograph(before)
    let cjkAfter = CJK.isIdeograph(after)
    if cjkBefore && cjkAfter { return true }
    if runLength >= 2 && (cjkBefore || cjkAfter) { return true }
    return cjkBefore && isASCIIDebris(after)
  }

  private static func isASCIIDebris(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII && scalar != "\n" && scalar != " " && scalar != "\t"
  }
}

// libFuzzer entry point `extract`: arbitrary bytes as UTF-8 text through the standard
// pipeline (normalize, outline, extract) with the bundled lexicons, then the number layer over
// the whole text as `planscope extract` reports it. Built by Tests/Fuzz/fuzz.sh, never by
// SwiftPM.
@testable import PlanScope

/// Built once: loading the lexicons takes far longer than one run.
let pipeline: Pipeline = {
  do { return try Pipeline.standard() } catch { fatalError("lexicons: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let source = SourceDocument(
    source: SourceInfo(path: "fuzz.txt", sha256: "", format: .text, encoding: "utf-8"),
    text: text)
  var diagnostics = Diagnostics()
  let run = pipeline.run(source, diagnostics: &diagnostics)
  _ = pipeline.quantityScanner.scan(run.outline.document.folded.scalars)
  return 0
}

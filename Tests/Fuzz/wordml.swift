// libFuzzer entry point `wordml`: arbitrary bytes as one WordprocessingML part. The bytes are
// read as a relationships part, as numbering.xml and as styles.xml, then rendered as
// document.xml with whatever numbering and styles they defined, so list labels are reached.
// Built by Tests/Fuzz/fuzz.sh, never by SwiftPM.
@testable import PlanScope

let limits = IngestLimits()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  _ = try? WordML.parse(bytes, part: "_rels/.rels", limits: limits) {
    (parser) throws(DocxError) in
    var count = 0
    while let event = try parser.next() {
      if case .start(.relationship) = event {
        _ = parser.attribute(.relationshipType)
        _ = parser.attribute(.target)
        _ = parser.attribute(.targetMode)
      }
      count += 1
    }
    return count
  }
  let definitions =
    (try? NumberingDefinitions(xml: bytes, part: "word/numbering.xml", limits: limits))
    ?? NumberingDefinitions()
  let styles =
    (try? StyleSheet(xml: bytes, part: "word/styles.xml", limits: limits)) ?? StyleSheet()
  var renderer = BodyRenderer(numbering: ListNumbering(definitions: definitions, styles: styles))
  _ = try? WordML.parse(bytes, part: "word/document.xml", limits: limits) {
    (parser) throws(DocxError) in try renderer.render(parser, part: "word/document.xml")
  }
  return 0
}

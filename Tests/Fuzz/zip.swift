// libFuzzer entry point `zip`: arbitrary bytes read as a zip archive with the default
// `IngestLimits`; every entry is looked up by name and extracted (inflate, size and CRC-32
// checks), then the same bytes go through `DocxReader` (package relationships, parts, body).
// Built by Tests/Fuzz/fuzz.sh, never by SwiftPM.
@testable import PlanScope

let limits = IngestLimits()
let docxReader = DocxReader(limits: limits)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let archive = try? ZipArchive(bytes: bytes, limits: limits) {
    for entry in archive.entries {
      _ = archive.entry(named: entry.name)
      _ = try? archive.extract(entry)
    }
  }
  _ = try? docxReader.read(DocumentInput(path: "fuzz.docx", bytes: bytes))
  return 0
}

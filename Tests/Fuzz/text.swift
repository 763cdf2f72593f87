// libFuzzer entry point `text`: arbitrary bytes through `TextReader` (BOM sniffing, UTF-8
// survey, GB18030/Big5 decoding through iconv, line-end unification). Built by
// Tests/Fuzz/fuzz.sh, never by SwiftPM.
@testable import PlanScope

/// Built once: the detector reads iconv's GB2312 and Big5 tables in `init`.
let reader = TextReader()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  _ = try? reader.read(DocumentInput(path: "fuzz.txt", bytes: bytes))
  return 0
}

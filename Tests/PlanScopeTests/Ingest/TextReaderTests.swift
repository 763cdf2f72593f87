import Foundation
import Testing

@testable import PlanScope
@testable import PlanScopeBench

struct HostileTextExpectation: Decodable, Sendable {
  var encoding: String?
  var text: String?
  var warning: String?
  var error: String?
}

@Test(arguments: try Case<String, HostileTextExpectation>.table("hostile_text"))
func hostileTextInput(_ row: Case<String, HostileTextExpectation>) throws {
  let bytes = try FixturePaths.bytes("Fixtures/hostile/\(row.input)")
  let loader = DocumentLoader()
  let input = DocumentInput(path: "hostile/\(row.input)", bytes: bytes)
  if let expectedError = row.expected.error {
    let error = #expect(throws: IngestError.self) { try loader.read(input, format: .text) }
    #expect(error?.description.contains(expectedError) == true)
    #expect(error?.path == "hostile/\(row.input)")
    return
  }
  let document = try loader.read(input, format: .text)
  #expect(document.source.encoding == row.expected.encoding)
  if let textFile = row.expected.text {
    #expect(document.text == (try FixturePaths.text("Fixtures/hostile/\(textFile)")))
  }
  #expect(document.diagnostics.map(\.code.rawValue) == (row.expected.warning.map { [$0] } ?? []))
  #expect(document.source.sha256 == SHA256.hexDigest(bytes))
}

struct HexInput: Decodable, Sendable {
  var hex: String
  var bytes: [UInt8] {
    var out: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
      index = next
    }
    return out
  }
}

struct DecodedExpectation: Decodable, Sendable {
  var encoding: String
  var text: String
}

@Test(arguments: try Case<HexInput, DecodedExpectation>.table("encodings"))
func encodingDetection(_ row: Case<HexInput, DecodedExpectation>) {
  let decoded = TextEncodingDetector().decode(row.input.bytes)
  #expect(decoded.encoding.rawValue == row.expected.encoding)
  #expect(decoded.text == row.expected.text)
}

@Test func lineEndsBecomeLF() {
  #expect(TextReader.unifyLineEnds("a\r\nb\rc\n\r\n") == "a\nb\nc\n\n")
}

private let sha256Vectors: [(message: [UInt8], digest: String)] = [
  ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
  (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
  // Two blocks (448 bits of message): the padding crosses a block boundary.
  (
    Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
  ),
  // Whole blocks read in place, then a padding block of its own (64 bytes), and many blocks.
  (
    [UInt8](repeating: 0x61, count: 64),
    "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"
  ),
  (
    [UInt8](repeating: 0x61, count: 1_000_000),
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
  ),
]

/// Lowercase hex, two digits a byte.
private func hex(_ bytes: [UInt8]) -> String {
  bytes.map { String(String(Int($0) + 0x100, radix: 16).dropFirst()) }.joined()
}

@Test func sha256MatchesKnownVectors() {
  for vector in sha256Vectors {
    #expect(hex(SHA256.digest(vector.message)) == vector.digest)
  }
  #expect(SHA256.hexDigest(sha256Vectors[1].message) == sha256Vectors[1].digest)
}

@Test func sha256AgreesWithSha256sumAroundTheBlockBoundaries() throws {
  let sha256sum = URL(fileURLWithPath: "/usr/bin/sha256sum")
  guard FileManager.default.isExecutableFile(atPath: sha256sum.path) else { return }
  var random = SplitMix64(seed: 256)
  let bytes = (0..<10_007).map { _ in UInt8(truncatingIfNeeded: random.next()) }
  // Each padding case (55, 56, 63, 64, 65 bytes …), several blocks, and a long odd length.
  for count in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 10_007] {
    let process = Process()
    process.executableURL = sha256sum
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    try input.fileHandleForWriting.write(contentsOf: Data(bytes[..<count]))
    try input.fileHandleForWriting.close()
    let line = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(SHA256.hexDigest(Array(bytes[..<count])) == String(line.prefix(64)), "\(count) bytes")
  }
}

@Test func seedCorpusHashesMatchTheGoldFiles() throws {
  // The scorer matches documents by SHA-256; the seeds must stay byte-identical.
  let corpus = FixturePaths.repository.appendingPathComponent("corpus")
  let bytes = [UInt8](
    try Data(contentsOf: corpus.appendingPathComponent("000_79fb45e168060835.txt")))
  #expect(
    SHA256.hexDigest(bytes) == "1c34065b2889c3a632a67f6021b9440375cbeffabd661d81677b7969e82120c0")
}

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

/// The compressions this machine can run: Swift always, the SHA extensions when present.
private let sha256Paths = SHA256.accelerated ? [false, true] : [false]

/// Lowercase hex, two digits a byte.
private func hex(_ bytes: [UInt8]) -> String {
  bytes.map { String(String(Int($0) + 0x100, radix: 16).dropFirst()) }.joined()
}

@Test(arguments: sha256Paths)
func sha256MatchesKnownVectors(accelerated: Bool) {
  for vector in sha256Vectors {
    #expect(hex(SHA256.digest(vector.message, accelerated: accelerated)) == vector.digest)
  }
  #expect(SHA256.hexDigest(sha256Vectors[1].message) == sha256Vectors[1].digest)
}

@Test func sha256PathsAgreeOnEveryLengthAroundTheBlocks() {
  // Every length from 0 to 300 bytes (each padding case, 1 to 5 blocks) and a long odd one.
  var random = SplitMix64(seed: 256)
  let bytes = (0..<10_007).map { _ in UInt8(truncatingIfNeeded: random.next()) }
  for count in Array(0...300) + [10_007] {
    let message = Array(bytes[..<count])
    let swift = SHA256.digest(message, accelerated: false)
    #expect(swift.count == 32)
    if SHA256.accelerated {
      #expect(SHA256.digest(message, accelerated: true) == swift, "\(count) bytes")
    }
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

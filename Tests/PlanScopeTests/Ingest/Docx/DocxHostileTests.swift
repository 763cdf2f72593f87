import Foundation
import Testing

@testable import PlanScope

/// One row of `Cases/hostile_docx.json`: a file of `Fixtures/hostile/` and what reading it gives.
struct HostileDocxCase: Codable, Sendable, CustomTestStringConvertible {
  struct Expected: Codable, Sendable {
    /// The `DocxError` case name, when reading must fail.
    var error: String?
    /// The text, when reading must succeed.
    var text: String?
  }

  var id: String
  var input: String
  var maxEntryBytes: Int?
  var expected: Expected

  var testDescription: String { id }

  enum CodingKeys: String, CodingKey {
    case id, input, expected
    case maxEntryBytes = "max_entry_bytes"
  }

  static func all() throws -> [HostileDocxCase] {
    try JSONDecoder().decode(
      [HostileDocxCase].self, from: Data(FixturePaths.bytes("Cases/hostile_docx.json")))
  }
}

extension DocxError {
  /// The case name, for comparing with case tables.
  var kind: String {
    switch self {
    case .emptyFile: "emptyFile"
    case .legacyOrEncrypted: "legacyOrEncrypted"
    case .notZip: "notZip"
    case .truncated: "truncated"
    case .corruptEntry: "corruptEntry"
    case .entryTooLarge: "entryTooLarge"
    case .tooManyEntries: "tooManyEntries"
    case .symlinkEntry: "symlinkEntry"
    case .unsupportedEntry: "unsupportedEntry"
    case .mainPartMissing: "mainPartMissing"
    case .dtdNotAllowed: "dtdNotAllowed"
    case .nestingTooDeep: "nestingTooDeep"
    case .malformedXML: "malformedXML"
    case .textNodeTooLarge: "textNodeTooLarge"
    case .notWordDocument: "notWordDocument"
    }
  }
}

/// Reads `Fixtures/hostile/<file>` and returns the text or the `DocxError`.
func readHostile(_ file: String, limits: IngestLimits = IngestLimits()) throws -> Result<
  String, DocxError
> {
  let input = DocumentInput(
    path: "hostile/\(file)", bytes: try FixturePaths.bytes("Fixtures/hostile/\(file)"))
  do {
    return .success(try DocxReader(limits: limits).read(input).text)
  } catch IngestError.unreadableDocx(let path, let reason) {
    #expect(path == "hostile/\(file)")
    return .failure(reason)
  }
}

@Suite struct DocxHostileTests {
  static let canaryPath = "/tmp/docx_xxe_canary.txt"
  static let zipSlipPath = "/tmp/docx_zipslip_pwned.txt"

  @Test func everyHostileDocxHasACase() throws {
    let covered = Set(try HostileDocxCase.all().map(\.input))
    #expect(covered == Set(FixturePaths.files(in: "Fixtures/hostile", withExtension: "docx")))
  }

  @Test(arguments: try HostileDocxCase.all())
  func hostileDocxGivesTypedErrorOrText(_ row: HostileDocxCase) throws {
    try "XXE-CANARY-7f3a\n".write(toFile: Self.canaryPath, atomically: true, encoding: .utf8)
    let slipExisted = FileManager.default.fileExists(atPath: Self.zipSlipPath)
    var limits = IngestLimits()
    if let maxEntryBytes = row.maxEntryBytes { limits.maxEntryBytes = maxEntryBytes }

    let result = try readHostile(row.input, limits: limits)
    switch result {
    case .success(let text):
      #expect(row.expected.text == text)
      #expect(row.expected.error == nil, "expected \(row.expected.error ?? "") but read \(text)")
      #expect(!text.contains("root:") && !text.contains("XXE-CANARY"))
    case .failure(let error):
      #expect(error.kind == row.expected.error, "\(error)")
      let message = IngestError.unreadableDocx(path: row.input, reason: error).description
      #expect(!message.contains("root:") && !message.contains("XXE-CANARY"))
    }
    if !slipExisted { #expect(!FileManager.default.fileExists(atPath: Self.zipSlipPath)) }
  }

  @Test func zipBombStopsAtTheDefaultLimit() throws {
    let result = try readHostile("zip_bomb.docx")
    guard case .failure(.entryTooLarge(let entry, let limit)) = result else {
      Issue.record("expected entryTooLarge, got \(result)")
      return
    }
    #expect(entry == "word/document.xml")
    #expect(limit == IngestLimits().maxEntryBytes)
  }

  @Test func lyingZipBombIsCaughtByCountingInflatedBytes() throws {
    let result = try readHostile("zip_bomb_lying_size.docx")
    guard case .failure(.corruptEntry(let entry, let reason)) = result else {
      Issue.record("expected corruptEntry, got \(result)")
      return
    }
    #expect(entry == "word/document.xml")
    #expect(reason.contains("1024"))
  }

  @Test func lyingZipBombWithLimitBelowItsClaimStopsAtTheLimit() throws {
    var limits = IngestLimits()
    limits.maxEntryBytes = 512
    let result = try readHostile("zip_bomb_lying_size.docx", limits: limits)
    guard case .failure(.entryTooLarge(_, 512)) = result else {
      Issue.record("expected entryTooLarge at 512, got \(result)")
      return
    }
  }

  @Test func deepNestingHonoursASmallerLimit() throws {
    var limits = IngestLimits()
    limits.maxXMLDepth = 40
    let result = try readHostile("deep_nesting.docx", limits: limits)
    #expect(result == .failure(.nestingTooDeep(part: "word/document.xml", limit: 40)))
  }

  @Test func symlinkEntryIsNamed() throws {
    let result = try readHostile("symlink_document.docx")
    #expect(result == .failure(.symlinkEntry(entry: "word/document.xml")))
  }

  @Test func xxeErrorNamesThePart() throws {
    #expect(
      try readHostile("xxe_passwd.docx") == .failure(.dtdNotAllowed(part: "word/document.xml")))
  }
}

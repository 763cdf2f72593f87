import Testing

@testable import PlanScope

@Suite struct DocxZipArchiveTests {
  private func archive(_ zip: TestZip, limits: IngestLimits = IngestLimits()) throws -> ZipArchive {
    try ZipArchive(bytes: zip.bytes(), limits: limits)
  }

  @Test func storedEntryIsReadByNameAndCRCChecked() throws {
    var zip = TestZip()
    zip.add("a.txt", "第一")
    zip.add("word/document.xml", "正文")
    zip.comment = Array("archive comment PK".utf8)
    let archive = try archive(zip)
    #expect(archive.entries.map(\.name) == ["a.txt", "word/document.xml"])
    let entry = try #require(archive.entry(named: "word/document.xml"))
    #expect(try archive.extract(entry) == Array("正文".utf8))
  }

  @Test func partNamesMatchCaseInsensitivelyAsAFallback() throws {
    var zip = TestZip()
    zip.add("Word/Document.xml", "x")
    let archive = try archive(zip)
    #expect(archive.entry(named: "word/document.xml")?.name == "Word/Document.xml")
    #expect(archive.entry(named: "word/other.xml") == nil)
  }

  @Test func crcMismatchIsCorruptEntry() throws {
    var zip = TestZip()
    zip.entries.append(.init(name: "x.xml", data: Array("abc".utf8), crcOverride: 0xDEAD_BEEF))
    let archive = try archive(zip)
    #expect(throws: DocxError.corruptEntry(entry: "x.xml", reason: "CRC-32 mismatch")) {
      try archive.extract(archive.entries[0])
    }
  }

  @Test func declaredSizeMismatchIsCorruptEntry() throws {
    var zip = TestZip()
    zip.entries.append(.init(name: "x.xml", data: Array("abcdef".utf8), declaredSize: 3))
    let archive = try archive(zip)
    #expect(throws: DocxError.self) { try archive.extract(archive.entries[0]) }
    do {
      _ = try archive.extract(archive.entries[0])
    } catch {
      #expect(error.kind == "corruptEntry")
    }
  }

  @Test func storedEntryOverTheLimitIsTooLarge() throws {
    var zip = TestZip()
    zip.add("big.xml", String(repeating: "x", count: 100))
    var limits = IngestLimits()
    limits.maxEntryBytes = 99
    let archive = try archive(zip, limits: limits)
    #expect(throws: DocxError.entryTooLarge(entry: "big.xml", limit: 99)) {
      try archive.extract(archive.entries[0])
    }
    limits.maxEntryBytes = 100
    #expect(
      try ZipArchive(bytes: zip.bytes(), limits: limits).extract(archive.entries[0]).count == 100)
  }

  @Test func deflatedEntryOverTheLimitStopsInflating() throws {
    let bytes = try FixturePaths.bytes("Fixtures/docx/01_runs_fonts.docx")
    var limits = IngestLimits()
    limits.maxEntryBytes = 1000
    let archive = try ZipArchive(bytes: bytes, limits: limits)
    let entry = try #require(archive.entry(named: "word/document.xml"))
    #expect(entry.method == 8 && entry.uncompressedSize > 1000)
    #expect(throws: DocxError.entryTooLarge(entry: "word/document.xml", limit: 1000)) {
      try archive.extract(entry)
    }
    let full = try ZipArchive(bytes: bytes, limits: IngestLimits()).extract(entry)
    #expect(full.count == entry.uncompressedSize)
  }

  @Test func encryptedAndUnknownMethodsAreUnsupported() throws {
    var zip = TestZip()
    zip.entries.append(.init(name: "enc.xml", data: [1], flags: 1))
    zip.entries.append(.init(name: "bz.xml", data: [1], method: 12))
    let archive = try archive(zip)
    for entry in archive.entries {
      #expect(throws: DocxError.self) { try archive.extract(entry) }
      do { _ = try archive.extract(entry) } catch { #expect(error.kind == "unsupportedEntry") }
    }
  }

  @Test func unixSymlinkEntryIsRefused() throws {
    var zip = TestZip()
    zip.entries.append(
      .init(
        name: "link", data: Array("/etc/passwd".utf8), versionMadeBy: 3 << 8 | 20,
        externalAttributes: 0o120777 << 16))
    zip.entries.append(
      .init(name: "file", data: [1], versionMadeBy: 3 << 8 | 20, externalAttributes: 0o100644 << 16)
    )
    let archive = try archive(zip)
    #expect(throws: DocxError.symlinkEntry(entry: "link")) {
      try archive.extract(archive.entries[0])
    }
    #expect(try archive.extract(archive.entries[1]) == [1])
  }

  @Test func tooManyEntriesIsRefused() throws {
    var zip = TestZip()
    for index in 0..<5 { zip.add("e\(index)", "") }
    var limits = IngestLimits()
    limits.maxZipEntries = 4
    #expect(throws: DocxError.tooManyEntries(count: 5, limit: 4)) {
      try ZipArchive(bytes: zip.bytes(), limits: limits)
    }
  }

  @Test func missingDirectoryIsTruncated() throws {
    var zip = TestZip()
    zip.add("a", "abc")
    let bytes = zip.bytes()
    #expect(throws: DocxError.self) {
      try ZipArchive(bytes: Array(bytes.prefix(bytes.count - 10)), limits: IngestLimits())
    }
    do {
      _ = try ZipArchive(bytes: Array(bytes.prefix(bytes.count - 10)), limits: IngestLimits())
    } catch {
      #expect(error.kind == "truncated")
    }
  }

  @Test func zip64DirectoryIsFollowed() throws {
    var zip = TestZip()
    zip.add("a.xml", "甲")
    zip.add("b.xml", "乙")
    let archive = try ZipArchive(bytes: zip.zip64Bytes(), limits: IngestLimits())
    #expect(archive.entries.map(\.name) == ["a.xml", "b.xml"])
    #expect(try archive.extract(archive.entries[1]) == Array("乙".utf8))
  }

  @Test func traversalNamesAreOnlyKeys() throws {
    var zip = TestZip()
    zip.add("../../../../tmp/x.txt", "slip")
    let archive = try archive(zip)
    let entry = try #require(archive.entry(named: "../../../../tmp/x.txt"))
    #expect(try archive.extract(entry) == Array("slip".utf8))
  }
}

@testable import PlanScope

/// Builds small zip archives (stored entries) in memory for zip-reader tests.
struct TestZip {
  struct Entry {
    var name: String
    var data: [UInt8]
    var method: UInt16 = 0
    var flags: UInt16 = 0
    var crcOverride: UInt32?
    var declaredSize: UInt32?
    var versionMadeBy: UInt16 = 20
    var externalAttributes: UInt32 = 0
  }

  var entries: [Entry] = []
  var comment: [UInt8] = []

  mutating func add(_ name: String, _ text: String) {
    entries.append(Entry(name: name, data: Array(text.utf8)))
  }

  /// The archive bytes: local headers and data, central directory, EOCD (+ comment).
  func bytes() -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    for entry in entries {
      let offset = UInt32(out.count)
      let name = Array(entry.name.utf8)
      let crc = entry.crcOverride ?? Self.crc32(entry.data)
      let size = entry.declaredSize ?? UInt32(entry.data.count)
      out +=
        le32(0x0403_4b50) + le16(20) + le16(entry.flags) + le16(entry.method) + le16(0) + le16(0)
      out +=
        le32(crc) + le32(UInt32(entry.data.count)) + le32(size) + le16(UInt16(name.count)) + le16(0)
      out += name + entry.data
      central += le32(0x0201_4b50) + le16(entry.versionMadeBy) + le16(20) + le16(entry.flags)
      central += le16(entry.method) + le16(0) + le16(0) + le32(crc) + le32(UInt32(entry.data.count))
      central += le32(size) + le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0)
      central += le32(entry.externalAttributes) + le32(offset) + name
    }
    let centralOffset = UInt32(out.count)
    out += central
    out +=
      le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(entries.count))
      + le16(UInt16(entries.count))
    out += le32(UInt32(central.count)) + le32(centralOffset) + le16(UInt16(comment.count)) + comment
    return out
  }

  /// The same archive with a ZIP64 end-of-central-directory record and locator, the classic
  /// EOCD saturated (0xFFFF entries, 0xFFFFFFFF size and offset).
  func zip64Bytes() -> [UInt8] {
    let classic = bytes()
    let eocd = classic.count - 22 - comment.count
    let centralSize =
      UInt64(classic[eocd + 12]) | UInt64(classic[eocd + 13]) << 8
      | UInt64(classic[eocd + 14]) << 16 | UInt64(classic[eocd + 15]) << 24
    let centralOffset = UInt64(eocd) - centralSize
    var out = Array(classic[..<eocd])
    let record64 = UInt64(out.count)
    out += le32(0x0606_4b50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
    out +=
      le64(UInt64(entries.count)) + le64(UInt64(entries.count)) + le64(centralSize)
      + le64(centralOffset)
    out += le32(0x0706_4b50) + le32(0) + le64(record64) + le32(1)
    out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(0xFFFF) + le16(0xFFFF)
    out += le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) + le16(0)
    return out
  }

  static func crc32(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in data {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
  private func le64(_ value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8((value >> (8 * $0)) & 0xFF) }
  }
  private func le32(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) }
  }
}

/// A minimal valid DOCX package around a `w:body` fragment, with optional numbering and styles
/// parts (their inner XML, wrapped in `w:numbering` / `w:styles`).
func minimalDocx(
  body: String, mainPart: String = "word/document.xml", numbering: String? = nil,
  styles: String? = nil
) -> [UInt8] {
  let relationshipsNS = "http://schemas.openxmlformats.org/package/2006/relationships"
  let typePrefix = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
  let wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  var zip = TestZip()
  zip.add(
    "_rels/.rels",
    """
    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\(relationshipsNS)">\
    <Relationship Id="rId1" Type="\(typePrefix)officeDocument" Target="\(mainPart)"/></Relationships>
    """)
  zip.add(mainPart, wordDocument(body))
  var relationships = ""
  if let numbering {
    zip.add("word/numbering.xml", "<w:numbering xmlns:w=\"\(wordNS)\">\(numbering)</w:numbering>")
    relationships +=
      "<Relationship Id=\"rId2\" Type=\"\(typePrefix)numbering\" Target=\"numbering.xml\"/>"
  }
  if let styles {
    zip.add("word/styles.xml", "<w:styles xmlns:w=\"\(wordNS)\">\(styles)</w:styles>")
    relationships +=
      "<Relationship Id=\"rId3\" Type=\"\(typePrefix)styles\" Target=\"/word/styles.xml\"/>"
  }
  let (folder, file) = DocxPackage.split(mainPart)
  zip.add(
    "\(folder)/_rels/\(file).rels",
    "<Relationships xmlns=\"\(relationshipsNS)\">\(relationships)</Relationships>")
  return zip.bytes()
}

/// Reads a minimal DOCX built from these parts.
func readDocx(
  body: String, numbering: String? = nil, styles: String? = nil,
  limits: IngestLimits = IngestLimits()
) throws(DocxError) -> String {
  try DocxReader(limits: limits).extractText(
    from: minimalDocx(body: body, numbering: numbering, styles: styles))
}

/// A paragraph with one run of text and optional paragraph properties.
func para(_ text: String, _ properties: String = "") -> String {
  "<w:p><w:pPr>\(properties)</w:pPr><w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
}

/// `w:numPr` for a paragraph.
func numPr(_ numID: Int, _ level: Int) -> String {
  "<w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(numID)\"/></w:numPr>"
}

/// A `w:document` around a body fragment, declaring the usual prefixes.
func wordDocument(_ body: String) -> String {
  """
  <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\
  <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
  xmlns:v="urn:schemas-microsoft-com:vml" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">\
  <w:body>\(body)</w:body></w:document>
  """
}

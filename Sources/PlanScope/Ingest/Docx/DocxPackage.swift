/// The parts of a DOCX (OPC) package the reader needs, located through relationships.
///
/// The main part is the target of the `officeDocument` relationship in `_rels/.rels`
/// (transitional or Strict type); `word/document.xml` is assumed only when the package has no
/// `_rels/.rels` at all. Numbering and styles are the targets of the main part's own
/// relationships. Headers, footers, notes and comments are never extracted.
struct DocxPackage {
  /// One package relationship.
  struct Relationship: Sendable, Hashable {
    /// `Id`, what parts refer to it by (`r:id`).
    var id: String = ""
    /// The relationship type URI.
    var type: String
    /// The target as written (relative to the source part's folder unless it starts with `/`).
    var target: String
    /// Whether `TargetMode="External"` (a URL, not a part).
    var isExternal: Bool
  }

  /// Relationship type URIs, transitional then Strict.
  enum RelationshipType {
    static let prefixes = [
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
      "http://purl.oclc.org/ooxml/officeDocument/relationships/",
    ]
    static let officeDocument = "officeDocument"
    static let numbering = "numbering"
    static let styles = "styles"
    static let alternativeFormatChunk = "aFChunk"

    /// Whether `uri` is `kind` (e.g. `numbering`) in either conformance class.
    static func matches(_ uri: String, _ kind: String) -> Bool {
      prefixes.contains {
        uri.count == $0.count + kind.count && uri.hasPrefix($0) && uri.hasSuffix(kind)
      }
    }
  }

  /// The archive the parts come from.
  let archive: ZipArchive
  /// Zip entry name of the main document part (`word/document.xml` in most files).
  let mainPartName: String
  /// Zip entry name of the numbering part, if the main part has one.
  let numberingPartName: String?
  /// Zip entry name of the styles part, if the main part has one.
  let stylesPartName: String?
  /// `w:altChunk` parts (HTML, RTF, DOCX shown in place) by relationship id.
  let alternativeChunks: [String: String]

  /// Reads the zip directory and resolves the parts.
  /// - Throws: `DocxError` (zip errors, `.mainPartMissing`, XML errors in `.rels` parts).
  init(bytes: [UInt8], limits: IngestLimits) throws(DocxError) {
    archive = try ZipArchive(bytes: bytes, limits: limits)
    let packageRels = "_rels/.rels"
    let main: String
    if archive.entry(named: packageRels) != nil {
      let relationships = try Self.relationships(in: packageRels, of: archive, limits: limits)
      guard
        let office = relationships.first(where: {
          !$0.isExternal && RelationshipType.matches($0.type, RelationshipType.officeDocument)
        })
      else { throw .mainPartMissing("_rels/.rels names no officeDocument part") }
      main = Self.resolve(office.target, from: "")
    } else {
      main = "word/document.xml"
    }
    guard archive.entry(named: main) != nil else {
      throw .mainPartMissing("\(main) is not in the archive")
    }
    mainPartName = main

    let (folder, file) = Self.split(main)
    let mainRels = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    var numbering: String?
    var styles: String?
    var chunks: [String: String] = [:]
    if archive.entry(named: mainRels) != nil {
      for relationship in try Self.relationships(in: mainRels, of: archive, limits: limits)
      where !relationship.isExternal {
        if numbering == nil, RelationshipType.matches(relationship.type, RelationshipType.numbering)
        {
          numbering = Self.resolve(relationship.target, from: folder)
        } else if styles == nil,
          RelationshipType.matches(relationship.type, RelationshipType.styles)
        {
          styles = Self.resolve(relationship.target, from: folder)
        } else if RelationshipType.matches(
          relationship.type, RelationshipType.alternativeFormatChunk)
        {
          chunks[relationship.id] = Self.resolve(relationship.target, from: folder)
        }
      }
    }
    numberingPartName = numbering
    stylesPartName = styles
    alternativeChunks = chunks
  }

  /// The bytes of a part, or nil if the archive has no such entry.
  func part(_ name: String) throws(DocxError) -> [UInt8]? {
    guard let entry = archive.entry(named: name) else { return nil }
    return try archive.extract(entry)
  }

  // MARK: - Relationships

  /// Parses a `.rels` part.
  static func relationships(in name: String, of archive: ZipArchive, limits: IngestLimits)
    throws(DocxError) -> [Relationship]
  {
    guard let entry = archive.entry(named: name) else { return [] }
    let bytes = try archive.extract(entry)
    return try WordML.parse(bytes, part: name, limits: limits) { (parser) throws(DocxError) in
      var found: [Relationship] = []
      while let event = try parser.next() {
        guard case .start(.relationship) = event else { continue }
        guard let type = parser.attribute(.relationshipType), let target = parser.attribute(.target)
        else {
          continue
        }
        let external = parser.attribute(.targetMode)?.lowercased() == "external"
        found.append(
          Relationship(
            id: parser.attribute(.relationshipID) ?? "", type: type, target: target,
            isExternal: external))
      }
      return found
    }
  }

  /// Resolves a relationship target against the source part's folder into a zip entry name:
  /// `/word/x.xml` is absolute, `media/a.png` relative; `.`/`..` segments are folded (never
  /// above the root) and `%XX` escapes decoded.
  static func resolve(_ target: String, from folder: String) -> String {
    let decoded = percentDecoded(String(target.map { $0 == "\\" ? "/" : $0 }))
    let joined = decoded.hasPrefix("/") ? decoded : folder + "/" + decoded
    var segments: [Substring] = []
    for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
      switch segment {
      case ".": continue
      case "..": _ = segments.popLast()
      default: segments.append(segment)
      }
    }
    return segments.joined(separator: "/")
  }

  /// Splits `word/document.xml` into (`word`, `document.xml`).
  static func split(_ name: String) -> (folder: String, file: String) {
    guard let slash = name.lastIndex(of: "/") else { return ("", name) }
    return (String(name[..<slash]), String(name[name.index(after: slash)...]))
  }

  private static func percentDecoded(_ text: String) -> String {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

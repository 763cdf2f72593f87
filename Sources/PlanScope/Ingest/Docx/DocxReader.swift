/// Reads the body text of a DOCX (Office Open XML) file.
///
/// Takes the file's bytes and returns a `SourceDocument` whose text has one line per body
/// paragraph (LF, final newline; empty paragraphs give no line), list labels rendered from
/// `numbering.xml` (“一、”, “（二）”, “第十二条 ”), one line per table row with TAB-separated
/// cells, and text-box paragraphs after their anchor. Text is verbatim: no normalisation,
/// no Traditional→Simplified.
///
/// Does *not* read headers, footers, footnotes, endnotes, comments, alt text or embedded
/// objects, and does not compute the file's SHA-256: `source.sha256` is left empty for the
/// loader, which hashes the bytes it read.
///
/// Everything happens in memory: entries are looked up by name, never written to disk, and
/// hostile packages (zip bombs, symlinks, DTDs/XXE, deep nesting) fail with a typed error.
public struct DocxReader: DocumentReader {
  /// The limits applied to archives and XML.
  public let limits: IngestLimits
  /// Whether this reads a DOCX embedded in another (`w:altChunk`): no deeper embedding.
  private var nested = false

  /// A reader with the given limits.
  public init(limits: IngestLimits = IngestLimits()) {
    self.limits = limits
  }

  /// Reads one DOCX file.
  ///
  /// A damaged or hostile numbering or styles part does not stop the document: it is read
  /// without list labels (or style-based numbering) and a `.unreadablePart` diagnostic says why.
  /// - Returns: the body text, `format` `.docx`, `encoding` nil, `sha256` "" (set by the loader).
  /// - Throws: `IngestError.inputTooLarge` past `IngestLimits.maxInputBytes`, else
  ///   `IngestError.unreadableDocx(path:reason:)` with the `DocxError` that stopped it.
  public func read(_ input: DocumentInput) throws -> SourceDocument {
    guard input.bytes.count <= limits.maxInputBytes else {
      throw IngestError.inputTooLarge(
        path: input.path, size: input.bytes.count, limit: limits.maxInputBytes)
    }
    do {
      var diagnostics: [Diagnostic] = []
      let text = try extractText(from: input.bytes, diagnostics: &diagnostics)
      return SourceDocument(
        source: SourceInfo(path: input.path, sha256: "", format: .docx, encoding: nil),
        text: text, diagnostics: diagnostics)
    } catch {
      throw IngestError.unreadableDocx(path: input.path, reason: error)
    }
  }

  /// The body text of a DOCX held in `bytes`; problems with secondary parts go to `diagnostics`.
  /// - Throws: `DocxError` for the archive and the main part.
  func extractText(from bytes: [UInt8], diagnostics: inout [Diagnostic]) throws(DocxError) -> String
  {
    try Self.sniff(bytes)
    let package = try DocxPackage(bytes: bytes, limits: limits)
    var definitions = NumberingDefinitions()
    var styles = StyleSheet()
    do {
      if let name = package.numberingPartName, let xml = try package.part(name) {
        definitions = try NumberingDefinitions(xml: xml, part: name, limits: limits)
      }
    } catch {
      diagnostics.append(
        Diagnostic(code: .unreadablePart, message: "list numbering not rendered: \(error)"))
    }
    do {
      if let name = package.stylesPartName, let xml = try package.part(name) {
        styles = try StyleSheet(xml: xml, part: name, limits: limits)
      }
    } catch {
      diagnostics.append(Diagnostic(code: .unreadablePart, message: "styles ignored: \(error)"))
    }
    guard let main = try package.part(package.mainPartName) else {
      throw .mainPartMissing("\(package.mainPartName) is not in the archive")
    }
    var renderer = BodyRenderer(
      numbering: ListNumbering(definitions: definitions, styles: styles),
      chunks: alternativeChunks(of: package, diagnostics: &diagnostics),
      maxChunkBytes: limits.maxTextBytes)
    let utf8 = try WordML.parse(main, part: package.mainPartName, limits: limits) {
      (parser) throws(DocxError) in try renderer.render(parser, part: package.mainPartName)
    }
    return String(decoding: utf8, as: UTF8.self)
  }

  /// The text of the package's `w:altChunk` parts: HTML through `HtmlReader`, a DOCX through
  /// this reader (one level deep); another format is left out with a diagnostic.
  private func alternativeChunks(of package: DocxPackage, diagnostics: inout [Diagnostic])
    -> [String: [UInt8]]
  {
    var texts: [String: [UInt8]] = [:]
    // Each part is read once, however many relationships name it.
    var byName: [String: [UInt8]] = [:]
    for (id, name) in package.alternativeChunks.sorted(by: { $0.key < $1.key }) {
      if let text = byName[name] {
        texts[id] = text
        continue
      }
      defer { if let text = texts[id] { byName[name] = text } }
      do {
        guard let bytes = try package.part(name) else { continue }
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        if head.contains("<html") || head.contains("<!doctype html") || name.hasSuffix(".htm")
          || name.hasSuffix(".html")
        {
          let page = try HtmlReader(limits: limits).read(DocumentInput(path: name, bytes: bytes))
          texts[id] = Array(page.text.utf8)
        } else if bytes.starts(with: [0x50, 0x4B]), !nested {
          var inner = self
          inner.nested = true
          var ignored: [Diagnostic] = []
          texts[id] = Array(try inner.extractText(from: bytes, diagnostics: &ignored).utf8)
        } else {
          diagnostics.append(
            Diagnostic(
              code: .unreadablePart,
              message:
                "embedded part \(name) (w:altChunk) left out: only HTML and DOCX chunks are read"))
        }
      } catch {
        diagnostics.append(
          Diagnostic(code: .unreadablePart, message: "embedded part \(name) left out: \(error)"))
      }
    }
    return texts
  }

  /// The body text of a DOCX held in `bytes`, dropping diagnostics (for tests).
  /// - Throws: `DocxError`.
  func extractText(from bytes: [UInt8]) throws(DocxError) -> String {
    var diagnostics: [Diagnostic] = []
    return try extractText(from: bytes, diagnostics: &diagnostics)
  }

  /// Rejects what is plainly not a DOCX before reading the zip directory.
  /// - Throws: `.emptyFile`, `.legacyOrEncrypted` (OLE2 magic `D0 CF 11 E0`), `.notZip`.
  static func sniff(_ bytes: [UInt8]) throws(DocxError) {
    if bytes.isEmpty { throw .emptyFile }
    if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw .legacyOrEncrypted }
    guard bytes.starts(with: [0x50, 0x4B]) else { throw .notZip }
  }
}

/// The XML elements the DOCX reader acts on, identified by namespace and local name.
///
/// `WordMLParser` maps every element to one of these (or `.other`), so the renderers switch on a
/// one-byte enum instead of comparing strings. WordprocessingML elements are accepted in both the
/// transitional and the Strict (ISO 29500) namespace.
enum WordElement: UInt8, Sendable {
  /// Any element not listed here, or in a namespace we do not read.
  case other

  // MARK: Body structure (w:)
  case document, body, p, pPr, r, rPr, t, tab, br, cr, noBreakHyphen, softHyphen, sym, ptab
  case tbl, tr, tc, txbxContent, tcPr, cellDel
  /// `w:altChunk`: a part in another format (HTML, RTF, DOCX) shown in place.
  case altChunk
  /// `m:t`: the text of an equation (Office Math), read like `w:t`.
  case mathText
  // MARK: Revisions, fields, hidden and non-body content (w:)
  case del, moveFrom, delText, instrText, delInstrText, fldChar
  case vanish, pStyle, numPr, ilvl, numId
  case pPrChange, rPrChange, sectPr, sdtPr, sdtEndPr, object, rt
  case numberingChange, tblPrChange, trPrChange, tcPrChange, tblGridChange, sectPrChange
  // MARK: numbering.xml (w:)
  case abstractNum, num, abstractNumId, lvl, start, numFmt, lvlText, suff, isLgl, lvlRestart
  case lvlOverride, startOverride, numStyleLink
  // MARK: styles.xml (w:)
  case style, basedOn
  // MARK: Markup compatibility (mc:)
  case alternateContent, choice, fallback
  // MARK: Package relationships
  case relationship

  /// Which namespace a name belongs to.
  enum Namespace: Sendable {
    /// WordprocessingML main, transitional or Strict.
    case word
    /// `http://schemas.openxmlformats.org/markup-compatibility/2006`.
    case markupCompatibility
    /// `http://schemas.openxmlformats.org/package/2006/relationships`.
    case packageRelationships
    case math
  }

  /// Every recognised element with its namespace and local name.
  static let table: [(WordElement, Namespace, String)] = {
    let word: [(WordElement, String)] = [
      (.document, "document"), (.body, "body"), (.p, "p"), (.pPr, "pPr"), (.r, "r"), (.rPr, "rPr"),
      (.t, "t"),
      (.tab, "tab"), (.br, "br"), (.cr, "cr"), (.noBreakHyphen, "noBreakHyphen"),
      (.softHyphen, "softHyphen"), (.sym, "sym"), (.ptab, "ptab"), (.tbl, "tbl"), (.tr, "tr"),
      (.tc, "tc"), (.txbxContent, "txbxContent"), (.tcPr, "tcPr"), (.cellDel, "cellDel"),
      (.altChunk, "altChunk"), (.del, "del"), (.moveFrom, "moveFrom"),
      (.delText, "delText"), (.instrText, "instrText"), (.delInstrText, "delInstrText"),
      (.fldChar, "fldChar"), (.vanish, "vanish"), (.pStyle, "pStyle"), (.numPr, "numPr"),
      (.ilvl, "ilvl"), (.numId, "numId"), (.pPrChange, "pPrChange"), (.rPrChange, "rPrChange"),
      (.sectPr, "sectPr"), (.sdtPr, "sdtPr"), (.sdtEndPr, "sdtEndPr"), (.object, "object"),
      (.rt, "rt"), (.numberingChange, "numberingChange"), (.tblPrChange, "tblPrChange"),
      (.trPrChange, "trPrChange"), (.tcPrChange, "tcPrChange"), (.tblGridChange, "tblGridChange"),
      (.sectPrChange, "sectPrChange"), (.abstractNum, "abstractNum"), (.num, "num"),
      (.abstractNumId, "abstractNumId"), (.lvl, "lvl"), (.start, "start"), (.numFmt, "numFmt"),
      (.lvlText, "lvlText"), (.suff, "suff"), (.isLgl, "isLgl"), (.lvlRestart, "lvlRestart"),
      (.lvlOverride, "lvlOverride"), (.startOverride, "startOverride"),
      (.numStyleLink, "numStyleLink"), (.style, "style"), (.basedOn, "basedOn"),
    ]
    return word.map { ($0.0, .word, $0.1) } + [
      (.alternateContent, .markupCompatibility, "AlternateContent"),
      (.choice, .markupCompatibility, "Choice"),
      (.fallback, .markupCompatibility, "Fallback"),
      (.relationship, .packageRelationships, "Relationship"),
    ]
  }()
}

/// Namespace URIs of the parts the DOCX reader reads.
enum WordNamespace {
  /// WordprocessingML main namespace (transitional).
  static let transitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  /// WordprocessingML main namespace (ISO 29500 Strict).
  static let strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
  /// Markup compatibility (`mc:AlternateContent`).
  static let markupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"
  /// OPC package relationships (`_rels/*.rels`).
  static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
  static let math = "http://schemas.openxmlformats.org/officeDocument/2006/math"
  static let strictMath = "http://purl.oclc.org/ooxml/officeDocument/math"
}

/// One step of the streaming parse.
enum WordMLEvent: Sendable, Equatable {
  /// An element starts (an empty element is reported as `.start` then `.end`).
  case start(WordElement)
  /// An element ends.
  case end(WordElement)
  /// Character data (text, CDATA or whitespace); fetch it with `WordMLParser.appendText(to:)`.
  case text
}

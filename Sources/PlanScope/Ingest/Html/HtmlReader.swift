import Foundation

/// Reads a plan published as an HTML page (`.html`, `.htm`, `.shtml`): the article's text,
/// without the portal around it.
///
/// - Charset: a byte-order mark, else `<meta charset>` / `http-equiv` in the first 4 KB
///   (`gb2312` and `gbk` read as GB18030, `big5` as Big5-HKSCS), else the text detector's
///   guess. The bytes are decoded here and handed to libxml2 as UTF-8.
/// - Main block: from the body down, the child holding at least `mainShare` of its parent's
///   text outside links, as deep as that goes, so navigation, breadcrumbs, share bars and footers (short, link-heavy or
///   outside that element) drop out whatever the site calls its containers. The page's first
///   heading and its labelled fields (发文字号：…, 发布机构：…, 成文日期：…) are kept when they
///   sit outside the block, in front of it, for the metadata reader.
/// - Text: block elements and `<br>` end lines, table rows become lines of tab-separated
///   cells (the outliner's task tables), whitespace between Chinese characters is dropped.
///
/// Does not run scripts or fetch anything (no network, no external entities).
public struct HtmlReader: DocumentReader {
  /// Share of its parent's non-link text an element must hold to be the main block or
  /// inside it (default 0.6).
  public static let mainShare = 0.6
  private let limits: IngestLimits
  private let detector: TextEncodingDetector

  /// A reader with the given limits (nesting is capped at `maxXMLDepth`).
  public init(
    limits: IngestLimits = IngestLimits(), detector: TextEncodingDetector = TextEncodingDetector()
  ) {
    self.limits = limits
    self.detector = detector
  }

  /// Reads one page.
  /// - Throws: `IngestError.unreadableHtml`.
  public func read(_ input: DocumentInput) throws -> SourceDocument {
    let (declared, bomLength) = charset(of: input.bytes)
    var decoded = detector.decode(Array(input.bytes.dropFirst(bomLength)), as: declared)
    // Portals mislabel pages (`charset=utf-8` on GBK bytes): a declared charset that leaves
    // bytes undecodable gives way to detection when that reads them better.
    if bomLength == 0, decoded.replacements > 0 {
      let detected = detector.decode(input.bytes)
      if detected.replacements < decoded.replacements { decoded = detected }
    }
    let encoding = decoded.encoding
    let root: HtmlNode
    do {
      root = try HtmlTree.parse(Array(decoded.text.utf8), maxDepth: limits.maxXMLDepth)
    } catch {
      throw IngestError.unreadableHtml(path: input.path, reason: error.description)
    }
    var diagnostics: [Diagnostic] = []
    if decoded.replacements > 0 {
      diagnostics.append(
        Diagnostic(
          code: .undecodableBytes,
          message:
            "\(decoded.replacements) byte sequence(s) invalid in \(encoding.rawValue) replaced by U+FFFD"
        ))
    }
    let text = HtmlText(root: root).render()
    return SourceDocument(
      source: SourceInfo(
        path: input.path, sha256: "", format: .html, encoding: encoding.rawValue),
      text: text, diagnostics: diagnostics)
  }

  /// The page's encoding and the length of its byte-order mark.
  func charset(of bytes: [UInt8]) -> (TextEncoding, Int) {
    if let (encoding, length) = TextEncodingDetector.byteOrderMark(of: bytes) {
      return (encoding, length)
    }
    let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self)
      .lowercased()
    if let range = head.range(of: "charset=") {
      let name = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
        .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
      switch name {
      case "utf-8", "utf8": return (.utf8, 0)
      case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn": return (.gb18030, 0)
      case "big5", "big5-hkscs", "x-x-big5", "cp950": return (.big5HKSCS, 0)
      default: break
      }
    }
    return (detector.decode(bytes).encoding, 0)
  }
}

/// The text of a parsed page: its main block, and the heading and labelled fields around it.
struct HtmlText {
  /// Elements whose content is never text of the plan.
  static let skipped: Set<String> = [
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "canvas", "button", "select", "option", "textarea", "input", "nav", "aside", "map",
  ]
  /// Elements that end a line before and after them.
  static let blocks: Set<String> = [
    "p", "div", "section", "article", "main", "header", "footer", "li", "ul", "ol", "dl", "dt",
    "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center", "table", "tbody",
    "thead", "tfoot", "caption", "form", "fieldset", "address", "figure", "figcaption", "hr",
  ]
  /// Elements that hold blocks (a layout's boxes and cells): the main block is one of them,
  /// never a paragraph inside it.
  static let containers: Set<String> = [
    "div", "section", "article", "main", "form", "center", "table", "tbody", "tr", "td", "th",
    "font", "blockquote", "span",
  ]
  /// Labels of the fields government portals print around a document (信息公开 tables).
  static let fieldLabels = [
    "索引号", "发布机构", "发文机关", "发文字号", "文号", "成文日期", "发布日期", "主题分类", "主题词",
  ]

  let root: HtmlNode

  /// The page as lines of text.
  func render() -> String {
    let body = Self.first("body", in: root) ?? root
    let main = mainBlock(of: body)
    var renderer = Renderer(main: main.map(ObjectIdentifierPath.init))
    renderer.render(body, path: [])
    renderer.finish()
    var lines: [String] = []
    var headingKept = false
    for line in renderer.lines {
      if line.inMain {
        lines.append(line.text)
      } else if Self.fieldLabels.contains(where: { line.text.hasPrefix($0) }) {
        lines.append(line.text)
      } else if line.isHeading, !headingKept, renderer.mainHasNoHeading {
        lines.append(line.text)
        headingKept = true
      }
    }
    if !headingKept, renderer.mainHasNoHeading, let title = pageTitle(), !lines.contains(title) {
      lines.insert(title, at: 0)
    }
    return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
  }

  /// The `<title>` without the site name after `_`, `|` or ` - `.
  private func pageTitle() -> String? {
    guard let title = Self.first("title", in: root) else { return nil }
    let text = Self.plainText(title).trimmingCharacters(in: .whitespacesAndNewlines)
    let parts = text.components(separatedBy: CharacterSet(charactersIn: "_|")).flatMap {
      $0.components(separatedBy: " - ")
    }
    let best = parts.map { $0.trimmingCharacters(in: .whitespaces) }.max { $0.count < $1.count }
    return best?.isEmpty == false ? best : nil
  }

  // MARK: - Main block

  /// Characters of text outside links, and inside them, of a subtree.
  private struct Measure {
    var plain = 0
    var linked = 0
    var children: [Measure] = []
  }

  private func measure(_ node: HtmlNode, inLink: Bool) -> Measure {
    if node.isText {
      let count = node.text.unicodeScalars.filter { !Self.isSpace($0) }.count
      return inLink ? Measure(linked: count) : Measure(plain: count)
    }
    if Self.skipped.contains(node.name) { return Measure() }
    var result = Measure()
    for child in node.children {
      let part = measure(child, inLink: inLink || node.name == "a")
      result.plain += part.plain
      result.linked += part.linked
      result.children.append(part)
    }
    return result
  }

  /// The child-index path of the main block below `body` (empty: the body itself), or nil
  /// when the page has no text.
  private func mainBlock(of body: HtmlNode) -> [Int]? {
    let measured = measure(body, inLink: false)
    guard measured.plain > 0 else { return nil }
    var path: [Int] = []
    var node = body
    var stats = measured
    while true {
      let candidates = node.children.indices.filter { !node.children[$0].isText }
      guard
        let best = candidates.max(by: { stats.children[$0].plain < stats.children[$1].plain }),
        Self.containers.contains(node.children[best].name),
        Double(stats.children[best].plain) >= HtmlReader.mainShare * Double(stats.plain)
      else { break }
      path.append(best)
      node = node.children[best]
      stats = stats.children[best]
    }
    return path
  }

  // MARK: - Rendering

  /// A path of child indexes from the body, compared while rendering.
  struct ObjectIdentifierPath: Equatable {
    var indexes: [Int]
    init(_ indexes: [Int]) { self.indexes = indexes }
  }

  /// One rendered line and where it came from.
  struct Line {
    var text: String
    var inMain: Bool
    var isHeading: Bool
  }

  /// Walks the tree, writing lines.
  struct Renderer {
    let main: ObjectIdentifierPath?
    var lines: [Line] = []
    var mainHasNoHeading = true
    private var current = ""
    private var pendingSpace = false
    private var currentInMain = false
    private var currentHeading = false

    init(main: ObjectIdentifierPath?) { self.main = main }

    mutating func render(_ node: HtmlNode, path: [Int]) {
      let inMain = main.map { path.starts(with: $0.indexes) } ?? true
      if node.isText {
        append(node.text, inMain: inMain)
        return
      }
      let name = node.name
      if HtmlText.skipped.contains(name) { return }
      if name == "br" {
        endLine()
        return
      }
      if name == "tr" {
        endLine()
        let cells = node.children.enumerated().filter { ["td", "th"].contains($0.element.name) }
        let texts = cells.map { HtmlText.cellText($0.element) }
        if HtmlText.isFieldRow(texts) {
          // 发文字号： | 甲政办发〔2024〕3号 | 成文日期： | …: one labelled field a line.
          for pair in stride(from: 0, to: texts.count, by: 2) {
            lines.append(
              Line(text: texts[pair] + texts[pair + 1], inMain: inMain, isHeading: false))
          }
        } else if texts.contains(where: { !$0.isEmpty }) {
          lines.append(Line(text: texts.joined(separator: "\t"), inMain: inMain, isHeading: false))
        }
        return
      }
      let isHeading = name.count == 2 && name.hasPrefix("h") && name.last?.isNumber == true
      let isBlock = HtmlText.blocks.contains(name)
      if isBlock { endLine() }
      if isHeading {
        currentHeading = true
        if inMain { mainHasNoHeading = false }
      }
      for (index, child) in node.children.enumerated() {
        render(child, path: path + [index])
      }
      if isBlock { endLine() }
      if isHeading { currentHeading = false }
    }

    private mutating func append(_ text: String, inMain: Bool) {
      for scalar in text.unicodeScalars {
        if HtmlText.isSpace(scalar) {
          pendingSpace = !current.isEmpty
          continue
        }
        if current.isEmpty { currentInMain = inMain }
        if inMain { currentInMain = true }
        if pendingSpace, let last = current.unicodeScalars.last,
          !(HtmlText.isWide(last) || HtmlText.isWide(scalar))
        {
          current.append(" ")
        }
        pendingSpace = false
        current.unicodeScalars.append(scalar)
      }
    }

    private mutating func endLine() {
      if !current.isEmpty {
        lines.append(Line(text: current, inMain: currentInMain, isHeading: currentHeading))
      }
      current = ""
      pendingSpace = false
      currentInMain = false
    }

    /// Ends the last line.
    mutating func finish() { endLine() }
  }

  /// Whether a row's cells alternate labels ending in a colon and their values.
  static func isFieldRow(_ cells: [String]) -> Bool {
    cells.count >= 2 && cells.count % 2 == 0
      && stride(from: 0, to: cells.count, by: 2).allSatisfy {
        cells[$0].hasSuffix("：") || cells[$0].hasSuffix(":")
      }
  }

  /// A table cell's text on one line.
  static func cellText(_ cell: HtmlNode) -> String {
    var renderer = Renderer(main: nil)
    for (index, child) in cell.children.enumerated() { renderer.render(child, path: [index]) }
    renderer.finish()
    return renderer.lines.map(\.text).joined(separator: " ")
  }

  /// All text below a node, whitespace collapsed.
  static func plainText(_ node: HtmlNode) -> String {
    if node.isText { return node.text }
    return node.children.map(plainText).joined()
  }

  /// The first element named `name`, depth first.
  static func first(_ name: String, in node: HtmlNode) -> HtmlNode? {
    if node.name == name { return node }
    for child in node.children where !child.isText {
      if let found = first(name, in: child) { return found }
    }
    return nil
  }

  /// Spaces HTML collapses, with the no-break and ideographic spaces portals indent with.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool { ScalarSet.isSpace(scalar.value) }

  /// Chinese characters and full-width punctuation: no space is kept next to them.
  static func isWide(_ scalar: Unicode.Scalar) -> Bool { ScalarSet.isWide(scalar) }
}

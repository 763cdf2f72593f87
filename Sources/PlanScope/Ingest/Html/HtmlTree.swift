import CLibXML2

/// One element or text of an HTML page, copied out of libxml2's tree (no libxml2 pointer
/// leaves `HtmlTree`).
struct HtmlNode: Sendable {
  /// Lowercased tag name; empty for text.
  var name: String
  /// The text of a text node.
  var text: String
  /// `class` and `id` joined (for `<meta>`: `name`/`http-equiv` and `content`).
  var attributes: [String: String]
  /// Child nodes in document order.
  var children: [HtmlNode]

  var isText: Bool { name.isEmpty }
}

/// Parses HTML with libxml2's HTML parser into `HtmlNode`s.
///
/// Hardened like `WordML`: the network is off (`HTML_PARSE_NONET`), entities are libxml2's
/// built-in HTML ones only (an HTML parser never loads a DTD), errors are not printed, and
/// nesting deeper than `maxDepth` is flattened (its text kept, its structure dropped).
enum HtmlTree {
  /// The page in `utf8` (already decoded to UTF-8) as a tree rooted at `<html>`.
  /// - Throws: `HtmlError.unparsable` when libxml2 returns no document.
  static func parse(_ utf8: [UInt8], maxDepth: Int) throws(HtmlError) -> HtmlNode {
    // libxml2 makes no document of nothing; an empty page is an empty text, like empty.txt.
    guard utf8.contains(where: { $0 > 0x20 }) else {
      return HtmlNode(name: "html", text: "", attributes: [:], children: [])
    }
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue)
    guard let context = htmlNewParserCtxt() else { throw .unparsable }
    defer { htmlFreeParserCtxt(context) }
    let document = utf8.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        htmlCtxtReadMemory(
          context, chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
      }
    }
    guard let document else { throw .unparsable }
    defer { xmlFreeDoc(document) }
    // libxml2 stops at 256 levels ("Excessive depth") and, recovering, drops the rest: a
    // silent partial text, so it is an error instead.
    let error = context.pointee.lastError
    if error.code == Int32(XML_ERR_INTERNAL_ERROR.rawValue),
      let message = error.message.map({ String(cString: $0) }), message.contains("depth")
    {
      throw .nestingTooDeep
    }
    guard let root = xmlDocGetRootElement(document) else {
      return HtmlNode(name: "html", text: "", attributes: [:], children: [])
    }
    return convert(root, depth: 0, maxDepth: maxDepth)
  }

  private static func convert(_ node: xmlNodePtr, depth: Int, maxDepth: Int) -> HtmlNode {
    let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    var attributes: [String: String] = [:]
    // Read in place (attribute values are text children of the attribute), nothing allocated.
    var property = node.pointee.properties
    while let current = property {
      if let rawName = current.pointee.name {
        let key = String(cString: rawName).lowercased()
        if Self.keptAttributes.contains(key) {
          var value = ""
          var text = current.pointee.children
          while let piece = text {
            if let content = piece.pointee.content { value += String(cString: content) }
            text = piece.pointee.next
          }
          attributes[key] = value
        }
      }
      property = current.pointee.next
    }
    var children: [HtmlNode] = []
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE:
        if depth + 1 < maxDepth {
          children.append(convert(current, depth: depth + 1, maxDepth: maxDepth))
        } else {
          children.append(
            HtmlNode(name: "", text: textContent(current), attributes: [:], children: []))
        }
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content {
          children.append(
            HtmlNode(name: "", text: String(cString: content), attributes: [:], children: []))
        }
      default:
        break
      }
      child = current.pointee.next
    }
    return HtmlNode(name: name, text: "", attributes: attributes, children: children)
  }

  /// The attributes kept on nodes.
  static let keptAttributes: Set<String> = [
    "class", "id", "name", "http-equiv", "content", "charset",
  ]

  /// All text below `node`, depth first, without recursion (the subtree may be deep).
  private static func textContent(_ node: xmlNodePtr) -> String {
    var text = ""
    var stack: [xmlNodePtr] = []
    var next = node.pointee.children
    while true {
      if let current = next {
        if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
          let content = current.pointee.content
        {
          text += String(cString: content)
        }
        if let child = current.pointee.children, current.pointee.type == XML_ELEMENT_NODE {
          stack.append(current)
          next = child
        } else {
          next = current.pointee.next
        }
      } else if let parent = stack.popLast() {
        next = parent.pointee.next
      } else {
        break
      }
    }
    return text
  }
}

/// Why an HTML page could not be read.
enum HtmlError: Error, Sendable, Hashable, CustomStringConvertible {
  /// libxml2 made no document of the bytes.
  case unparsable
  /// Elements nest deeper than libxml2 parses (256 levels).
  case nestingTooDeep

  var description: String {
    switch self {
    case .unparsable: "not an HTML page libxml2 can parse"
    case .nestingTooDeep: "elements nest deeper than 256 levels (libxml2's limit): nesting too deep"
    }
  }
}

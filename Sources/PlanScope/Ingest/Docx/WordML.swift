import CLibXML2

/// Streams the XML parts of a DOCX package through libxml2's `xmlTextReader`.
///
/// The only file that imports `CLibXML2`; no libxml2 pointer leaves it. Parsing is hardened:
/// a DOCTYPE is refused before libxml2 sees the bytes (and again if the reader reports one), so
/// no entity is ever declared, expanded or fetched; the network is off (`XML_PARSE_NONET`);
/// entities are not substituted (`XML_PARSE_NOENT` is not set); element nesting is capped by
/// `IngestLimits.maxXMLDepth`; libxml2's errors are collected per reader instead of printed.
enum WordML {
  /// libxml2's own nesting cap without `XML_PARSE_HUGE` (`xmlParserMaxDepth` in 2.9–2.13).
  static let libxml2DepthLimit = 256

  /// Parses `bytes` (one XML part) and hands the streaming parser to `body`.
  ///
  /// The parser is valid only inside `body`; it reads `bytes` in place, without copying.
  /// - Throws: `DocxError.dtdNotAllowed`, `.nestingTooDeep`, `.malformedXML`, or what `body` throws.
  static func parse<Result>(
    _ bytes: [UInt8], part: String, limits: IngestLimits,
    _ body: (WordMLParser) throws(DocxError) -> Result
  ) throws(DocxError) -> Result {
    if startsWithDoctype(bytes) { throw .dtdNotAllowed(part: part) }
    return try bytes.withUnsafeBufferPointer { (buffer) throws(DocxError) -> Result in
      let parser = try WordMLParser(buffer: buffer, part: part, maxDepth: limits.maxXMLDepth)
      defer { parser.close() }
      return try body(parser)
    }
  }

  /// Whether the prolog (after a BOM, the XML declaration, comments and processing
  /// instructions) contains `<!DOCTYPE`. Only UTF-8/ASCII prologs are scanned; the reader's
  /// DOCUMENT_TYPE check covers the rest.
  static func startsWithDoctype(_ bytes: [UInt8]) -> Bool {
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    func matches(_ literal: String, at position: Int) -> Bool {
      var cursor = position
      for byte in literal.utf8 {
        guard cursor < bytes.count, bytes[cursor] == byte else { return false }
        cursor += 1
      }
      return true
    }
    func skip(past terminator: String) -> Int? {
      let first = terminator.utf8.first
      var cursor = index
      while cursor < bytes.count {
        if bytes[cursor] == first, matches(terminator, at: cursor) {
          return cursor + terminator.utf8.count
        }
        cursor += 1
      }
      return nil
    }
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D:
        index += 1
      case UInt8(ascii: "<") where matches("<?", at: index):
        guard let next = skip(past: "?>") else { return false }
        index = next
      case UInt8(ascii: "<") where matches("<!--", at: index):
        guard let next = skip(past: "-->") else { return false }
        index = next
      default:
        return matches("<!DOCTYPE", at: index)
      }
    }
    return false
  }
}

/// Attributes the DOCX reader reads.
enum WordAttribute: Int, CaseIterable {
  /// `w:val`.
  case val
  /// `w:fldCharType` (`begin`, `separate`, `end`).
  case fldCharType
  /// `w:type` (break type, style type).
  case type
  /// `w:char` of `w:sym`.
  case char
  /// `w:ilvl` of `w:lvl`/`w:lvlOverride`.
  case ilvl
  /// `w:abstractNumId` of `w:abstractNum`.
  case abstractNumId
  /// `w:numId` of `w:num`.
  case numId
  /// `w:styleId` of `w:style`.
  case styleId
  /// `w:default` of `w:style`.
  case `default`
  /// Unqualified `Type` of a relationship.
  case relationshipType
  /// Unqualified `Target` of a relationship.
  case target
  /// Unqualified `TargetMode` of a relationship.
  case targetMode
  /// Unqualified `Id` of a relationship.
  case relationshipID
  /// `r:id` (officeDocument relationships namespace) of `w:altChunk`.
  case partReference

  var localName: String {
    switch self {
    case .relationshipType: "Type"
    case .target: "Target"
    case .targetMode: "TargetMode"
    case .relationshipID: "Id"
    case .partReference: "id"
    default: String(describing: self)
    }
  }

  /// Whether the attribute is in the WordprocessingML namespace (`w:val`) or unqualified.
  var isWordQualified: Bool { rawValue < WordAttribute.relationshipType.rawValue }
}

/// Collects libxml2's structured errors for one reader (passed to C as the callback context).
private final class XMLErrorSink {
  var messages: [String] = []
}

/// A streaming cursor over one XML part. Obtain it from `WordML.parse(_:part:limits:_:)`.
///
/// `next()` reports element starts and ends as `WordElement`s (names compared as interned
/// pointers, no per-node `String`), and character data only directly inside `w:t`.
final class WordMLParser {
  private var reader: xmlTextReaderPtr?
  private let sink = XMLErrorSink()
  private let part: String
  private let maxDepth: Int
  private var wordNamespaces: [UnsafePointer<xmlChar>] = []
  private var mcNamespace: UnsafePointer<xmlChar>?
  private var relationshipNamespace: UnsafePointer<xmlChar>?
  private var mathNamespaces: [UnsafePointer<xmlChar>] = []
  private var referenceNamespaces: [UnsafePointer<xmlChar>] = []
  private var names = InternedNameTable()
  /// Namespaces declared on the root element, which lives as long as the parse: elements
  /// pointing at one of these `xmlNs` structs are classified by pointer, without string work.
  private var rootNamespaces: [(UnsafeMutablePointer<xmlNs>, WordElement.Namespace?)] = []
  private var attributeNames: [UnsafePointer<xmlChar>?] = []
  private var stack: [WordElement] = []
  private var pendingEnd: WordElement?

  fileprivate init(buffer: UnsafeBufferPointer<UInt8>, part: String, maxDepth: Int)
    throws(DocxError)
  {
    self.part = part
    self.maxDepth = maxDepth
    guard let base = buffer.baseAddress, buffer.count > 0 else {
      throw .malformedXML(part: part, reason: "empty part")
    }
    guard buffer.count < Int(Int32.max) else {
      throw .malformedXML(part: part, reason: "part too large for the XML parser")
    }
    let options = Int32(bitPattern: XML_PARSE_NONET.rawValue)
    let created = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
      xmlReaderForMemory($0, Int32(buffer.count), nil, nil, options)
    }
    guard let created else { throw .malformedXML(part: part, reason: "cannot create XML reader") }
    reader = created
    xmlTextReaderSetStructuredErrorHandler(
      created,
      { context, error in
        guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else {
          return
        }
        let sink = Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue()
        guard sink.messages.count < 4 else { return }
        let text =
          error.pointee.message.map { String(cString: $0) } ?? "error \(error.pointee.code)"
        sink.messages.append("line \(error.pointee.line): " + text.trimmingTrailingNewlines())
      },
      Unmanaged.passUnretained(sink).toOpaque())
    internNames()
  }

  deinit { close() }

  /// Frees the libxml2 reader; called when `WordML.parse` returns.
  fileprivate func close() {
    if let reader { xmlFreeTextReader(reader) }
    reader = nil
  }

  private func intern(_ string: String) -> UnsafePointer<xmlChar>? {
    guard let reader else { return nil }
    return string.withCString { chars in
      chars.withMemoryRebound(to: xmlChar.self, capacity: string.utf8.count + 1) {
        xmlTextReaderConstString(reader, $0)
      }
    }
  }

  private func internNames() {
    wordNamespaces = [WordNamespace.transitional, WordNamespace.strict].compactMap(intern)
    mcNamespace = intern(WordNamespace.markupCompatibility)
    relationshipNamespace = intern(WordNamespace.packageRelationships)
    mathNamespaces = [WordNamespace.math, WordNamespace.strictMath].compactMap(intern)
    referenceNamespaces = DocxPackage.RelationshipType.prefixes.map { String($0.dropLast()) }
      .compactMap(intern)
    for (element, namespace, name) in WordElement.table {
      guard let key = intern(name) else { continue }
      names.insert(key, element, namespace)
    }
    attributeNames = WordAttribute.allCases.map { intern($0.localName) }
  }

  // MARK: - Events

  /// The next event, or nil at the end of the part.
  /// - Throws: `DocxError.dtdNotAllowed`, `.nestingTooDeep`, `.malformedXML`.
  func next() throws(DocxError) -> WordMLEvent? {
    if let end = pendingEnd {
      pendingEnd = nil
      stack.removeLast()
      return .end(end)
    }
    guard let reader else { return nil }
    while true {
      let status = xmlTextReaderRead(reader)
      guard status == 1 else {
        if status == 0, sink.messages.isEmpty { return nil }
        throw failure()
      }
      switch xmlTextReaderNodeType(reader) {
      case Int32(XML_READER_TYPE_ELEMENT.rawValue):
        try checkDepth(reader)
        let element = identify(reader)
        stack.append(element)
        if xmlTextReaderIsEmptyElement(reader) == 1 { pendingEnd = element }
        return .start(element)
      case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
        return .end(stack.popLast() ?? .other)
      case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
        Int32(XML_READER_TYPE_WHITESPACE.rawValue),
        Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
        if stack.last == .t || stack.last == .mathText { return .text }
      case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
        throw .dtdNotAllowed(part: part)
      default:
        continue
      }
    }
  }

  /// Consumes the element just reported by `.start` with everything inside it; its `.end` is
  /// not reported. Nested content still counts against the depth limit.
  func skipSubtree() throws(DocxError) {
    if pendingEnd != nil {
      pendingEnd = nil
      stack.removeLast()
      return
    }
    guard let reader else { return }
    var open = 1
    while open > 0 {
      let status = xmlTextReaderRead(reader)
      guard status == 1 else { throw failure() }
      switch xmlTextReaderNodeType(reader) {
      case Int32(XML_READER_TYPE_ELEMENT.rawValue):
        try checkDepth(reader)
        if xmlTextReaderIsEmptyElement(reader) != 1 { open += 1 }
      case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
        open -= 1
      default:
        continue
      }
    }
    stack.removeLast()
  }

  /// The element `generation` levels above the one just started (1 = its parent), or `.other`.
  func ancestor(_ generation: Int) -> WordElement {
    let index = stack.count - 1 - generation
    return stack.indices.contains(index) ? stack[index] : .other
  }

  /// Appends the UTF-8 bytes of the current character data (entities and character
  /// references already decoded) to `buffer`.
  func appendText(to buffer: inout [UInt8]) {
    guard let reader, let value = xmlTextReaderConstValue(reader) else { return }
    buffer.append(contentsOf: UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
  }

  /// The value of an attribute of the element just started, or nil.
  func attribute(_ attribute: WordAttribute) -> String? {
    guard let reader, let name = attributeNames[attribute.rawValue] else { return nil }
    var found: Int32 = 0
    if attribute.isWordQualified {
      for namespace in wordNamespaces where found != 1 {
        found = xmlTextReaderMoveToAttributeNs(reader, name, namespace)
      }
    } else if attribute == .partReference {
      for namespace in referenceNamespaces where found != 1 {
        found = xmlTextReaderMoveToAttributeNs(reader, name, namespace)
      }
    } else {
      found = xmlTextReaderMoveToAttribute(reader, name)
    }
    guard found == 1 else { return nil }
    defer { xmlTextReaderMoveToElement(reader) }
    return xmlTextReaderConstValue(reader).map { String(cString: $0) }
  }

  // MARK: - Helpers

  private func identify(_ reader: xmlTextReaderPtr) -> WordElement {
    guard let local = xmlTextReaderConstLocalName(reader),
      let (element, expected) = names.lookup(local)
    else {
      return .other
    }
    let namespace = namespace(of: reader)
    if namespace == expected { return element }
    // `m:t` shares `w:t`'s local name: an equation's text.
    return element == .t && namespace == .math ? .mathText : .other
  }

  private func namespace(of reader: xmlTextReaderPtr) -> WordElement.Namespace? {
    let node = xmlTextReaderCurrentNode(reader)
    if let node, let ns = node.pointee.ns {
      if rootNamespaces.isEmpty && xmlTextReaderDepth(reader) == 0 { recordRootNamespaces(node) }
      for (declared, kind) in rootNamespaces where declared == ns { return kind }
    }
    return classify(xmlTextReaderConstNamespaceUri(reader))
  }

  private func recordRootNamespaces(_ root: xmlNodePtr) {
    var declaration = root.pointee.nsDef
    while let ns = declaration {
      rootNamespaces.append((ns, classify(ns.pointee.href)))
      declaration = ns.pointee.next
    }
  }

  private func classify(_ uri: UnsafePointer<xmlChar>?) -> WordElement.Namespace? {
    guard let uri else { return nil }
    if wordNamespaces.contains(where: { xmlStrEqual($0, uri) == 1 }) { return .word }
    if xmlStrEqual(mcNamespace, uri) == 1 { return .markupCompatibility }
    if xmlStrEqual(relationshipNamespace, uri) == 1 { return .packageRelationships }
    if mathNamespaces.contains(where: { xmlStrEqual($0, uri) == 1 }) { return .math }
    return nil
  }

  private func checkDepth(_ reader: xmlTextReaderPtr) throws(DocxError) {
    if Int(xmlTextReaderDepth(reader)) + 1 > maxDepth {
      throw .nestingTooDeep(part: part, limit: maxDepth)
    }
  }

  private func failure() -> DocxError {
    let messages = sink.messages
    // libxml2 may hit its own depth cap while parsing ahead of the reader.
    if messages.contains(where: { $0.contains("Excessive depth") }) {
      return .nestingTooDeep(part: part, limit: min(maxDepth, WordML.libxml2DepthLimit))
    }
    // libxml2 refuses a text node over 10,000,000 bytes unless XML_PARSE_HUGE is set, which
    // planscope never sets (it also lifts the depth and entity limits).
    if messages.contains(where: {
      $0.contains("huge text node") || $0.contains("Text node too long")
    }) {
      return .textNodeTooLarge(part: part)
    }
    return .malformedXML(part: part, reason: messages.first ?? "parse error")
  }
}

/// An open-addressing table from interned name pointers (unique per reader dictionary) to the
/// element they name: one multiply-free probe per element instead of hashing strings.
private struct InternedNameTable {
  private var keys = [UInt](repeating: 0, count: 256)
  private var elements = [WordElement](repeating: .other, count: 256)
  private var namespaces = [WordElement.Namespace](repeating: .word, count: 256)

  private func slot(_ bits: UInt) -> Int {
    Int(truncatingIfNeeded: (bits >> 3) ^ (bits >> 11)) & 255
  }

  mutating func insert(
    _ key: UnsafePointer<xmlChar>, _ element: WordElement, _ namespace: WordElement.Namespace
  ) {
    let bits = UInt(bitPattern: key)
    var index = slot(bits)
    while keys[index] != 0 {
      if keys[index] == bits { return }
      index = (index + 1) & 255
    }
    keys[index] = bits
    elements[index] = element
    namespaces[index] = namespace
  }

  func lookup(_ key: UnsafePointer<xmlChar>) -> (WordElement, WordElement.Namespace)? {
    let bits = UInt(bitPattern: key)
    var index = slot(bits)
    while keys[index] != 0 {
      if keys[index] == bits { return (elements[index], namespaces[index]) }
      index = (index + 1) & 255
    }
    return nil
  }
}

extension String {
  fileprivate func trimmingTrailingNewlines() -> String {
    var result = self
    while let last = result.last, last.isNewline { result.removeLast() }
    return result
  }
}

/// Renders the body of a main document part as text, one line per paragraph.
///
/// Takes the streaming events of `WordMLParser`; returns UTF-8 bytes that follow the
/// conventions of `Tests/PlanScopeTests/Fixtures/docx/README.md`: list labels from
/// `ListNumbering`, one line per table row (cells joined by TAB, paragraphs of a cell by a
/// space), text boxes after their anchoring paragraph, tracked changes accepted, field results
/// kept and instructions dropped, hidden text, deleted text, OLE objects and `mc:Fallback`
/// copies dropped. It does not read headers, footers, notes or comments (other parts).
struct BodyRenderer {
  /// A paragraph being collected.
  private struct Paragraph {
    var text: [UInt8] = []
    /// Lines of text boxes anchored in this paragraph, each ending in LF.
    var deferred: [UInt8] = []
    var started = false
    var runHidden = false
    var markDeleted = false
    var numID: Int?
    var level: Int?
    var style: String?
  }

  /// Where finished paragraphs go.
  private struct Container {
    enum Kind { case body, cell, textBox }
    var kind: Kind
    /// Lines (body, text box: each ends in LF) or the cell's text.
    var output: [UInt8] = []
    /// Text of paragraphs whose mark was deleted, joined to the next paragraph.
    var merged: [UInt8] = []
    var mergedDeferred: [UInt8] = []
    /// A cell whose deletion is tracked (`w:cellDel`).
    var deleted = false
  }

  private var numbering: ListNumbering
  private var current = Paragraph()
  private var inParagraph = false
  private var suspended: [Paragraph] = []
  private var containers = [Container(kind: .body)]
  private var rows: [[[UInt8]]] = []
  /// One entry per open complex field: whether its `separate` was seen.
  private var fields: [Bool] = []
  private var fieldsInInstruction = 0
  /// One entry per open `mc:AlternateContent`: whether a branch was taken.
  private var alternates: [Bool] = []

  /// The text of each `w:altChunk` part by relationship id (read by the caller).
  private let chunks: [String: [UInt8]]

  /// Most bytes all `w:altChunk` references may insert (each reference inserts its part
  /// again: 100,000 references to one part must not make 100,000 copies).
  private let maxChunkBytes: Int
  private var chunkBytes = 0

  /// A renderer numbering lists with `numbering`, showing `chunks` where they are referred to,
  /// at most `maxChunkBytes` of them in all.
  init(numbering: ListNumbering, chunks: [String: [UInt8]] = [:], maxChunkBytes: Int = Int.max) {
    self.numbering = numbering
    self.chunks = chunks
    self.maxChunkBytes = maxChunkBytes
  }

  /// Renders the whole part.
  /// - Throws: `DocxError` raised by the parser.
  mutating func render(_ parser: WordMLParser, part: String) throws(DocxError) -> [UInt8] {
    var sawRoot = false
    while let event = try parser.next() {
      if !sawRoot, case .start(let root) = event {
        // A package whose main part is a workbook or a deck is not a Word document.
        guard root == .document else { throw .notWordDocument(part: part) }
        sawRoot = true
      }
      switch event {
      case .text:
        if inParagraph && !current.runHidden && fieldsInInstruction == 0 {
          beginContent()
          parser.appendText(to: &current.text)
        }
      case .start(let element):
        try start(element, parser)
      case .end(let element):
        end(element)
      }
    }
    while containers.count > 1 { closeContainer() }
    Self.flushMerged(&containers[0])
    return containers[0].output
  }

  // MARK: - Events

  private mutating func start(_ element: WordElement, _ parser: WordMLParser) throws(DocxError) {
    switch element {
    case .p:
      if inParagraph { suspended.append(current) }
      current = Paragraph()
      inParagraph = true
    case .r:
      current.runHidden = false
    case .t, .mathText:
      break
    case .altChunk:
      // A block of another format shown in place: its lines, as paragraphs of this part.
      if !inParagraph, let id = parser.attribute(.partReference), let text = chunks[id] {
        chunkBytes += text.count
        if chunkBytes > maxChunkBytes {
          throw .entryTooLarge(entry: "embedded parts (w:altChunk)", limit: maxChunkBytes)
        }
        let top = containers.count - 1
        Self.flushMerged(&containers[top])
        for line in text.split(separator: 0x0A, omittingEmptySubsequences: true) {
          Self.deliver(line: Array(line), deferred: [], to: &containers[top])
        }
      }
    case .cellDel:
      // A tracked deletion of the whole cell: its text is gone, and so is its place.
      if parser.ancestor(1) == .tcPr, containers.last?.kind == .cell {
        containers[containers.count - 1].deleted = true
      }
    case .tab, .ptab:
      if parser.ancestor(1) == .r { emit(0x09) }
    case .br:
      let type = parser.attribute(.type)
      if parser.ancestor(1) == .r && (type == nil || type == "textWrapping") { emit(0x0A) }
    case .cr:
      if parser.ancestor(1) == .r { emit(0x0A) }
    case .noBreakHyphen:
      emit(Array("\u{2011}".utf8))
    case .softHyphen:
      emit(Array("\u{00AD}".utf8))
    case .sym:
      if let code = parser.attribute(.char).flatMap({ UInt32($0, radix: 16) }),
        !(0xE000...0xF8FF).contains(code), let scalar = Unicode.Scalar(code)
      {
        emit(Array(String(Character(scalar)).utf8))
      }
    case .vanish:
      if parser.ancestor(1) == .rPr && parser.ancestor(2) == .r {
        current.runHidden = NumberingDefinitions.isOn(parser.attribute(.val))
      }
    case .pStyle:
      if parser.ancestor(1) == .pPr { current.style = parser.attribute(.val) }
    case .numId:
      if parser.ancestor(1) == .numPr && parser.ancestor(2) == .pPr {
        current.numID = parser.attribute(.val).flatMap { Int($0) }
      }
    case .ilvl:
      if parser.ancestor(1) == .numPr && parser.ancestor(2) == .pPr {
        current.level = parser.attribute(.val).flatMap { Int($0) }
      }
    case .del, .moveFrom:
      if parser.ancestor(1) == .rPr {
        // A deleted (or moved-away) paragraph mark: the paragraph joins the next one.
        if parser.ancestor(2) == .pPr { current.markDeleted = true }
      } else {
        try parser.skipSubtree()
      }
    case .delText, .instrText, .delInstrText, .pPrChange, .rPrChange, .sectPr, .sdtPr, .sdtEndPr,
      .object, .rt, .numberingChange, .tblPrChange, .trPrChange, .tcPrChange, .tblGridChange,
      .sectPrChange:
      try parser.skipSubtree()
    case .fldChar:
      field(parser.attribute(.fldCharType))
    case .tbl:
      rows.append([])
    case .tr:
      if !rows.isEmpty { rows[rows.count - 1] = [] }
    case .tc:
      containers.append(Container(kind: .cell))
    case .txbxContent:
      containers.append(Container(kind: .textBox))
    case .alternateContent:
      alternates.append(false)
    case .choice, .fallback:
      // Read the first branch only: a Choice, or the Fallback when there is no Choice.
      if alternates.last == false {
        alternates[alternates.count - 1] = true
      } else {
        try parser.skipSubtree()
      }
    default:
      break
    }
  }

  private mutating func end(_ element: WordElement) {
    switch element {
    case .pPr:
      if inParagraph { beginContent() }
    case .p:
      endParagraph()
    case .tc, .txbxContent:
      if containers.count > 1 { closeContainer() }
    case .tr:
      endRow()
    case .tbl:
      _ = rows.popLast()
    case .alternateContent:
      _ = alternates.popLast()
    default:
      break
    }
  }

  private mutating func field(_ type: String?) {
    switch type {
    case "begin":
      fields.append(false)
      fieldsInInstruction += 1
    case "separate":
      if fields.last == false {
        fields[fields.count - 1] = true
        fieldsInInstruction -= 1
      }
    case "end":
      if fields.popLast() == false { fieldsInInstruction -= 1 }
    default:
      break
    }
  }

  // MARK: - Paragraphs

  private mutating func emit(_ byte: UInt8) {
    guard inParagraph && !current.runHidden && fieldsInInstruction == 0 else { return }
    beginContent()
    current.text.append(byte)
  }

  private mutating func emit(_ bytes: [UInt8]) {
    guard inParagraph && !current.runHidden && fieldsInInstruction == 0 else { return }
    beginContent()
    current.text.append(contentsOf: bytes)
  }

  /// Writes the list label and any text carried over from paragraphs whose mark was deleted,
  /// once the paragraph properties are known. A paragraph whose own mark is deleted gets no
  /// label: the paragraph it joins (whose mark survives) numbers the merged text.
  private mutating func beginContent() {
    guard !current.started else { return }
    current.started = true
    if !current.markDeleted,
      let label = numbering.label(numID: current.numID, level: current.level, style: current.style)
    {
      current.text.append(contentsOf: label.utf8)
    }
    let top = containers.count - 1
    if !containers[top].merged.isEmpty || !containers[top].mergedDeferred.isEmpty {
      current.text.append(contentsOf: containers[top].merged)
      current.deferred = containers[top].mergedDeferred + current.deferred
      containers[top].merged.removeAll(keepingCapacity: true)
      containers[top].mergedDeferred.removeAll()
    }
  }

  private mutating func endParagraph() {
    guard inParagraph else { return }
    beginContent()
    let paragraph = current
    if let outer = suspended.popLast() {
      current = outer
    } else {
      current = Paragraph()
      inParagraph = false
    }
    let top = containers.count - 1
    if paragraph.markDeleted {
      containers[top].merged = paragraph.text
      containers[top].mergedDeferred = paragraph.deferred
    } else {
      Self.deliver(line: paragraph.text, deferred: paragraph.deferred, to: &containers[top])
    }
  }

  /// Adds a finished line to a container: a line of its own in the body or a text box,
  /// space-joined text in a table cell.
  private static func deliver(line: [UInt8], deferred: [UInt8], to container: inout Container) {
    switch container.kind {
    case .body, .textBox:
      if !line.isEmpty {
        container.output.append(contentsOf: line)
        container.output.append(0x0A)
      }
      container.output.append(contentsOf: deferred)
    case .cell:
      for piece in [line, deferred] {
        var text = piece.map { $0 == 0x0A ? 0x20 : $0 }
        while text.last == 0x20 { text.removeLast() }
        guard !text.isEmpty else { continue }
        if !container.output.isEmpty { container.output.append(0x20) }
        container.output.append(contentsOf: text)
      }
    }
  }

  private static func flushMerged(_ container: inout Container) {
    guard !container.merged.isEmpty || !container.mergedDeferred.isEmpty else { return }
    let line = container.merged
    let deferred = container.mergedDeferred
    container.merged = []
    container.mergedDeferred = []
    deliver(line: line, deferred: deferred, to: &container)
  }

  // MARK: - Tables and text boxes

  private mutating func closeContainer() {
    guard var container = containers.popLast() else { return }
    Self.flushMerged(&container)
    switch container.kind {
    case .cell:
      if !rows.isEmpty, !container.deleted { rows[rows.count - 1].append(container.output) }
    case .textBox:
      if inParagraph {
        current.deferred.append(contentsOf: container.output)
      } else {
        let top = containers.count - 1
        switch containers[top].kind {
        case .body, .textBox: containers[top].output.append(contentsOf: container.output)
        case .cell: Self.deliver(line: [], deferred: container.output, to: &containers[top])
        }
      }
    case .body:
      containers.append(container)
    }
  }

  private mutating func endRow() {
    guard let cells = rows.last, cells.contains(where: { !$0.isEmpty }) else { return }
    let top = containers.count - 1
    // Nested tables stay inside their cell: their cells are space-joined, not TAB-joined.
    let separator: UInt8 = containers[top].kind == .cell ? 0x20 : 0x09
    var line: [UInt8] = []
    for (index, cell) in cells.enumerated() {
      if index > 0 { line.append(separator) }
      line.append(contentsOf: cell)
    }
    Self.deliver(line: line, deferred: [], to: &containers[top])
  }
}

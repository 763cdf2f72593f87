/// Writes a `DocumentRecord` as the dataset's JSON, pretty (for `dataset.json`) and compact
/// (for the state database) in one pass, byte for byte what `CanonicalJSONEncoder` and
/// Foundation's `JSONEncoder` write (a test compares all three on every golden record and on
/// records with every optional set and unset).
///
/// Encoding a record through `Encodable` built a tree of boxed values and was a fifth of a
/// worker's time. Here each model type writes its members directly, in the order the
/// encoder's sorted keys give (snake_case names sorted by UTF-8); `nil` is written as `null`
/// where the type's `encode(to:)` uses `encode` and left out where it uses
/// `encodeIfPresent`.
struct RecordJSONWriter {
  /// The pretty form, later lines indented `indent` more spaces.
  private(set) var pretty: [UInt8] = []
  /// The compact form.
  private(set) var compact: [UInt8] = []
  private let writesPretty: Bool
  private let indent: Int
  private var depth = 0

  /// A writer of both forms, or of the compact form alone.
  init(pretty writesPretty: Bool, indent: Int) {
    self.writesPretty = writesPretty
    self.indent = indent
    if writesPretty { pretty.reserveCapacity(16_384) }
    compact.reserveCapacity(8_192)
  }

  /// The JSON of `record`: pretty (later lines indented `indent` spaces) and compact.
  /// - Throws: `EncodingError` for a non-finite number.
  static func both(_ record: DocumentRecord, indent: Int) throws -> (
    pretty: String, compact: String
  ) {
    var writer = RecordJSONWriter(pretty: true, indent: indent)
    try writer.write(record)
    return (
      String(decoding: writer.pretty, as: UTF8.self),
      String(decoding: writer.compact, as: UTF8.self)
    )
  }

  /// The compact JSON of `record`.
  /// - Throws: `EncodingError` for a non-finite number.
  static func compact(_ record: DocumentRecord) throws -> String {
    var writer = RecordJSONWriter(pretty: false, indent: 0)
    try writer.write(record)
    return String(decoding: writer.compact, as: UTF8.self)
  }

  // MARK: - Model

  private mutating func write(_ record: DocumentRecord) throws {
    open("{")
    key("deadlines", first: true)
    try array(record.deadlines) { try $0.write($1) }
    key("doc_number")
    string(record.docNumber)
    key("id")
    string(record.id)
    key("issued")
    string(record.issued)
    key("issuers")
    array(record.issuers) { $0.string($1) }
    key("jurisdiction")
    string(record.jurisdiction)
    key("period")
    if let period = record.period { pair("end", period.end, "start", period.start) } else { null() }
    key("script")
    string(record.script.rawValue)
    key("source")
    write(record.source)
    key("targets")
    try array(record.targets) { try $0.write($1) }
    key("tasks")
    array(record.tasks) { $0.write($1) }
    key("title")
    string(record.title)
    key("warnings")
    array(record.warnings) { $0.write($1) }
    close("}", empty: false)
  }

  private mutating func write(_ source: SourceInfo) {
    open("{")
    key("encoding", first: true)
    string(source.encoding)
    key("format")
    string(source.format.rawValue)
    key("path")
    string(source.path)
    key("sha256")
    string(source.sha256)
    close("}", empty: false)
  }

  private mutating func write(_ task: PlanTask) {
    open("{")
    key("departments", first: true)
    array(task.departments) { $0.write($1) }
    key("id")
    string(task.id)
    key("path")
    array(task.path) { $0.string($1) }
    key("span")
    write(task.span)
    key("title")
    string(task.title)
    close("}", empty: false)
  }

  private mutating func write(_ responsibility: Responsibility) {
    open("{")
    key("canonical", first: true)
    string(responsibility.canonical)
    key("name")
    string(responsibility.name)
    key("role")
    string(responsibility.role.rawValue)
    if let rule = responsibility.rule {
      key("rule")
      string(rule)
    }
    if let span = responsibility.span {
      key("span")
      write(span)
    }
    close("}", empty: false)
  }

  private mutating func write(_ target: Target) throws {
    open("{")
    key("baseline_year", first: true)
    int(target.baselineYear)
    key("change")
    string(target.change.rawValue)
    key("comparator")
    string(target.comparator.rawValue)
    if let cue = target.cue {
      key("cue")
      string(cue)
    }
    key("id")
    string(target.id)
    key("indicator")
    string(target.indicator)
    key("path")
    array(target.path) { $0.string($1) }
    key("quote")
    string(target.quote)
    if let rule = target.rule {
      key("rule")
      string(rule)
    }
    if let scope = target.scope {
      key("scope")
      string(scope)
    }
    key("span")
    write(target.span)
    key("stretch")
    literal(target.stretch ? "true" : "false")
    key("target_year")
    int(target.targetYear)
    key("unit")
    string(target.unit)
    key("value")
    try double(target.value)
    key("value_max")
    if let valueMax = target.valueMax { try double(valueMax) } else { null() }
    close("}", empty: false)
  }

  private mutating func write(_ deadline: Deadline) throws {
    open("{")
    key("anchor", first: true)
    string(deadline.anchor)
    key("date")
    string(deadline.date)
    key("duration")
    string(deadline.duration)
    key("id")
    string(deadline.id)
    key("kind")
    string(deadline.kind.rawValue)
    key("path")
    array(deadline.path) { $0.string($1) }
    key("recurrence")
    string(deadline.recurrence)
    if let rule = deadline.rule {
      key("rule")
      string(rule)
    }
    key("span")
    write(deadline.span)
    key("start")
    string(deadline.start)
    key("text")
    string(deadline.text)
    close("}", empty: false)
  }

  private mutating func write(_ warning: Diagnostic) {
    open("{")
    key("code", first: true)
    string(warning.code.rawValue)
    key("message")
    string(warning.message)
    if let span = warning.span {
      key("span")
      write(span)
    }
    close("}", empty: false)
  }

  private mutating func write(_ span: SourceSpan) { pair("end", span.end, "start", span.start) }

  // MARK: - JSON

  /// `{"first":a,"second":b}` for two integers.
  private mutating func pair(_ first: StaticString, _ a: Int, _ second: StaticString, _ b: Int) {
    open("{")
    key(first, first: true)
    int(a)
    key(second)
    int(b)
    close("}", empty: false)
  }

  private mutating func array<Element>(
    _ elements: [Element], _ item: (inout Self, Element) throws -> Void
  ) rethrows {
    open("[")
    for (index, element) in elements.enumerated() {
      if index > 0 { both(UInt8(ascii: ",")) }
      newline()
      try item(&self, element)
    }
    close("]", empty: elements.isEmpty)
  }

  private mutating func open(_ bracket: StaticString) {
    literal(bracket)
    depth += 1
  }

  /// Before a closing bracket: a newline and the indent (an empty container in pretty output
  /// is `[`, a blank line, `]`, the blank line unindented, as `JSONEncoder` writes it).
  private mutating func close(_ bracket: StaticString, empty: Bool) {
    depth -= 1
    if writesPretty {
      if empty { pretty.append(UInt8(ascii: "\n")) }
      newline()
    }
    literal(bracket)
  }

  private mutating func key(_ name: StaticString, first: Bool = false) {
    if !first { both(UInt8(ascii: ",")) }
    newline()
    both(UInt8(ascii: "\""))
    literal(name)
    both(UInt8(ascii: "\""))
    if writesPretty { pretty.append(contentsOf: " : ".utf8) }
    compact.append(UInt8(ascii: ":"))
  }

  private mutating func newline() {
    guard writesPretty else { return }
    JSONTextWriter.appendNewline(indent: depth * 2 + indent, to: &pretty)
  }

  private mutating func string(_ text: String?) {
    guard let text else { return null() }
    let start = compact.count
    JSONTextWriter.appendString(text, to: &compact)
    if writesPretty { pretty.append(contentsOf: compact[start...]) }
  }

  private mutating func int(_ number: Int?) {
    guard let number else { return null() }
    let text = String(number)
    if writesPretty { pretty.append(contentsOf: text.utf8) }
    compact.append(contentsOf: text.utf8)
  }

  private mutating func double(_ number: Double) throws {
    guard case .number(let text) = try JSONTreeEncoder.number(number) else { return null() }
    if writesPretty { pretty.append(contentsOf: text.utf8) }
    compact.append(contentsOf: text.utf8)
  }

  private mutating func null() { literal("null") }

  private mutating func literal(_ text: StaticString) {
    let bytes = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    if writesPretty { pretty.append(contentsOf: bytes) }
    compact.append(contentsOf: bytes)
  }

  private mutating func both(_ byte: UInt8) {
    if writesPretty { pretty.append(byte) }
    compact.append(byte)
  }
}

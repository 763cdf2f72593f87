import Foundation
import Testing

@testable import PlanScope

/// `CanonicalJSONEncoder` must write exactly what Foundation's `JSONEncoder` writes with the
/// dataset's settings: every golden dataset and every record in it, pretty and compact, and a
/// record's two forms from `encodeBoth` (the pretty one indented for `dataset.json`).
@Test(arguments: try GoldenCase.all())
func canonicalJSONMatchesJSONEncoder(_ golden: GoldenCase) throws {
  let data = try Data(contentsOf: golden.folder.appendingPathComponent("dataset.json"))
  let dataset = try DatasetCoding.decoder().decode(Dataset.self, from: data)
  #expect(!dataset.documents.isEmpty)
  try expectSameJSON(dataset)
  for record in dataset.documents {
    try expectRecordFormsMatch(record)
  }
}

/// Model types list their members in key order so the encoder need not reorder them: a record
/// with every optional member set, and the same record with each one unset, must still come
/// out as `JSONEncoder` writes it (which sorts whatever order it gets).
@Test func recordWithEveryOptionalMatchesJSONEncoder() throws {
  let span = SourceSpan(start: 3, end: 9)
  var full = DocumentRecord(
    id: "a1",
    source: SourceInfo(path: "p/\"x\".txt", sha256: "ff", format: .docx, encoding: "big5"),
    title: "标题\t", jurisdiction: "天津市", period: Period(start: 2021, end: 2025),
    docNumber: "津政办发〔2023〕1号", issued: "2023-01-02", issuers: ["天津市人民政府", "办公厅"],
    script: .traditional,
    tasks: [
      PlanTask(
        id: "t001", path: ["一、", "（一）"], title: "任务",
        departments: [
          Responsibility(
            name: "市财政局", canonical: "财政", role: .lead, span: span, rule: "responsibility.x"),
          Responsibility(name: "各区", canonical: nil, role: .responsible, span: nil),
        ], span: span),
      PlanTask(id: "t002", path: [], title: "", departments: [], span: span),
    ],
    targets: [
      Target(
        id: "g001", path: ["一、"], indicator: "农膜回收率", value: 85, valueMax: 90.5, unit: "%",
        comparator: .range, change: .increase, baselineYear: 2020, targetYear: 2025,
        scope: "全市", stretch: true, quote: "达到85%", span: span, rule: "target.y"),
      Target(
        id: "g002", path: [], indicator: "x", value: 0.04, valueMax: nil, unit: "万吨",
        comparator: .atLeast, change: .level, baselineYear: nil, targetYear: nil, scope: nil,
        quote: "q", span: span),
    ],
    deadlines: [
      Deadline(
        id: "d001", path: ["二、"], text: "名单公布后1个月内", kind: .relative, date: "2025-12-31",
        start: "2023-01-01", duration: "P1M", anchor: "名单公布", recurrence: "P1Y", span: span,
        rule: "deadline.z"),
      Deadline(
        id: "d002", path: [], text: "到2025年", kind: .by, date: nil, start: nil, duration: nil,
        anchor: nil, recurrence: nil, span: span),
    ],
    warnings: [
      Diagnostic(code: .unknownStructure, message: "m", span: span),
      Diagnostic(code: .damagedText, message: "n\u{1}", span: nil),
    ])
  full.targets[0].cue = "达到"
  full.duplicateOf = "0123456789abcdef"
  try expectRecordFormsMatch(full)
  var bare = full
  bare.source.encoding = nil
  (bare.title, bare.jurisdiction, bare.docNumber, bare.issued) = (nil, nil, nil, nil)
  (bare.period, bare.duplicateOf) = (nil, nil)
  (bare.issuers, bare.tasks, bare.targets, bare.deadlines, bare.warnings) = ([], [], [], [], [])
  try expectRecordFormsMatch(bare)
  #expect(throws: EncodingError.self) {
    var broken = full
    broken.targets[0].valueMax = .nan
    _ = try RecordEncoder().encode(broken)
  }
}

/// Values the goldens may lack: escapes, numbers in every notation, empty containers, nil.
@Test func canonicalJSONMatchesJSONEncoderOnEdgeValues() throws {
  var record = DocumentRecord(
    id: "x", source: SourceInfo(path: "a/\"b\"\\c/d.txt", sha256: "00", format: .text),
    title: "tab\there\nline\r\u{0}\u{1F}\u{7F}/slash \u{2028} 😀 “引号”", jurisdiction: nil,
    period: nil, docNumber: nil, issued: nil, issuers: [], script: .simplified, tasks: [],
    targets: [], deadlines: [], warnings: [])
  try expectSameJSON(record)
  for value in [0, 85, 0.04, 1.6, -14.5, 1e-05, 1e16, 123_456_789.125, 1e300, -0.0] {
    record.targets = [
      Target(
        id: "t1", path: ["一"], indicator: "x", value: value, valueMax: value / 3, unit: "%",
        comparator: .atLeast, change: .level, baselineYear: nil, targetYear: 2025,
        scope: nil, quote: "q", span: SourceSpan(start: 0, end: 1))
    ]
    try expectSameJSON(record)
  }
  #expect(throws: EncodingError.self) {
    record.targets[0].value = .infinity
    _ = try CanonicalJSONEncoder(pretty: true).encode(record)
  }
}

/// Indenting for `dataset.json`: every line after the first moves right, blank lines stay
/// empty.
@Test func canonicalJSONIndentsNestedText() throws {
  let record = DocumentRecord(
    id: "x", source: SourceInfo(path: "p.txt", sha256: "00", format: .text), title: nil,
    jurisdiction: nil, period: nil, docNumber: nil, issued: nil, issuers: [],
    script: .simplified, tasks: [], targets: [], deadlines: [], warnings: [])
  let plain = try CanonicalJSONEncoder(pretty: true).encode(record)
  let indented = try CanonicalJSONEncoder(pretty: true).encode(record, indent: 4)
  #expect(indented == shifted(plain, by: 4))
  #expect(indented.contains("\n\n"))
}

/// The other outputs' values go through the same encoder: a diff's changes, an `extract`
/// report, skipped files, a shard's info and a document line's parts.
@Test func canonicalJSONMatchesJSONEncoderOnOtherOutputs() throws {
  let pipeline = try Pipeline.standard()
  try expectSameJSON(
    pipeline.report(snippet: "一、加强农膜回收\n到2025年，农膜回收率达到85%以上。（市农业农村委牵头，市财政局配合）"))
  try expectSameJSON(
    [SkippedFile.unsupported(path: "a/b.pdf", fileExtension: "pdf")]
      + [SkippedFile(path: "c", reason: .symbolicLink, fileExtension: "", detail: "d")])
  try expectSameJSON(ShardInfo(shard: try Shard(parsing: "2/3"), documents: 7))
  var change = DatasetChanges.Change(kind: .target, subject: "s", old: "a", new: nil)
  (change.oldID, change.oldSpan) = ("g001", SourceSpan(start: 1, end: 2))
  change.fields = [.init(field: "value", old: "85", new: "88")]
  try expectSameJSON(change)
  try expectSameJSON(["line\u{2029}text", ""])
}

/// What a hand-written `encode(to:)` may do: members out of order, names that are not plain
/// camelCase (acronyms, a leading capital, digits after a capital, non-ASCII), nested and
/// super containers, every integer width, floats, a member encoded twice and a value that
/// encodes nothing.
@Test func canonicalJSONMatchesJSONEncoderOnHandWrittenEncoding() throws {
  try expectSameJSON(Unusual())
  try expectSameJSON([Unusual(), Unusual()])
  for name in ["sourceURLPath", "URL", "myID", "aB1c", "a_b", "_private", "value2Max", "ÄbcDéf"] {
    #expect(DatasetCoding.snakeCase(name) == (try foundationKey(name)), "\(name)")
  }
  #expect(throws: EncodingError.self) { _ = try CanonicalJSONEncoder(pretty: false).encode(Silent()) }
  #expect(throws: EncodingError.self) {
    _ = try CanonicalJSONEncoder(pretty: false).encode(Date(timeIntervalSince1970: 0))
  }
  // A container kept past its value's `encode(to:)` is refused, not written in the wrong place.
  #expect(throws: EncodingError.self) { _ = try CanonicalJSONEncoder(pretty: false).encode(Late()) }
}

/// A record's forms as the outputs take them: `RecordEncoder`'s dataset element (indented 4)
/// and state JSON, each equal to `JSONEncoder`'s.
func expectRecordFormsMatch(
  _ record: DocumentRecord, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  try expectSameJSON(record, sourceLocation: sourceLocation)
  let encoded = try RecordEncoder().encode(record)
  let pretty = try foundationJSON(record, pretty: true)
  #expect(encoded.datasetJSON == shifted(pretty, by: 4), sourceLocation: sourceLocation)
  let compact = try foundationJSON(record, pretty: false)
  #expect(encoded.stateJSON == compact, sourceLocation: sourceLocation)
  #expect(try RecordEncoder().stateJSON(record) == compact, sourceLocation: sourceLocation)
  #expect(
    try RecordEncoder().datasetJSON(record) == encoded.datasetJSON, sourceLocation: sourceLocation)
}

/// The value's JSON from `CanonicalJSONEncoder` equals `JSONEncoder`'s, pretty and compact.
func expectSameJSON<T: Encodable>(
  _ value: T, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let pretty = try foundationJSON(value, pretty: true)
  #expect(try DatasetCoding.encoder().encode(value) == pretty, sourceLocation: sourceLocation)
  let compact = try foundationJSON(value, pretty: false)
  #expect(
    try DatasetCoding.encoder(pretty: false).encode(value) == compact,
    sourceLocation: sourceLocation)
  let both = try DatasetCoding.encoder().encodeBoth(value, indent: 0)
  #expect(both.pretty == pretty && both.compact == compact, sourceLocation: sourceLocation)
}

/// Foundation's `JSONEncoder` with the dataset's settings: the reference the format is held to.
func foundationJSON<T: Encodable>(_ value: T, pretty: Bool) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting =
    pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
  encoder.keyEncodingStrategy = .convertToSnakeCase
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// `text` with every non-empty line after the first indented `spaces` more.
private func shifted(_ text: String, by spaces: Int) -> String {
  text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    .map {
      $0.offset == 0 || $0.element.isEmpty
        ? String($0.element) : String(repeating: " ", count: spaces) + $0.element
    }
    .joined(separator: "\n")
}

/// How `JSONEncoder` converts `name` to snake_case.
private func foundationKey(_ name: String) throws -> String {
  let object = try JSONSerialization.jsonObject(
    with: Data(try foundationJSON(Named(name: name), pretty: false).utf8))
  return (object as? [String: Int])?.keys.first ?? ""
}

/// Any string as a coding key.
private struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// An object with one member named `name`.
private struct Named: Encodable {
  var name: String
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode(0, forKey: AnyKey(name))
  }
}

private struct Unusual: Encodable {
  struct Empty: Encodable {
    func encode(to encoder: any Encoder) throws {}
  }
  class Base: Encodable {
    var baseValue = 1
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode("z", forKey: AnyKey("zeta"))
    try container.encode(Int8(-8), forKey: AnyKey("sourceURLPath"))
    try container.encode(UInt64.max, forKey: AnyKey("myID"))
    try container.encode(Float(0.1), forKey: AnyKey("aB1c"))
    try container.encode(Int16(3), forKey: AnyKey("URL"))
    try container.encode([UInt8(1), 2], forKey: AnyKey("value2Max"))
    try container.encode(Empty(), forKey: AnyKey("empty"))
    try container.encode([Int](), forKey: AnyKey("none"))
    try container.encode("first", forKey: AnyKey("twice"))
    try container.encode("second", forKey: AnyKey("twice"))
    var nested = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("nested"))
    try nested.encode(true, forKey: AnyKey("yes"))
    try nested.encodeNil(forKey: AnyKey("also"))
    var list = container.nestedUnkeyedContainer(forKey: AnyKey("list"))
    try list.encode(1.5)
    var inner = list.nestedContainer(keyedBy: AnyKey.self)
    try inner.encode("b", forKey: AnyKey("b"))
    try inner.encode("a", forKey: AnyKey("a"))
    try list.encode("after")
    try Base().encode(to: container.superEncoder())
    try container.encode("ÄbcDéf", forKey: AnyKey("ÄbcDéf"))
    try container.encode(Optional<String>.none, forKey: AnyKey("nothing"))
  }
}

/// Encodes nothing at all.
private struct Silent: Encodable {
  func encode(to encoder: any Encoder) throws {}
}

/// Writes into its nested container after its parent wrote another member.
private struct Late: Encodable {
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    var nested = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("a"))
    try container.encode(1, forKey: AnyKey("b"))
    try nested.encode(2, forKey: AnyKey("c"))
  }
}

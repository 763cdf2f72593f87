import Foundation
import Testing

@testable import PlanScope

/// `CanonicalJSONEncoder` must write exactly what Foundation's `JSONEncoder` writes with the
/// dataset's settings: every record of every golden dataset, pretty and compact.
@Test(arguments: try GoldenCase.all())
func canonicalJSONMatchesJSONEncoder(_ golden: GoldenCase) throws {
  let data = try Data(contentsOf: golden.folder.appendingPathComponent("dataset.json"))
  let dataset = try DatasetCoding.decoder().decode(Dataset.self, from: data)
  #expect(!dataset.documents.isEmpty)
  try expectSameJSON(dataset)
  for record in dataset.documents {
    try expectSameJSON(record)
    try expectRecordWriterMatches(record)
  }
}

/// `RecordJSONWriter` writes each member in sorted order by hand: a record with every optional
/// member set, and the same record with each one unset, must come out as the encoders write it.
@Test func recordWriterMatchesEncoderWithEveryOptional() throws {
  let span = SourceSpan(start: 3, end: 9)
  let full = DocumentRecord(
    id: "a1",
    source: SourceInfo(path: "p/\"x\".txt", sha256: "ff", format: .docx, encoding: "big5"),
    title: "标题\t", jurisdiction: "天津市", period: Period(start: 2021, end: 2025),
    docNumber: "津政办发〔2023〕1号", issued: "2023-01-02", issuers: ["天津市人民政府", "办公厅"],
    script: .traditional,
    tasks: [
      PlanTask(
        id: "t001", path: ["一、", "（一）"], title: "任务",
        departments: [
          Responsibility(name: "市财政局", canonical: "财政", role: .lead, span: span),
          Responsibility(name: "各区", canonical: nil, role: .responsible, span: nil),
        ], span: span),
      PlanTask(id: "t002", path: [], title: "", departments: [], span: span),
    ],
    targets: [
      Target(
        id: "g001", path: ["一、"], indicator: "农膜回收率", value: 85, valueMax: 90.5, unit: "%",
        comparator: .range, change: .increase, baselineYear: 2020, targetYear: 2025,
        scope: "全市", stretch: true, quote: "达到85%", span: span),
      Target(
        id: "g002", path: [], indicator: "x", value: 0.04, valueMax: nil, unit: "万吨",
        comparator: .atLeast, change: .level, baselineYear: nil, targetYear: nil, scope: nil,
        quote: "q", span: span),
    ],
    deadlines: [
      Deadline(
        id: "d001", path: ["二、"], text: "名单公布后1个月内", kind: .relative, date: "2025-12-31",
        start: "2023-01-01", duration: "P1M", anchor: "名单公布", recurrence: "P1Y", span: span),
      Deadline(
        id: "d002", path: [], text: "到2025年", kind: .by, date: nil, start: nil, duration: nil,
        anchor: nil, recurrence: nil, span: span),
    ],
    warnings: [
      Diagnostic(code: .unknownStructure, message: "m", span: span),
      Diagnostic(code: .damagedText, message: "n\u{1}", span: nil),
    ])
  try expectRecordWriterMatches(full)
  var bare = full
  bare.source.encoding = nil
  (bare.title, bare.jurisdiction, bare.docNumber, bare.issued) = (nil, nil, nil, nil)
  bare.period = nil
  (bare.issuers, bare.tasks, bare.targets, bare.deadlines, bare.warnings) = ([], [], [], [], [])
  try expectRecordWriterMatches(bare)
  #expect(throws: EncodingError.self) {
    var broken = full
    broken.targets[0].valueMax = .nan
    _ = try RecordJSONWriter.both(broken, indent: 4)
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
  let expected = plain.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    .map { $0.offset == 0 || $0.element.isEmpty ? String($0.element) : "    " + $0.element }
    .joined(separator: "\n")
  #expect(indented == expected)
  #expect(indented.contains("\n\n"))
}

private func expectRecordWriterMatches(
  _ record: DocumentRecord, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  try expectSameJSON(record, sourceLocation: sourceLocation)
  let both = try RecordJSONWriter.both(record, indent: 4)
  #expect(
    both.pretty == (try CanonicalJSONEncoder(pretty: true).encode(record, indent: 4)),
    sourceLocation: sourceLocation)
  let compact = try CanonicalJSONEncoder(pretty: false).encode(record)
  #expect(both.compact == compact, sourceLocation: sourceLocation)
  #expect(try RecordJSONWriter.compact(record) == compact, sourceLocation: sourceLocation)
}

private func expectSameJSON<T: Encodable>(
  _ value: T, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let pretty = String(decoding: try DatasetCoding.encoder().encode(value), as: UTF8.self)
  #expect(try CanonicalJSONEncoder(pretty: true).encode(value) == pretty, sourceLocation: sourceLocation)
  let compactEncoder = DatasetCoding.encoder()
  compactEncoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  let compact = String(decoding: try compactEncoder.encode(value), as: UTF8.self)
  #expect(try CanonicalJSONEncoder(pretty: false).encode(value) == compact, sourceLocation: sourceLocation)
}

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
  for record in dataset.documents { try expectSameJSON(record) }
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

import Foundation
import Testing

@testable import PlanScope

/// Expected target fields; `indicator` must be contained in the extracted indicator.
struct TargetExpectation: Decodable, Sendable {
  var indicator: String
  var value: Double
  var value_max: Double?
  var unit: String
  var comparator: String?
  var change: String?
  var baseline_year: Int?
  var target_year: Int?
  var scope: String?
  var rule: String?
}

struct DeadlineExpectation: Decodable, Sendable {
  var text: String
  var kind: String
  var date: String?
  var start: String?
  var duration: String?
  var anchor: String?
  var recurrence: String?
  var rule: String?
}

struct DepartmentExpectation: Decodable, Sendable {
  var path: [String]?
  var name: String
  var role: String
  var canonical: String?
  var rule: String?
}

struct MetadataExpectation: Decodable, Sendable {
  var title: String?
  var jurisdiction: String?
  var period: [Int]?
  var doc_number: String?
  var issued: String?
  var issuers: [String]?
}

@Test(arguments: try Case<String, [TargetExpectation]>.table("targets"))
func extractsTargets(_ row: Case<String, [TargetExpectation]>) throws {
  let report = try Shared.pipeline().report(snippet: row.input)
  let found = report.targets
  #expect(
    found.count == row.expected.count,
    "found \(found.map { "\($0.indicator) \($0.value)\($0.unit)" })")
  for (target, expected) in zip(found, row.expected) {
    #expect(target.indicator.contains(expected.indicator), "indicator \(target.indicator)")
    #expect(target.value == expected.value)
    #expect(target.valueMax == expected.value_max)
    #expect(target.unit == expected.unit)
    #expect(target.comparator.rawValue == (expected.comparator ?? "="))
    #expect(target.change.rawValue == (expected.change ?? "level"))
    #expect(target.baselineYear == expected.baseline_year)
    if let year = expected.target_year { #expect(target.targetYear == year) }
    if let scope = expected.scope { #expect(target.scope == scope) }
    if let rule = expected.rule { #expect(target.rule == rule, "rule of \(target.indicator)") }
    #expect(ScalarText(target.quote).count == target.span.length)
  }
}

@Test(arguments: try Case<String, [DeadlineExpectation]>.table("deadlines"))
func extractsDeadlines(_ row: Case<String, [DeadlineExpectation]>) throws {
  let report = try Shared.pipeline().report(snippet: row.input)
  let found = report.deadlines
  #expect(found.map(\.text) == row.expected.map(\.text))
  for (deadline, expected) in zip(found, row.expected) {
    #expect(deadline.kind.rawValue == expected.kind, "\(deadline.text)")
    #expect(deadline.date == expected.date, "\(deadline.text)")
    #expect(deadline.start == expected.start, "\(deadline.text)")
    #expect(deadline.duration == expected.duration, "\(deadline.text)")
    if let anchor = expected.anchor { #expect(deadline.anchor == anchor) }
    #expect(deadline.recurrence == expected.recurrence, "\(deadline.text)")
    if let rule = expected.rule { #expect(deadline.rule == rule, "rule of \(deadline.text)") }
  }
}

@Test(arguments: try Case<String, [DepartmentExpectation]>.table("responsibilities"))
func extractsResponsibilities(_ row: Case<String, [DepartmentExpectation]>) throws {
  let report = try Shared.pipeline().report(snippet: row.input)
  let found = report.departments.map { "\($0.path.joined())|\($0.name)|\($0.role.rawValue)" }
  let expected = row.expected.map { "\(($0.path ?? []).joined())|\($0.name)|\($0.role)" }
  #expect(found == expected)
  for expectation in row.expected {
    guard let canonical = expectation.canonical else { continue }
    #expect(report.departments.first { $0.name == expectation.name }?.canonical == canonical)
  }
  for expectation in row.expected {
    guard let rule = expectation.rule else { continue }
    #expect(report.departments.first { $0.name == expectation.name }?.rule == rule)
  }
}

@Test(arguments: try Case<String, MetadataExpectation>.table("metadata"))
func extractsMetadata(_ row: Case<String, MetadataExpectation>) throws {
  let pipeline = try Shared.pipeline()
  var diagnostics = Diagnostics()
  let source = SourceDocument(
    source: SourceInfo(path: "case.txt", sha256: "", format: .text), text: row.input)
  let record = pipeline.run(source, diagnostics: &diagnostics).record
  let expected = row.expected
  if let title = expected.title { #expect(record.title == title) }
  if let jurisdiction = expected.jurisdiction { #expect(record.jurisdiction == jurisdiction) }
  if let period = expected.period {
    #expect(record.period.map { [$0.start, $0.end] } == period)
  }
  if let number = expected.doc_number { #expect(record.docNumber == number) }
  if let issued = expected.issued { #expect(record.issued == issued) }
  if let issuers = expected.issuers { #expect(record.issuers == issuers) }
}

/// A time limit or time frame a plan sets (完成时限).
public struct Deadline: Codable, Sendable, Hashable {
  /// The shape of the deadline (`kind` in the schema).
  public enum Kind: String, Codable, Sendable, CaseIterable {
    /// 到2025年, 2023年底前, 于2021年11月底前.
    case by
    /// 2022年制定…: within a year or month.
    case `in`
    /// A full date.
    case on
    /// “十四五”期间, 2023-2025年.
    case period
    /// 名单公布后1个月内, 1年内.
    case relative
    /// 每年, 年度, 每月10日前.
    case recurring
  }

  /// Id within the document by outline position (`d/二、#1`).
  public var id: String
  /// Path of the task it sits in (empty in the preamble).
  public var path: [String]
  /// The deadline as written (Simplified), `text[span]`.
  public var text: String
  /// The shape.
  public var kind: Kind
  /// The last day it covers, `YYYY-MM-DD`.
  public var date: String?
  /// The first day of a period, `YYYY-MM-DD`.
  public var start: String?
  /// ISO 8601 duration of a relative deadline (`P1M`).
  public var duration: String?
  /// The event a relative deadline counts from (`名单公布`).
  public var anchor: String?
  /// ISO 8601 period of a recurring deadline (`P1Y`).
  public var recurrence: String?
  /// Where it is.
  public var span: SourceSpan
  /// The named extraction rule that produced it (`deadline.calendar`); see `DeadlineRule`.
  public var rule: String?

  /// Creates a deadline.
  public init(
    id: String, path: [String], text: String, kind: Kind, date: String? = nil,
    start: String? = nil, duration: String? = nil, anchor: String? = nil,
    recurrence: String? = nil, span: SourceSpan, rule: String? = nil
  ) {
    self.id = id
    self.path = path
    self.text = text
    self.kind = kind
    self.date = date
    self.start = start
    self.duration = duration
    self.anchor = anchor
    self.recurrence = recurrence
    self.span = span
    self.rule = rule
  }

  enum CodingKeys: String, CodingKey {
    case id, path, text, kind, date, start, duration, anchor, recurrence, span, rule
  }

  public func encode(to encoder: any Encoder) throws { try encodeMembers(to: encoder) }
}

extension Deadline: JSONMembers {
  typealias MemberKey = CodingKeys

  func writeMembers(to writer: inout some JSONMemberWriter<CodingKeys>) throws {
    try writer.write(anchor, for: .anchor)
    try writer.write(date, for: .date)
    try writer.write(duration, for: .duration)
    try writer.write(id, for: .id)
    try writer.write(kind, for: .kind)
    try writer.write(path, for: .path)
    try writer.write(recurrence, for: .recurrence)
    try writer.write(ifPresent: rule, for: .rule)
    try writer.write(span, for: .span)
    try writer.write(start, for: .start)
    try writer.write(text, for: .text)
  }
}

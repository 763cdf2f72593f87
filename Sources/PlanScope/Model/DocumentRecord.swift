/// A plan's period (规划期), inclusive years: `（2023-2025年）`, “十四五” (2021–2025).
public struct Period: Codable, Sendable, Hashable {
  /// First year.
  public var start: Int
  /// Last year.
  public var end: Int

  /// Creates a period.
  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }

  enum CodingKeys: String, CodingKey { case start, end }

  public func encode(to encoder: any Encoder) throws { try encodeMembers(to: encoder) }
}

extension Period: JSONMembers {
  typealias MemberKey = CodingKeys

  func writeMembers(to writer: inout some JSONMemberWriter<CodingKeys>) throws {
    try writer.write(end, for: .end)
    try writer.write(start, for: .start)
  }
}

/// Everything planscope knows about one plan: one entry of the dataset's `documents`.
public struct DocumentRecord: Codable, Sendable, Hashable {
  /// Stable id: the first 16 hex digits of `source.sha256`.
  public var id: String
  /// Where it came from.
  public var source: SourceInfo
  /// The plan's title (Simplified).
  public var title: String?
  /// 天津市, 广西壮族自治区, 东莞市; nil if unknown.
  public var jurisdiction: String?
  /// The plan period, nil if none.
  public var period: Period?
  /// 文号: `渝发改规范〔2022〕8号`; nil if none.
  public var docNumber: String?
  /// Issue date `YYYY-MM-DD`; nil if none.
  public var issued: String?
  /// Issuing bodies (印发单位), full names as written, Simplified.
  public var issuers: [String]
  /// The script of the input.
  public var script: Script
  /// Every numbered heading or item in document order.
  public var tasks: [PlanTask]
  /// Every quantified target.
  public var targets: [Target]
  /// Every time limit or frame.
  public var deadlines: [Deadline]
  /// Damaged text, undecodable bytes, unknown structure.
  public var warnings: [Diagnostic]
  /// The `key` of the first document (in path order) with the same bytes when this one is a
  /// copy (`duplicate_of`). Set where the dataset is put together (`Dataset.init`, the run's
  /// writer), since it depends on the other documents; nil in a record of its own (the state
  /// cache, JSON lines).
  public var duplicateOf: String?

  /// Creates a record.
  public init(
    id: String, source: SourceInfo, title: String?, jurisdiction: String? = nil,
    period: Period? = nil, docNumber: String? = nil, issued: String? = nil,
    issuers: [String] = [], script: Script, tasks: [PlanTask], targets: [Target] = [],
    deadlines: [Deadline] = [], warnings: [Diagnostic] = []
  ) {
    self.id = id
    self.source = source
    self.title = title
    self.jurisdiction = jurisdiction
    self.period = period
    self.docNumber = docNumber
    self.issued = issued
    self.issuers = issuers
    self.script = script
    self.tasks = tasks
    self.targets = targets
    self.deadlines = deadlines
    self.warnings = warnings
  }

  /// The document's key in every output (`document_key` in the JSON, CSV and SQLite, and the
  /// name of its `text/` files): the first 16 hex digits of the SHA-256 of `source.path`, so
  /// an edited plan keeps its key while `id` follows its bytes.
  public var key: String { Self.key(path: source.path) }

  /// The key of the document at `path` (see `key`).
  public static func key(path: String) -> String {
    String(SHA256.hexDigest(Array(path.utf8)).prefix(16))
  }

  enum CodingKeys: String, CodingKey {
    case id, source, title, jurisdiction, period, docNumber, issued, issuers, script, tasks,
      targets, deadlines, warnings, documentKey, duplicateOf
  }

  /// Decodes a record (`document_key` is not read: it follows from the path); one written
  /// before `duplicate_of` existed, or of its own, is no copy.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    source = try container.decode(SourceInfo.self, forKey: .source)
    title = try container.decodeIfPresent(String.self, forKey: .title)
    jurisdiction = try container.decodeIfPresent(String.self, forKey: .jurisdiction)
    period = try container.decodeIfPresent(Period.self, forKey: .period)
    docNumber = try container.decodeIfPresent(String.self, forKey: .docNumber)
    issued = try container.decodeIfPresent(String.self, forKey: .issued)
    issuers = try container.decode([String].self, forKey: .issuers)
    script = try container.decode(Script.self, forKey: .script)
    tasks = try container.decode([PlanTask].self, forKey: .tasks)
    targets = try container.decode([Target].self, forKey: .targets)
    deadlines = try container.decode([Deadline].self, forKey: .deadlines)
    warnings = try container.decode([Diagnostic].self, forKey: .warnings)
    duplicateOf = try container.decodeIfPresent(String.self, forKey: .duplicateOf)
  }

  public func encode(to encoder: any Encoder) throws { try encodeMembers(to: encoder) }
}

extension DocumentRecord: JSONMembers {
  typealias MemberKey = CodingKeys

  func writeMembers(to writer: inout some JSONMemberWriter<CodingKeys>) throws {
    try writer.write(deadlines, for: .deadlines)
    try writer.write(docNumber, for: .docNumber)
    try writer.write(key, for: .documentKey)
    try writer.write(ifPresent: duplicateOf, for: .duplicateOf)
    try writer.write(id, for: .id)
    try writer.write(issued, for: .issued)
    try writer.write(issuers, for: .issuers)
    try writer.write(jurisdiction, for: .jurisdiction)
    try writer.write(period, for: .period)
    try writer.write(script, for: .script)
    try writer.write(source, for: .source)
    try writer.write(targets, for: .targets)
    try writer.write(tasks, for: .tasks)
    try writer.write(title, for: .title)
    try writer.write(warnings, for: .warnings)
  }
}

/// The whole dataset (`policy-dataset/1`): one record per input document, sorted by path.
public struct Dataset: Codable, Sendable, Hashable {
  /// The schema identifier written into every dataset.
  public static let schemaID = "policy-dataset/1"

  /// Always `policy-dataset/1`.
  public var schema: String
  /// Records sorted by `source.path`.
  public var documents: [DocumentRecord]
  /// Files of the corpus that were not read (unsupported formats, FIFOs, links to folders …),
  /// sorted by path.
  public var skipped: [SkippedFile]

  /// Creates a dataset; records are sorted by source path so output never depends on order,
  /// and a record whose bytes came earlier under another path is marked as a copy of that
  /// first one (`duplicateOf`), as a run marks it.
  public init(records: [DocumentRecord], skipped: [SkippedFile] = []) {
    self.schema = Self.schemaID
    self.skipped = skipped.sorted { DocumentOrder.precedes($0.path, $1.path) }
    self.documents = records.sorted {
      $0.source.path == $1.source.path
        ? $0.id < $1.id : DocumentOrder.precedes($0.source.path, $1.source.path)
    }
    var firstWithContent: [String: String] = [:]
    for index in documents.indices {
      let record = documents[index]
      let original = firstWithContent[record.source.sha256]
      documents[index].duplicateOf = original
      if original == nil { firstWithContent[record.source.sha256] = record.key }
    }
  }

  private enum CodingKeys: String, CodingKey { case schema, documents, skipped }

  /// Decodes a dataset; one written before `skipped` existed has none.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    schema = try container.decode(String.self, forKey: .schema)
    documents = try container.decode([DocumentRecord].self, forKey: .documents)
    skipped = try container.decodeIfPresent([SkippedFile].self, forKey: .skipped) ?? []
  }
}

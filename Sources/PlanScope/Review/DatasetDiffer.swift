/// Compares two datasets fact by fact.
///
/// Documents pair by `source.path`, then the rest by content (`sha256`: a file renamed), then
/// by title, so an edited or moved plan shows as changed (and renamed) rather than removed
/// and added. Within a document, targets pair by indicator,
/// scope and unit; departments by task path and name; deadlines by task path and text.
/// Facts that pair but read differently are changes (`农膜回收率 ≥85% → ≥88%`).
public struct DatasetDiffer: Sendable {
  /// Creates a differ.
  public init() {}

  /// The changes from `old` to `new`.
  public func diff(_ old: Dataset, _ new: Dataset) -> DatasetChanges {
    var unmatchedOld = old.documents
    var pairs: [(DocumentRecord, DocumentRecord)] = []
    var added: [DocumentRecord] = []
    for record in new.documents {
      if let index = unmatchedOld.firstIndex(where: { $0.source.path == record.source.path }) {
        pairs.append((unmatchedOld.remove(at: index), record))
      } else {
        added.append(record)
      }
    }
    var stillAdded: [DocumentRecord] = []
    for record in added {
      if let index = unmatchedOld.firstIndex(where: { $0.source.sha256 == record.source.sha256 }) {
        pairs.append((unmatchedOld.remove(at: index), record))
      } else {
        stillAdded.append(record)
      }
    }
    added = stillAdded
    stillAdded = []
    for record in added {
      if let title = record.title, let index = unmatchedOld.firstIndex(where: { $0.title == title })
      {
        pairs.append((unmatchedOld.remove(at: index), record))
      } else {
        stillAdded.append(record)
      }
    }
    let changed = pairs.map { documentChanges($0.0, $0.1) }.filter { !$0.isEmpty }
      .sorted { $0.new.path < $1.new.path }
    return DatasetChanges(
      added: stillAdded.map(Self.reference).sorted { $0.path < $1.path },
      removed: unmatchedOld.map(Self.reference).sorted { $0.path < $1.path }, changed: changed)
  }

  /// Changes within one pair of records.
  public func documentChanges(_ old: DocumentRecord, _ new: DocumentRecord)
    -> DatasetChanges.DocumentChanges
  {
    DatasetChanges.DocumentChanges(
      old: Self.reference(old), new: Self.reference(new), metadata: metadata(old, new),
      targets: pair(
        old.targets, new.targets, kind: .target, key: Self.targetKey, render: Self.render,
        describe: Self.describe),
      departments: pair(
        Self.departments(old), Self.departments(new), kind: .department, key: { $0.key },
        render: { $0.role }, describe: { $0.description }),
      deadlines: pair(
        old.deadlines, new.deadlines, kind: .deadline, key: { "\($0.path.joined()) \($0.text)" },
        render: Self.render, describe: Self.describe))
  }

  // MARK: - Pairing

  /// A fact's id, quote, span and field values, for the structured change.
  struct FactDescription {
    var id: String?
    var quote: String?
    var span: SourceSpan?
    var fields: [(String, String?)]
  }

  private func pair<Fact>(
    _ old: [Fact], _ new: [Fact], kind: DatasetChanges.Kind, key: (Fact) -> String,
    render: (Fact) -> String, describe: (Fact) -> FactDescription
  ) -> [DatasetChanges.Change] {
    var remaining: [String: [Fact]] = Dictionary(grouping: old, by: key)
    var changes: [DatasetChanges.Change] = []
    func change(_ subject: String, _ before: Fact?, _ after: Fact?) -> DatasetChanges.Change {
      var result = DatasetChanges.Change(
        kind: kind, subject: subject, old: before.map(render), new: after.map(render))
      let was = before.map(describe)
      let now = after.map(describe)
      result.oldID = was?.id
      result.newID = now?.id
      result.oldQuote = was?.quote
      result.newQuote = now?.quote
      result.oldSpan = was?.span
      result.newSpan = now?.span
      if let was, let now {
        result.fields = zip(was.fields, now.fields).compactMap { old, new in
          old.1 == new.1 ? nil : .init(field: old.0, old: old.1, new: new.1)
        }
      }
      return result
    }
    for fact in new {
      let subject = key(fact)
      if var candidates = remaining[subject], !candidates.isEmpty {
        let previous = candidates.removeFirst()
        remaining[subject] = candidates
        if render(previous) != render(fact) {
          changes.append(change(subject, previous, fact))
        }
      } else {
        changes.append(change(subject, nil, fact))
      }
    }
    for (subject, facts) in remaining.sorted(by: { $0.key < $1.key }) {
      for fact in facts { changes.append(change(subject, fact, nil)) }
    }
    return changes
  }

  private func metadata(_ old: DocumentRecord, _ new: DocumentRecord) -> [DatasetChanges.Change] {
    let fields: [(String, (DocumentRecord) -> String?)] = [
      ("title", { $0.title }), ("jurisdiction", { $0.jurisdiction }),
      ("period", { $0.period.map { "\($0.start)–\($0.end)" } }), ("doc_number", { $0.docNumber }),
      ("issued", { $0.issued }),
      ("issuers", { $0.issuers.isEmpty ? nil : $0.issuers.joined(separator: "、") }),
    ]
    return fields.compactMap { name, value in
      guard value(old) != value(new) else { return nil }
      var change = DatasetChanges.Change(
        kind: .metadata, subject: name, old: value(old), new: value(new))
      change.fields = [.init(field: name, old: value(old), new: value(new))]
      return change
    }
  }

  // MARK: - Renderings

  private static func targetKey(_ target: Target) -> String {
    target.indicator + (target.scope.map { "（\($0)）" } ?? "")
  }

  private static func render(_ target: Target) -> String {
    TargetFormatting.value(target) + (target.targetYear.map { " 到\($0)年" } ?? "")
  }

  private static func describe(_ target: Target) -> FactDescription {
    FactDescription(
      id: target.id, quote: target.quote, span: target.span,
      fields: [
        ("value", TargetFormatting.number(target.value)),
        ("value_max", target.valueMax.map(TargetFormatting.number)), ("unit", target.unit),
        ("comparator", target.comparator.rawValue), ("change", target.change.rawValue),
        ("baseline_year", target.baselineYear.map(String.init)),
        ("target_year", target.targetYear.map(String.init)), ("scope", target.scope),
      ])
  }

  private static func describe(_ deadline: Deadline) -> FactDescription {
    FactDescription(
      id: deadline.id, quote: deadline.text, span: deadline.span,
      fields: [
        ("kind", deadline.kind.rawValue), ("date", deadline.date), ("start", deadline.start),
        ("duration", deadline.duration), ("recurrence", deadline.recurrence),
      ])
  }

  private static func render(_ deadline: Deadline) -> String {
    [
      deadline.kind.rawValue, deadline.date, deadline.start.map { "from \($0)" }, deadline.duration,
      deadline.recurrence,
    ].compactMap { $0 }.joined(separator: " ")
  }

  private struct Assignment {
    var key: String
    var role: String
    var task: String
    var span: SourceSpan?

    var description: FactDescription {
      FactDescription(id: task, quote: nil, span: span, fields: [("role", role)])
    }
  }

  private static func departments(_ record: DocumentRecord) -> [Assignment] {
    record.tasks.flatMap { task in
      task.departments.map {
        Assignment(
          key: "\(task.path.joined()) \($0.name)", role: $0.role.rawValue, task: task.id,
          span: $0.span)
      }
    }
  }

  static func reference(_ record: DocumentRecord) -> DatasetChanges.DocumentRef {
    DatasetChanges.DocumentRef(
      path: record.source.path, title: record.title, id: record.id, sha256: record.source.sha256)
  }
}

/// Compares two datasets fact by fact.
///
/// Documents pair by `source.path`, then the rest by title, so an edited plan shows as
/// changed rather than removed and added. Within a document, targets pair by indicator,
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
      targets: pair(old.targets, new.targets, key: Self.targetKey, render: Self.render),
      departments: pair(
        Self.departments(old), Self.departments(new), key: { $0.key }, render: { $0.role }),
      deadlines: pair(
        old.deadlines, new.deadlines, key: { "\($0.path.joined()) \($0.text)" }, render: Self.render
      ))
  }

  // MARK: - Pairing

  private func pair<Fact>(
    _ old: [Fact], _ new: [Fact], key: (Fact) -> String, render: (Fact) -> String
  ) -> [DatasetChanges.Change] {
    var remaining: [String: [Fact]] = Dictionary(grouping: old, by: key)
    var changes: [DatasetChanges.Change] = []
    for fact in new {
      let subject = key(fact)
      if var candidates = remaining[subject], !candidates.isEmpty {
        let previous = candidates.removeFirst()
        remaining[subject] = candidates
        if render(previous) != render(fact) {
          changes.append(.init(subject: subject, old: render(previous), new: render(fact)))
        }
      } else {
        changes.append(.init(subject: subject, old: nil, new: render(fact)))
      }
    }
    for (subject, facts) in remaining.sorted(by: { $0.key < $1.key }) {
      for fact in facts { changes.append(.init(subject: subject, old: render(fact), new: nil)) }
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
      value(old) == value(new) ? nil : .init(subject: name, old: value(old), new: value(new))
    }
  }

  // MARK: - Renderings

  private static func targetKey(_ target: Target) -> String {
    target.indicator + (target.scope.map { "（\($0)）" } ?? "")
  }

  private static func render(_ target: Target) -> String {
    TargetFormatting.value(target) + (target.targetYear.map { " 到\($0)年" } ?? "")
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
  }

  private static func departments(_ record: DocumentRecord) -> [Assignment] {
    record.tasks.flatMap { task in
      task.departments.map {
        Assignment(key: "\(task.path.joined()) \($0.name)", role: $0.role.rawValue)
      }
    }
  }

  static func reference(_ record: DocumentRecord) -> DatasetChanges.DocumentRef {
    DatasetChanges.DocumentRef(path: record.source.path, title: record.title, id: record.id)
  }
}

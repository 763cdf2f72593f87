/// What changed between two datasets, for reviewers (`planscope diff`) and the weekly digest.
public struct DatasetChanges: Codable, Sendable, Hashable {
  /// A document named by path, title and id.
  public struct DocumentRef: Codable, Sendable, Hashable {
    /// `source.path`.
    public var path: String
    /// The title, if any.
    public var title: String?
    /// The document id.
    public var id: String
    /// `source.sha256`.
    public var sha256: String = ""
  }

  /// Which kind of fact changed.
  public enum Kind: String, Codable, Sendable, Hashable {
    case metadata, target, department, deadline
  }

  /// One field of a fact before and after (`value` 85 → 88, `target_year` 2025 → 2027).
  public struct FieldChange: Codable, Sendable, Hashable {
    /// The dataset's field name.
    public var field: String
    /// The old value as JSON would print it, nil when absent.
    public var old: String?
    /// The new value, nil when absent.
    public var new: String?
  }

  /// A fact before and after: structured (kind, ids, fields, quotes, spans) for tools, and
  /// rendered for reading (`农膜回收率 ≥85%`).
  public struct Change: Codable, Sendable, Hashable {
    /// Which kind of fact.
    public var kind: Kind
    /// What the fact is about: an indicator, a task path and department, a deadline's task.
    public var subject: String
    /// The old rendering, nil when added.
    public var old: String?
    /// The new rendering, nil when removed.
    public var new: String?
    /// The fact's id before and after (`g/二、#3`), when it has one.
    public var oldID: String?
    public var newID: String?
    /// The fields that differ, for a fact in both.
    public var fields: [FieldChange] = []
    /// The sentence each version quotes, and where (spans into that run's text).
    public var oldQuote: String?
    public var newQuote: String?
    public var oldSpan: SourceSpan?
    public var newSpan: SourceSpan?

    /// A change of `kind`.
    public init(kind: Kind, subject: String, old: String?, new: String?) {
      self.kind = kind
      self.subject = subject
      self.old = old
      self.new = new
    }
  }

  /// Changes within one document present in both datasets.
  public struct DocumentChanges: Codable, Sendable, Hashable {
    /// The document before.
    public var old: DocumentRef
    /// The document after.
    public var new: DocumentRef
    /// Title, jurisdiction, period, document number, issue date, issuers.
    public var metadata: [Change]
    /// Targets added, removed or changed.
    public var targets: [Change]
    /// Departments added, removed or with another role, per task.
    public var departments: [Change]
    /// Deadlines added, removed or changed.
    public var deadlines: [Change]

    /// Whether the document moved to another path (paired by content or title).
    public var isRenamed: Bool { old.path != new.path }

    /// Whether anything changed (a rename is a change).
    public var isEmpty: Bool {
      !isRenamed && metadata.isEmpty && targets.isEmpty && departments.isEmpty
        && deadlines.isEmpty
    }
  }

  /// Documents only in the new dataset.
  public var added: [DocumentRef]
  /// Documents only in the old dataset.
  public var removed: [DocumentRef]
  /// Documents in both whose facts differ.
  public var changed: [DocumentChanges]

  /// Whether the datasets say the same.
  public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
}

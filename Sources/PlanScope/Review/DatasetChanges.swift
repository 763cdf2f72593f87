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
  }

  /// A fact before and after, rendered for reading (`农膜回收率 ≥85%`).
  public struct Change: Codable, Sendable, Hashable {
    /// What the fact is about: an indicator, a task path and department, a deadline's task.
    public var subject: String
    /// The old rendering, nil when added.
    public var old: String?
    /// The new rendering, nil when removed.
    public var new: String?
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

    /// Whether anything changed.
    public var isEmpty: Bool {
      metadata.isEmpty && targets.isEmpty && departments.isEmpty && deadlines.isEmpty
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

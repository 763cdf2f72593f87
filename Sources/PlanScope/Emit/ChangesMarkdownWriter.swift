/// Renders dataset changes as Markdown for review, grouped by document: documents added and
/// removed, then per changed document its metadata, targets, departments and deadlines, each
/// line `subject: old → new` (`+` added, `−` removed).
public struct ChangesMarkdownWriter: Sendable {
  /// Creates a writer.
  public init() {}

  /// The changes as Markdown with a final newline; `heading` names the comparison.
  public func write(_ changes: DatasetChanges, heading: String = "Review of changes") -> String {
    var lines = ["# \(heading)", ""]
    if changes.isEmpty { return (lines + ["No changes.", ""]).joined(separator: "\n") }
    lines.append(
      "\(changes.changed.count) changed, \(changes.added.count) added, \(changes.removed.count) removed."
    )
    lines.append("")
    if !changes.added.isEmpty {
      lines += ["## Documents added", ""] + changes.added.map { "- \(Self.name($0))" } + [""]
    }
    if !changes.removed.isEmpty {
      lines += ["## Documents removed", ""] + changes.removed.map { "- \(Self.name($0))" } + [""]
    }
    for document in changes.changed {
      lines += ["## \(Self.name(document.new))", ""]
      lines += section("Metadata", document.metadata)
      lines += section("Targets", document.targets)
      lines += section("Departments", document.departments)
      lines += section("Deadlines", document.deadlines)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The lines of one group of changes, or none.
  func section(_ title: String, _ changes: [DatasetChanges.Change]) -> [String] {
    guard !changes.isEmpty else { return [] }
    return ["### \(title)", ""] + changes.map(Self.line) + [""]
  }

  static func line(_ change: DatasetChanges.Change) -> String {
    switch (change.old, change.new) {
    case (nil, let new?): "- + \(change.subject): \(new)"
    case (let old?, nil): "- − \(change.subject): \(old)"
    case (let old?, let new?): "- \(change.subject): \(old) → \(new)"
    case (nil, nil): "- \(change.subject)"
    }
  }

  static func name(_ document: DatasetChanges.DocumentRef) -> String {
    "\(document.title ?? document.path) (`\(document.path)`)"
  }
}

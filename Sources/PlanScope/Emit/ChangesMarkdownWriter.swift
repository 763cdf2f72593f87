/// Renders dataset changes as Markdown for review, grouped by document: documents added and
/// removed, then per changed document its rename, metadata, targets, departments and
/// deadlines, each line `subject: old → new` (`+` added, `−` removed); a fact whose sentence
/// changed shows it with a character-level diff (`达到~~85~~**88**%以上`).
public struct ChangesMarkdownWriter: Sendable {
  /// Creates a writer.
  public init() {}

  /// The changes as Markdown with a final newline; `heading` names the comparison.
  public func write(_ changes: DatasetChanges, heading: String = "Review of changes") -> String {
    var lines = ["# \(heading)", ""]
    if changes.isEmpty { return (lines + ["No changes.", ""]).joined(separator: "\n") }
    let renamed = changes.changed.filter(\.isRenamed).count
    lines.append(
      "\(changes.changed.count) changed\(renamed > 0 ? " (\(renamed) renamed)" : ""), "
        + "\(changes.added.count) added, \(changes.removed.count) removed.")
    lines.append("")
    if !changes.added.isEmpty {
      lines += ["## Documents added", ""] + changes.added.map { "- \(Self.name($0))" } + [""]
    }
    if !changes.removed.isEmpty {
      lines += ["## Documents removed", ""] + changes.removed.map { "- \(Self.name($0))" } + [""]
    }
    for document in changes.changed {
      lines += ["## \(Self.name(document.new))", ""]
      if document.isRenamed {
        lines += ["Renamed: `\(document.old.path)` → `\(document.new.path)`", ""]
      }
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
    return ["### \(title)", ""]
      + changes.flatMap { change -> [String] in
        var lines = [Self.line(change)]
        if let old = change.oldQuote, let new = change.newQuote, old != new {
          lines.append("  - " + Self.inlineDiff(old, new))
        }
        return lines
      } + [""]
  }

  /// `old` turned into `new`, character by character: removed runs as `~~…~~`, added runs
  /// as `**…**` (longest common subsequence; quotes are a sentence long).
  static func inlineDiff(_ old: String, _ new: String) -> String {
    // The common ends are kept as they are; the middle is compared only while the table
    // stays small (quotes of old datasets could be whole pages).
    let prefix = zip(old, new).prefix { $0 == $1 }.count
    let suffix = zip(old.dropFirst(prefix).reversed(), new.dropFirst(prefix).reversed())
      .prefix { $0 == $1 }.count
    let a = Array(old.dropFirst(prefix).dropLast(suffix))
    let b = Array(new.dropFirst(prefix).dropLast(suffix))
    let head = String(old.prefix(prefix))
    let tail = String(old.suffix(suffix))
    if a.count * b.count > 250_000 {
      return head + (a.isEmpty ? "" : "~~\(String(a))~~") + (b.isEmpty ? "" : "**\(String(b))**")
        + tail
    }
    var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var result = ""
    var deleted = ""
    var inserted = ""
    func flush() {
      if !deleted.isEmpty { result += "~~\(deleted)~~" }
      if !inserted.isEmpty { result += "**\(inserted)**" }
      deleted = ""
      inserted = ""
    }
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        flush()
        result.append(a[i])
        i += 1
        j += 1
      } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
        inserted.append(b[j])
        j += 1
      } else {
        deleted.append(a[i])
        i += 1
      }
    }
    flush()
    return head + result + tail
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

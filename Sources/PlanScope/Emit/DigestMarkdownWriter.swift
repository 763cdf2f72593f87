/// Renders a weekly digest as Markdown: new plans with their targets and deadlines, changed
/// plans with their changes (as `planscope diff` shows them), plans removed, and deadlines
/// falling due.
public struct DigestMarkdownWriter: Sendable {
  /// Creates a writer.
  public init() {}

  /// The digest as Markdown with a final newline.
  public func write(_ digest: Digest) -> String {
    var lines = ["# planscope digest \(digest.since) – \(digest.today)", ""]
    lines.append(
      "\(digest.new.count) new, \(digest.changed.count) changed, \(digest.removed.count) removed; "
        + "\(digest.due.count) deadline(s) due by \(digest.horizon).")
    lines.append("")
    if !digest.new.isEmpty {
      lines += ["## New plans", ""]
      for record in digest.new { lines += plan(record) }
    }
    if !digest.changed.isEmpty {
      lines += ["## Changed plans", ""]
      let changes = ChangesMarkdownWriter()
      for (record, change) in digest.changed {
        lines += ["### \(Self.name(record))", ""]
        guard let change else {
          lines += ["Changed, no earlier record to compare.", ""]
          continue
        }
        for (title, facts) in [
          ("Metadata", change.metadata), ("Targets", change.targets),
          ("Departments", change.departments), ("Deadlines", change.deadlines),
        ] {
          lines += changes.section(title, facts).map { $0.hasPrefix("### ") ? "#" + $0 : $0 }
        }
      }
    }
    if !digest.removed.isEmpty {
      lines += ["## Removed plans", ""] + digest.removed.map { "- `\($0)`" } + [""]
    }
    if !digest.due.isEmpty {
      // The place tells apart plans of one title (各区 实施方案); cells never cut a code span.
      var table = MarkdownTable(headers: ["date", "place", "plan", "deadline", "task"])
      table.maxCellLength = 400
      table.rows = digest.due.map { record, deadline in
        [
          deadline.date ?? "", record.jurisdiction ?? "–", Self.name(record), deadline.text,
          deadline.path.joined(),
        ]
      }
      lines += ["## Deadlines due by \(digest.horizon)", ""] + table.render() + [""]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func plan(_ record: DocumentRecord) -> [String] {
    var lines = ["### \(Self.name(record))", ""]
    if !record.targets.isEmpty {
      var table = MarkdownTable(headers: ["indicator", "target", "year"])
      table.rows = record.targets.map {
        [$0.indicator, TargetFormatting.value($0), $0.targetYear.map(String.init) ?? "–"]
      }
      lines += table.render() + [""]
    }
    let dated = record.deadlines.filter { $0.date != nil }.sorted {
      ($0.date ?? "") < ($1.date ?? "")
    }
    if !dated.isEmpty {
      lines.append(
        "Deadlines: " + dated.map { "\($0.date ?? "") \($0.text)" }.joined(separator: "; "))
      lines.append("")
    }
    return lines
  }

  /// `title (`path`)`: the title on one line, cut to 60 characters, the path whole in a
  /// code span (a table cell escapes it once, in `MarkdownTable.line`; a cut inside a code
  /// span breaks the row).
  static func name(_ record: DocumentRecord) -> String {
    var title = String(
      (record.title ?? record.source.path).map { $0.isNewline || $0 == "\t" ? " " : $0 })
    if title.count > 60 { title = String(title.prefix(59)) + "…" }
    let fence = record.source.path.contains("`") ? "``" : "`"
    return "\(title) (\(fence)\(record.source.path)\(fence))"
  }
}

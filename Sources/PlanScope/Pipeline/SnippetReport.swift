import Foundation

/// The facts found in a snippet of text, for `planscope extract` ("why wasn't this found?").
public struct SnippetReport: Codable, Sendable, Hashable {
  /// A department with its role and the task it was assigned to.
  public struct Department: Codable, Sendable, Hashable {
    /// Path of the task.
    public var path: [String]
    /// The name as written with a distributed prefix restored.
    public var name: String
    /// The full official name where known.
    public var canonical: String?
    /// The role.
    public var role: Responsibility.Role
    /// The rule that assigned it (`ResponsibilityRule`).
    public var rule: String?
  }

  /// Targets found.
  public var targets: [Target]
  /// Deadlines found.
  public var deadlines: [Deadline]
  /// Departments found, per task.
  public var departments: [Department]
  /// Every number expression the number layer saw, target or not.
  public var quantities: [Quantity]
  /// Warnings.
  public var warnings: [Diagnostic]
}

extension Pipeline {
  /// Runs the pipeline on a snippet and reports every fact and number expression in it.
  public func report(snippet: String) -> SnippetReport {
    let source = SourceDocument(
      source: SourceInfo(
        path: "snippet", sha256: SHA256.hexDigest(Array(snippet.utf8)), format: .text),
      text: snippet)
    var diagnostics = Diagnostics()
    let run = run(source, preambleAsTask: true, diagnostics: &diagnostics)
    let departments = run.record.tasks.flatMap { task in
      task.departments.map {
        SnippetReport.Department(
          path: task.path, name: $0.name, canonical: $0.canonical, role: $0.role, rule: $0.rule)
      }
    }
    let quantities = quantityScanner.scan(run.outline.document.folded.scalars).map { quantity in
      var quoted = quantity
      quoted.text = run.outline.document.text[quantity.span]
      return quoted
    }
    return SnippetReport(
      targets: run.record.targets, deadlines: run.record.deadlines, departments: departments,
      quantities: quantities, warnings: run.record.warnings)
  }
}

import Foundation

/// The extractors, run in order over an outlined document to fill its record.
struct ExtractionStages: Sendable {
  private let options: ExtractionOptions

  init(options: ExtractionOptions, lexicons: URL?) throws {
    self.options = options
  }

  func extract(from outline: OutlinedDocument, diagnostics: inout Diagnostics) -> DocumentRecord {
    let document = outline.document
    let tasks = outline.sections.map { section in
      PlanTask(
        id: String(format: "t%03d", section.index + 1), path: section.path, title: section.title,
        departments: [], span: section.span)
    }
    return DocumentRecord(
      id: document.id, source: document.source, title: nil, script: document.script,
      tasks: tasks, warnings: diagnostics.items)
  }
}

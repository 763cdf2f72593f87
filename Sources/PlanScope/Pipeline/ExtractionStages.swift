import Foundation

/// The extractors, run in order over an outlined document to fill its record:
/// sentences → metadata → deadlines → targets (dated by the deadlines) → responsibilities.
package struct ExtractionStages: Sendable {
  private let splitter = SentenceSplitter()
  private let metadata: MetadataExtractor
  private let deadlines = DeadlineExtractor()
  private let targets: TargetExtractor
  private let responsibilities: ResponsibilityExtractor

  init(options: ExtractionOptions, lexicons: URL?) throws {
    let places = PlaceLexicon(try Lexicon.load(.placesChina, from: lexicons))
    let departments = try DepartmentLexicon.standard(lexicons: lexicons)
    metadata = MetadataExtractor(
      planWords: try Lexicon.load(.planTypes, from: lexicons).keys, places: places,
      bodySuffixes: departments.bodySuffixes,
      cues: MetadataCues(
        cues: try Lexicon.load(.metadataCues, from: lexicons),
        portalFields: try Lexicon.load(.portalFields, from: lexicons),
        placeAbbreviations: try Lexicon.load(.placeAbbreviations, from: lexicons)))
    targets = TargetExtractor(
      scanner: QuantityScanner(units: try UnitLexicon.load(from: lexicons)),
      cues: TargetCues(try Lexicon.load(.targetCues, from: lexicons)), places: places,
      options: options)
    responsibilities = ResponsibilityExtractor(lexicon: departments)
  }

  /// Extracts a record; with `preambleAsTask` (snippets) departments of the text before the
  /// first heading are reported on a task with an empty path.
  package func extract(
    from outline: OutlinedDocument, preambleAsTask: Bool = false, diagnostics: inout Diagnostics
  ) -> DocumentRecord {
    var budget = TimeBudget.unlimited
    return extract(
      from: outline, preambleAsTask: preambleAsTask, budget: &budget, diagnostics: &diagnostics)
  }

  /// Extracts a record within `budget`, checked after each extractor: once it is spent the
  /// rest is skipped and the (incomplete) record is returned for the caller to fail.
  func extract(
    from outline: OutlinedDocument, preambleAsTask: Bool = false, budget: inout TimeBudget,
    diagnostics: inout Diagnostics
  ) -> DocumentRecord {
    let document = outline.document
    let sentences = splitter.sentences(of: outline)
    let rocYears = Self.usesROCYears(document)
    let meta = metadata.extract(from: outline, rocYears: rocYears, diagnostics: &diagnostics)
    if budget.isSpent(after: "metadata") { return Self.empty(outline) }
    let deadlineContext = DeadlineContext(
      period: meta.period, rocYears: rocYears, defaultYear: meta.titleYear,
      issueYear: meta.issued.flatMap { Int($0.prefix(4)) })
    let foundDeadlines = deadlines.extract(
      from: sentences, context: deadlineContext, diagnostics: &diagnostics)
    if budget.isSpent(after: "deadlines") { return Self.empty(outline) }
    let foundTargets = targets.extract(
      from: sentences, document: document,
      context: TargetContext(period: meta.period, deadlines: foundDeadlines, rocYears: rocYears),
      diagnostics: &diagnostics)
    if budget.isSpent(after: "targets") { return Self.empty(outline) }
    let assigned = responsibilities.extract(
      from: outline, sentences: sentences, jurisdiction: meta.jurisdiction,
      includePreamble: preambleAsTask, diagnostics: &diagnostics)
    if budget.isSpent(after: "responsibilities") { return Self.empty(outline) }
    var tasks: [PlanTask] = []
    if preambleAsTask, let departments = assigned[ResponsibilityExtractor.preambleIndex] {
      tasks.append(
        PlanTask(id: "", path: [], title: "", departments: departments, span: outline.preamble))
    }
    tasks += outline.sections.map { section in
      PlanTask(
        id: "", path: section.path, title: section.title,
        departments: assigned[section.index] ?? [], span: section.span)
    }
    for (index, id) in zip(tasks.indices, FactID.tasks(tasks.map(\.path))) { tasks[index].id = id }
    return DocumentRecord(
      id: document.id, source: document.source, title: meta.title,
      jurisdiction: meta.jurisdiction, period: meta.period, docNumber: meta.docNumber,
      issued: meta.issued, issuers: meta.issuers, script: document.script, tasks: tasks,
      targets: foundTargets, deadlines: foundDeadlines, warnings: diagnostics.items)
  }

  /// The record of a document whose extraction was cut short (its facts are not kept).
  static func empty(_ outline: OutlinedDocument) -> DocumentRecord {
    let document = outline.document
    return DocumentRecord(
      id: document.id, source: document.source, title: nil, jurisdiction: nil, period: nil,
      docNumber: nil, issued: nil, issuers: [], script: document.script, tasks: [], targets: [],
      deadlines: [], warnings: [])
  }

  /// Taiwan's plans count years from 1912 (`109年` is 2020): a Traditional text whose years
  /// are mostly three digits.
  static func usesROCYears(_ document: Document) -> Bool {
    guard document.script != .simplified else { return false }
    let s = document.folded.scalars
    var roc = 0
    var western = 0
    var index = 0
    while index < s.count {
      if s[index] == "年" {
        var digits = 0
        var cursor = index - 1
        while cursor >= 0, s[cursor].value >= 0x30, s[cursor].value <= 0x39 {
          digits += 1
          cursor -= 1
        }
        if digits == 3 { roc += 1 } else if digits == 4 { western += 1 }
      }
      index += 1
    }
    return roc > western
  }
}

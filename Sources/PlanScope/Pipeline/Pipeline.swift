import Foundation

/// What the pipeline made of one document: the outline and the record.
public struct PipelineRun: Sendable {
  /// The normalized, outlined document (texts for `output/text/`).
  public var outline: OutlinedDocument
  /// The dataset record.
  public var record: DocumentRecord

  /// Pairs an outline with its record.
  package init(outline: OutlinedDocument, record: DocumentRecord) {
    self.outline = outline
    self.record = record
  }
}

/// The only place the stages meet: ingest → normalize → outline → extract.
///
/// Each stage maps one model type to the next; the pipeline wires them and turns the
/// diagnostics into the record's warnings. It reads files through `DocumentLoader` and writes
/// nothing (see `OutputDirectory`).
public struct Pipeline: Sendable {
  /// Seconds one document may take (`PipelineOptions.maxSecondsPerDocument`).
  public let maxSecondsPerDocument: Double?
  /// The planscope version written into cache fingerprints.
  public static let version = "0.1.0"

  /// Reads files.
  public let loader: DocumentLoader
  /// Identifies what extraction depends on (version and lexicons): cached records made under
  /// another fingerprint are not reused.
  public let fingerprint: String
  /// The normalize stage (internal: `BenchSuite` times each stage on its own).
  package let normalizer: Normalizer
  /// The outline stage.
  package let outliner: Outliner
  /// The extraction stages.
  package let extraction: ExtractionStages
  /// The number layer, for reports of every number expression.
  let quantityScanner: QuantityScanner

  /// Creates a pipeline from its stages.
  init(
    loader: DocumentLoader, normalizer: Normalizer, outliner: Outliner,
    extraction: ExtractionStages, quantityScanner: QuantityScanner, fingerprint: String,
    maxSecondsPerDocument: Double? = PipelineOptions().maxSecondsPerDocument
  ) {
    self.fingerprint = fingerprint
    self.maxSecondsPerDocument = maxSecondsPerDocument
    self.quantityScanner = quantityScanner
    self.loader = loader
    self.normalizer = normalizer
    self.outliner = outliner
    self.extraction = extraction
  }

  /// The standard pipeline with bundled lexicons, or those in `lexicons` when given.
  /// - Throws: `LexiconError` when a lexicon is missing or malformed.
  public static func standard(
    options: PipelineOptions = PipelineOptions(), lexicons: URL? = nil
  ) throws -> Pipeline {
    let converter = try ScriptConverter.standard(lexicons: lexicons)
    return Pipeline(
      loader: DocumentLoader(limits: options.limits),
      normalizer: Normalizer(
        converter: converter, mixedScriptThreshold: options.mixedScriptThreshold),
      outliner: Outliner(options: options.extraction),
      extraction: try ExtractionStages(options: options.extraction, lexicons: lexicons),
      quantityScanner: QuantityScanner(units: try UnitLexicon.load(from: lexicons)),
      fingerprint: SHA256.hexDigest(
        Array("planscope \(version) \(buildIdentity()) \(Lexicon.fingerprint(of: lexicons))".utf8)),
      maxSecondsPerDocument: options.maxSecondsPerDocument)
  }

  /// Identifies the running build (size and modification time of the executable), so records
  /// cached by an older build of the same version are not reused after a rebuild.
  static func buildIdentity() -> String {
    guard let url = Bundle.main.executableURL,
      let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
    else { return "unknown-build" }
    let size = (attributes[.size] as? Int) ?? 0
    let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    return "\(size)-\(Int(modified))"
  }

  /// Loads one file.
  /// - Throws: `IngestError`.
  public func load(_ url: URL, as path: String) throws -> SourceDocument {
    try loader.load(url, as: path)
  }

  /// Runs normalization, outlining and extraction on one source document; with
  /// `preambleAsTask` (snippets) departments before the first heading are kept on a task
  /// with an empty path.
  public func run(
    _ source: SourceDocument, preambleAsTask: Bool = false, diagnostics: inout Diagnostics
  )
    -> PipelineRun
  {
    var budget = TimeBudget.unlimited
    return run(source, preambleAsTask: preambleAsTask, budget: &budget, diagnostics: &diagnostics)
  }

  /// Runs the stages within `budget`: once it is spent the remaining stages are not run,
  /// `budget.exceededStage` names the last one that ran, and the record is incomplete (the
  /// caller fails the document).
  public func run(
    _ source: SourceDocument, preambleAsTask: Bool = false, budget: inout TimeBudget,
    diagnostics: inout Diagnostics
  ) -> PipelineRun {
    let document = normalizer.normalize(source, diagnostics: &diagnostics)
    let outline = outliner.outline(document, diagnostics: &diagnostics)
    let record =
      budget.isSpent(after: "normalize and outline")
      ? ExtractionStages.empty(outline)
      : extraction.extract(
        from: outline, preambleAsTask: preambleAsTask, budget: &budget,
        diagnostics: &diagnostics)
    return PipelineRun(outline: outline, record: record)
  }
}

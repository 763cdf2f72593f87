/// Every switch and threshold of a pipeline run, with its defaults.
public struct PipelineOptions: Sendable, Hashable {
  /// Ingestion limits.
  public var limits = IngestLimits()
  /// Extraction options.
  public var extraction = ExtractionOptions()
  /// Share of the minority script below which a document counts as one script (default 5 %).
  public var mixedScriptThreshold = 0.05

  /// The defaults.
  public init() {}
}

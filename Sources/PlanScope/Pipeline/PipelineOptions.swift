/// Every switch and threshold of a pipeline run, with its defaults.
public struct PipelineOptions: Sendable, Hashable {
  /// Ingestion limits.
  public var limits = IngestLimits()
  /// Extraction options.
  public var extraction = ExtractionOptions()
  /// Share of the minority script below which a document counts as one script (default 5 %).
  public var mixedScriptThreshold = 0.05
  /// Seconds one document may take from reading to its record (default 120; nil: no limit).
  /// Plans take well under a second; a 64 MB text about ten.
  public var maxSecondsPerDocument: Double? = 120

  /// The defaults.
  public init() {}
}

/// Limits that keep ingestion safe on hostile input. Hitting one is a per-file error.
///
/// All thresholds of the pipeline have their defaults here, in one file.
public struct IngestLimits: Sendable, Hashable {
  /// Largest input file read, in bytes (default 512 MiB: a DOCX may carry hundreds of MB of
  /// images around little text).
  public var maxInputBytes: Int = 512 << 20
  /// Largest text one document may yield, in UTF-8 bytes, whatever its format (default 64 MiB).
  /// A run holds 13–16 times the text of a large plan in memory (a 20 MB plan peaked at 313 MB,
  /// a 60 MB one at 758 MB), so this keeps one document under 0.9 GB; plans run to a few MB.
  public var maxTextBytes: Int = 64 << 20
  /// Largest inflated size of one zip entry, counted while inflating (default 128 MiB: a
  /// zip bomb is refused with the process under 256 MB, while a 20 MB-text DOCX still fits).
  public var maxEntryBytes: Int = 128 << 20
  /// Most entries a zip archive may have (default 10 000).
  public var maxZipEntries: Int = 10_000
  /// Deepest XML element nesting accepted (default 256, libxml2's own limit).
  public var maxXMLDepth: Int = 256

  /// The defaults.
  public init() {}
}

/// Switches and thresholds of the extraction stages.
public struct ExtractionOptions: Sendable, Hashable {
  /// Longest indicator kept before a number, in characters (default 40).
  public var maxIndicatorLength: Int = 40
  /// Longest sentence handed to the extractors, in scalars (default 1,000): a longer run
  /// without a terminator is cut, which keeps extraction linear in a document's length.
  public var maxSentenceLength: Int = 1_000
  /// Longest title kept for a task, in characters (default 80).
  public var maxTitleLength: Int = 80
  /// A document of at least this many characters without any outline heading is reported
  /// (`unknown_structure`; default 200: a headline and a paragraph).
  public var minimumOutlinedLength: Int = 200

  /// The defaults.
  public init() {}
}

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

/// What a run may publish (`--allow-shrink`, `--max-shrink`).
public struct PublishPolicy: Sendable, Hashable {
  /// Publish whatever the run found, even nothing.
  public var allowShrink = false
  /// Largest share of the published documents a run may drop (default 0.5): a weekly run
  /// that loses half the plans has lost a folder, not retired plans.
  public var maxShrink = 0.5

  /// The defaults.
  public init() {}
}

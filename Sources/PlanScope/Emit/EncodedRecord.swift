/// A record already serialized for the outputs: its `dataset.json` element, its state-cache
/// JSON and its CSV lines. Workers encode records in parallel so the one thread that writes
/// the outputs only copies bytes (encoding on that thread made it the bottleneck of a run).
public struct EncodedRecord: Sendable, Hashable {
  /// Pretty JSON, lines after the first indented 4 more spaces (an element of `documents`).
  public var datasetJSON: String
  /// Compact JSON (a JSON line's record).
  public var stateJSON: String
  /// The compact JSON as the state database keeps it (zlib), compressed by the worker when
  /// the run keeps a state (nil otherwise: JSON lines and shards have no use for it).
  public var stateRecord: [UInt8]?
  /// The record's lines of each CSV export, in `CSVWriter.fileNames` order.
  public var csvLines: [String]
}

/// Encodes records the same way on every thread; each thread keeps its own (the JSON encoders
/// reuse their buffers).
public final class RecordEncoder {
  private let csv: CSVWriter
  private let pretty = DatasetCoding.encoder(pretty: true)
  private let compact = DatasetCoding.encoder(pretty: false)
  private let compressesState: Bool

  /// Creates an encoder; `groups` fills the CSV exports' `indicator_family` and `function`,
  /// `compressesState` whether records get their state form (`stateRecord`).
  public init(groups: ComparisonLexicon? = nil, compressesState: Bool = true) {
    csv = CSVWriter(groups: groups)
    self.compressesState = compressesState
  }

  /// The record's compact JSON alone (the state database's form).
  /// - Throws: `EncodingError`.
  public func stateJSON(_ record: DocumentRecord) throws -> String {
    try compact.encode(record)
  }

  /// The record's element of `dataset.json` alone (a copy's, once the writer knows it is one).
  /// - Throws: `EncodingError`.
  public func datasetJSON(_ record: DocumentRecord) throws -> String {
    try pretty.encode(record, indent: 4)
  }

  /// The record's serialized forms (both JSON forms from one encoding).
  /// - Throws: `EncodingError` (non-finite numbers).
  public func encode(_ record: DocumentRecord) throws -> EncodedRecord {
    let json = try pretty.encodeBoth(record, indent: 4)
    return EncodedRecord(
      datasetJSON: json.pretty, stateJSON: json.compact, stateRecord: compressesState ? Zlib.compress(json.compact) : nil,
      csvLines: csv.lines(record))
  }
}

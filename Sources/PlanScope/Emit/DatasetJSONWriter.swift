/// Renders a dataset as deterministic JSON (`policy-dataset/1`): sorted keys, pretty-printed,
/// records sorted by path, no timestamps. Returns text; `OutputDirectory` writes it.
public struct DatasetJSONWriter: Sendable {
  /// Creates a writer.
  public init() {}

  /// The dataset as JSON text with a final newline.
  /// - Throws: `EncodingError` only for non-finite numbers, which the extractors never produce.
  public func write(_ dataset: Dataset) throws -> String {
    try DatasetCoding.encoder().encode(dataset) + "\n"
  }
}

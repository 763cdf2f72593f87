import Foundation

/// The one place where Swift names meet the dataset's snake_case JSON keys.
public enum DatasetCoding {
  /// A deterministic encoder: sorted keys, pretty-printed, snake_case keys, no escaped slashes.
  public static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return encoder
  }

  /// The matching decoder.
  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return decoder
  }
}

import Foundation

/// The one place where Swift names meet the dataset's snake_case JSON keys.
public enum DatasetCoding {
  /// The encoder of every JSON output: sorted keys, snake_case keys, no escaped slashes,
  /// pretty-printed or compact (see `CanonicalJSONEncoder`).
  public static func encoder(pretty: Bool = true) -> CanonicalJSONEncoder {
    CanonicalJSONEncoder(pretty: pretty)
  }

  /// The matching decoder.
  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return decoder
  }

  /// A member name as written in JSON, converted as `JSONEncoder`'s `.convertToSnakeCase`
  /// converts it: a word starts at each capital, a run of capitals is a word of its own, and
  /// words are lowercased and joined with `_` (`docNumber` → `doc_number`, `sourceURLPath` →
  /// `source_url_path`).
  public static func snakeCase(_ name: String) -> String {
    guard !name.isEmpty else { return name }
    // The same steps as Foundation's `JSONEncoder.KeyEncodingStrategy._convertToSnakeCase`.
    var words: [Range<String.Index>] = []
    var wordStart = name.startIndex
    var searchRange = name.index(after: wordStart)..<name.endIndex
    while let upper = name.rangeOfCharacter(from: .uppercaseLetters, range: searchRange) {
      words.append(wordStart..<upper.lowerBound)
      searchRange = upper.lowerBound..<searchRange.upperBound
      guard let lower = name.rangeOfCharacter(from: .lowercaseLetters, range: searchRange) else {
        wordStart = searchRange.lowerBound
        break
      }
      let afterCapital = name.index(after: upper.lowerBound)
      if lower.lowerBound == afterCapital {
        // A capital followed by a lowercase letter starts the next word.
        wordStart = upper.lowerBound
      } else {
        // A run of capitals is a word up to the capital before the lowercase letter.
        let beforeLower = name.index(before: lower.lowerBound)
        words.append(upper.lowerBound..<beforeLower)
        wordStart = beforeLower
      }
      searchRange = lower.upperBound..<searchRange.upperBound
    }
    words.append(wordStart..<searchRange.upperBound)
    return words.map { name[$0].lowercased() }.joined(separator: "_")
  }
}

import Foundation

/// Converts Traditional Chinese to Simplified with OpenCC's t2s semantics and data.
///
/// OpenCC's t2s segments text by forward maximum matching over TSPhrases and converts each
/// phrase whole; elsewhere it maps character by character through TSCharacters (first
/// alternative). Every entry of both dictionaries keeps its length in Unicode scalars, so the
/// output has exactly as many scalars as the input and one span cuts both texts.
/// `例如：「發展和改革委員會」` → `例如：「发展和改革委员会」`.
public struct ScriptConverter: Sendable {
  /// Character map for the BMP: index = Traditional scalar, value = Simplified scalar, 0 = none.
  private let bmpMap: [UInt32]
  /// Character map beyond the BMP.
  private let astralMap: [UInt32: UInt32]
  /// The phrases' keys in a trie; `phraseValues[i]` converts key `i`.
  private let phraseTrie: ScalarTrie
  private let phraseValues: [[UInt32]]
  /// For the BMP: whether some phrase starts with the scalar (most scalars skip the lookup).
  private let phraseStarts: [Bool]
  /// Scalars that only occur in Simplified text.
  private let simplifiedOnly: Set<UInt32>
  /// For the BMP, what `script(of:)` counts a scalar as: `traditionalClass`, `simplifiedClass`
  /// or 0 (either script); one load per scalar instead of a map and a hash lookup.
  private let bmpClass: [UInt8]
  private static let traditionalClass: UInt8 = 1
  private static let simplifiedClass: UInt8 = 2

  /// Builds the converter from the `t2s_phrases` and `t2s_characters` lexicons; `s2t_characters`
  /// tells which characters only exist in Simplified (for `script(of:)`).
  /// - Throws: `LexiconError.malformedRow` when an entry changes length.
  public init(
    phrases phraseLexicon: Lexicon, characters characterLexicon: Lexicon,
    simplifiedToTraditional: Lexicon
  ) throws {
    var bmpMap = [UInt32](repeating: 0, count: 0x10000)
    var astralMap: [UInt32: UInt32] = [:]
    for (line, row) in characterLexicon.rows.enumerated() {
      let (key, value) = try Self.entry(row, lexicon: characterLexicon, line: line)
      guard key.count == 1 else {
        throw LexiconError.malformedRow(
          name: characterLexicon.name.rawValue, line: line + 1, reason: "key is not one character")
      }
      if key[0] < 0x10000 { bmpMap[Int(key[0])] = value[0] } else { astralMap[key[0]] = value[0] }
    }
    var keys: [[Unicode.Scalar]] = []
    var values: [[UInt32]] = []
    var phraseStarts = [Bool](repeating: false, count: 0x10000)
    for (line, row) in phraseLexicon.rows.enumerated() {
      let (key, value) = try Self.entry(row, lexicon: phraseLexicon, line: line)
      keys.append(key.compactMap(Unicode.Scalar.init))
      values.append(value)
      if key[0] < 0x10000 { phraseStarts[Int(key[0])] = true }
    }
    self.bmpMap = bmpMap
    self.astralMap = astralMap
    phraseTrie = ScalarTrie(keys)
    phraseValues = values
    self.phraseStarts = phraseStarts
    // A Simplified-only character is one whose Traditional alternatives do not include itself
    // (发 → 發 髮), unlike 制 (→ 制 製), which Traditional text uses too.
    var simplifiedOnly = Set<UInt32>()
    for row in simplifiedToTraditional.rows where row.count >= 2 {
      let alternatives = row[1].split(separator: " ").map(String.init)
      if let scalar = row[0].unicodeScalars.first, row[0].unicodeScalars.count == 1,
        !alternatives.contains(row[0])
      {
        simplifiedOnly.insert(scalar.value)
      }
    }
    self.simplifiedOnly = simplifiedOnly
    var bmpClass = [UInt8](repeating: 0, count: 0x10000)
    for value in 0..<UInt32(0x10000) {
      let mapped = bmpMap[Int(value)]
      if mapped != 0 && mapped != value {
        bmpClass[Int(value)] = Self.traditionalClass
      } else if simplifiedOnly.contains(value) {
        bmpClass[Int(value)] = Self.simplifiedClass
      }
    }
    self.bmpClass = bmpClass
  }

  /// Loads the bundled (or overridden) OpenCC dictionaries.
  /// - Throws: `LexiconError`.
  public static func standard(lexicons directory: URL? = nil) throws -> ScriptConverter {
    try ScriptConverter(
      phrases: Lexicon.load(.t2sPhrases, from: directory),
      characters: Lexicon.load(.t2sCharacters, from: directory),
      simplifiedToTraditional: Lexicon.load(.s2tCharacters, from: directory))
  }

  /// Converts scalars; the result has the same count.
  public func convert(_ input: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var output = input
    let count = input.count
    // Flat tables and unchecked buffers: this loop runs once per scalar of every plan.
    bmpMap.withUnsafeBufferPointer { map in
      phraseStarts.withUnsafeBufferPointer { starts in
        input.withUnsafeBufferPointer { source in
          output.withUnsafeMutableBufferPointer { target in
            var index = 0
            while index < count {
              let value = source[index].value
              let isBMP = value < 0x10000
              if isBMP ? starts[Int(value)] : true,
                let (length, phrase) = phraseTrie.longestWord(in: source, from: index)
              {
                for (offset, scalar) in phraseValues[phrase].enumerated() {
                  target[index + offset] = Unicode.Scalar(scalar) ?? source[index + offset]
                }
                index += length
                continue
              }
              let mapped = isBMP ? map[Int(value)] : (astralMap[value] ?? 0)
              if mapped != 0, let scalar = Unicode.Scalar(mapped) { target[index] = scalar }
              index += 1
            }
          }
        }
      }
    }
    return output
  }

  /// Converts a string.
  public func convert(_ string: String) -> String {
    ScalarText(convert(ScalarText.scalars(of: string))).string
  }

  /// Classifies the script of `scalars` by counting Traditional-only and Simplified-only
  /// characters; a minority share below `mixedThreshold` is treated as incidental.
  public func script(of scalars: [Unicode.Scalar], mixedThreshold: Double) -> Script {
    var traditionalCount = 0
    var simplifiedCount = 0
    bmpClass.withUnsafeBufferPointer { classes in
      for scalar in scalars where scalar.value >= 0x3400 {
        let value = scalar.value
        let kind: UInt8
        if value < 0x10000 {
          kind = classes[Int(value)]
        } else if let mapped = astralMap[value], mapped != value {
          kind = Self.traditionalClass
        } else {
          kind = simplifiedOnly.contains(value) ? Self.simplifiedClass : 0
        }
        if kind == Self.traditionalClass {
          traditionalCount += 1
        } else if kind == Self.simplifiedClass {
          simplifiedCount += 1
        }
      }
    }
    let total = traditionalCount + simplifiedCount
    if traditionalCount == 0 || total == 0 { return .simplified }
    let minority = Double(min(traditionalCount, simplifiedCount)) / Double(total)
    if minority < mixedThreshold {
      return traditionalCount > simplifiedCount ? .traditional : .simplified
    }
    return .mixed
  }

  private static func entry(_ row: [String], lexicon: Lexicon, line: Int) throws -> (
    [UInt32], [UInt32]
  ) {
    guard row.count >= 2 else {
      throw LexiconError.malformedRow(
        name: lexicon.name.rawValue, line: line + 1, reason: "expected key and value")
    }
    let key = row[0].unicodeScalars.map(\.value)
    let firstAlternative = row[1].split(separator: " ").first.map(String.init) ?? row[1]
    let value = firstAlternative.unicodeScalars.map(\.value)
    guard !key.isEmpty, key.count == value.count else {
      throw LexiconError.malformedRow(
        name: lexicon.name.rawValue, line: line + 1,
        reason: "conversion must keep the length in Unicode scalars")
    }
    return (key, value)
  }
}

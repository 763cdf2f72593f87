/// Removes converter and web debris from extracted text, keeping everything else.
///
/// - `[bookmark: _Toc6143]`: markers a generic DOCX→text converter leaves before headings.
/// - Pinyin glosses that web copies put after a character: `發(fā)改委` → `發改委`
///   (a parenthesized lowercase Latin syllable carrying a tone mark, right after a CJK character).
public struct DebrisRemover: Sendable {
  private let bookmarkOpen: [Unicode.Scalar] = Array("[bookmark:".unicodeScalars)
  private let toneMarked: Set<Unicode.Scalar> = Set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".unicodeScalars)
  /// Longest pinyin syllable accepted in a gloss (`zhuāng` is 6).
  private let maxSyllableLength = 6

  /// Creates a remover.
  public init() {}

  /// Returns `scalars` without debris.
  public func clean(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var output: [Unicode.Scalar] = []
    output.reserveCapacity(scalars.count)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "[", let end = bookmarkEnd(scalars, from: index) {
        index = end
        continue
      }
      if scalar == "(" || scalar == "（", let last = output.last, CJK.isIdeograph(last),
        let end = pinyinGlossEnd(scalars, from: index)
      {
        index = end
        continue
      }
      output.append(scalar)
      index += 1
    }
    return output
  }

  /// End (exclusive) of a `[bookmark: …]` marker starting at `start`, if one does.
  private func bookmarkEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
    guard start + bookmarkOpen.count < scalars.count else { return nil }
    for offset in 0..<bookmarkOpen.count where scalars[start + offset] != bookmarkOpen[offset] {
      return nil
    }
    var index = start + bookmarkOpen.count
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "]" { return index + 1 }
      if scalar == "\n" || scalar == "[" { return nil }
      index += 1
    }
    return nil
  }

  /// End (exclusive) of a pinyin gloss `(fā)` starting at `start`, if one does.
  private func pinyinGlossEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
    var index = start + 1
    var hasToneMark = false
    var length = 0
    while index < scalars.count, length <= maxSyllableLength {
      let scalar = scalars[index]
      if scalar == ")" || scalar == "）" {
        return hasToneMark && length > 0 ? index + 1 : nil
      }
      if toneMarked.contains(scalar) {
        hasToneMark = true
      } else if !(scalar.value >= 0x61 && scalar.value <= 0x7A) && scalar != "ü" {
        return nil
      }
      length += 1
      index += 1
    }
    return nil
  }
}

/// Character classes used by normalization and the outliner.
enum CJK {
  /// CJK unified ideographs (BMP blocks, extension A and the supplementary planes).
  static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
      || (0xF900...0xFAFF).contains(value) || (0x20000...0x3FFFF).contains(value)
  }
}

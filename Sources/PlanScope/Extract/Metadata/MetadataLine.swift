/// A trimmed line of a document, as the metadata reader sees it: the width-folded text to
/// match and the Simplified text to quote, same length. A line whose characters are spaced
/// apart (a PDF transcription: `青 海 省 人 民 政 府`) is read with those spaces removed.
struct MetadataLine: Sendable {
  /// Folded text, for matching.
  var text: String
  /// Simplified text at the same scalar offsets, for quoting.
  var quote: String
  /// Where the line is in the document (spaces removed inside are still covered).
  var span: SourceSpan

  /// The quote of `range` (scalar offsets into `text`).
  func quote(_ range: Range<Int>) -> String {
    let scalars = Array(quote.unicodeScalars)
    let lower = max(0, min(range.lowerBound, scalars.count))
    let upper = max(lower, min(range.upperBound, scalars.count))
    return ScalarText.string(scalars[lower..<upper])
  }

  /// The trimmed, non-empty lines of `span`.
  static func lines(of document: Document, in span: SourceSpan) -> [MetadataLine] {
    var result: [MetadataLine] = []
    let folded = document.folded.scalars
    let simplified = document.text.scalars
    var start = max(0, span.start)
    let end = min(span.end, folded.count)
    while start < end {
      var stop = start
      while stop < end, folded[stop] != "\n" { stop += 1 }
      var lower = start
      var upper = stop
      while lower < upper, isSpace(folded[lower]) { lower += 1 }
      while upper > lower, isSpace(folded[upper - 1]) { upper -= 1 }
      if lower < upper {
        var keep = Array(lower..<upper)
        if isSpacedOut(folded[lower..<upper]) {
          keep = keep.filter { !isSpace(folded[$0]) || isASCIIPair(folded, around: $0) }
        }
        var text = String.UnicodeScalarView()
        var quote = String.UnicodeScalarView()
        for index in keep {
          text.append(folded[index])
          quote.append(simplified[index])
        }
        result.append(
          MetadataLine(
            text: String(text), quote: String(quote), span: SourceSpan(start: lower, end: upper)))
      }
      start = stop + 1
    }
    return result
  }

  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\u{3000}" || scalar == "\u{00A0}"
  }

  /// `青 海 省 人 民 政 府`: at least ten characters, most of them followed by one space.
  private static func isSpacedOut(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
    guard line.count >= 20 else { return false }
    var spaced = 0
    var index = line.startIndex
    while index + 1 < line.endIndex {
      if !isSpace(line[index]) && isSpace(line[index + 1]) { spaced += 1 }
      index += 1
    }
    return spaced * 5 >= line.count * 2
  }

  /// A space between two ASCII letters or digits (`9 years`) stays.
  private static func isASCIIPair(_ scalars: [Unicode.Scalar], around index: Int) -> Bool {
    guard index > 0, index + 1 < scalars.count else { return false }
    let isWord: (Unicode.Scalar) -> Bool = {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
    }
    return isWord(scalars[index - 1]) && isWord(scalars[index + 1])
  }
}

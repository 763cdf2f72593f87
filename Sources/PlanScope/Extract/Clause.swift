/// A sentence of a plan with the task it sits in: the unit every extractor reads.
///
/// `scalars` is the width-folded Simplified sentence (for matching); `span` locates it in
/// the normalized text, so a match at scalar offset `i` of `scalars` is at `span.start + i`
/// there.
public struct Sentence: Sendable, Hashable {
  /// Path of the innermost task holding the sentence (empty in the preamble).
  public var path: [String]
  /// Index of that task's section, if any.
  public var sectionIndex: Int?
  /// The folded sentence as scalars, terminator included.
  public var scalars: [Unicode.Scalar]
  /// Where the sentence is in the normalized text.
  public var span: SourceSpan
  /// Whether the sentence opens its line (paragraph).
  public var startsLine: Bool
  /// Offset where the sentence's own words start: past a numbering label (`一、`) that opens it.
  public var contentStart: Int = 0

  /// The span of scalars `range` of this sentence, in document offsets.
  public func documentSpan(_ range: Range<Int>) -> SourceSpan {
    SourceSpan(start: span.start + range.lowerBound, end: span.start + range.upperBound)
  }

  /// The folded sentence as a `String`, built on each use: the extractors match on
  /// `scalars`, and building a `String` for each of a plan's sentences up front cost a
  /// twentieth of an extraction.
  public var text: String { ScalarText.string(scalars[...]) }
}

/// Splits an outlined document into sentences, each tagged with its task.
///
/// Sentences end at 。！？；, `!?;` and line breaks; a terminator inside （…） or 《…》 does not
/// end a sentence, so a parenthetical assignment stays with the text it closes.
///
/// No sentence is longer than `maxSentenceLength` scalars: a longer run without a terminator
/// (a table flattened into one line, a megabyte of `达到85%以上`) is cut after its last comma
/// or 、 in the second half of the window, else at the limit. The extractors' cost per
/// sentence grows faster than its length, so this bound keeps a document's extraction linear
/// in its length; real sentences stay far below it.
public struct SentenceSplitter: Sendable {
  /// Longest sentence handed to the extractors by default (`ExtractionOptions`).
  public static let defaultMaxSentenceLength = ExtractionOptions().maxSentenceLength
  /// This splitter's bound.
  public let maxSentenceLength: Int

  /// Creates a splitter.
  public init(maxSentenceLength: Int = SentenceSplitter.defaultMaxSentenceLength) {
    self.maxSentenceLength = max(16, maxSentenceLength)
  }

  /// Every sentence of the document, in order.
  public func sentences(of outline: OutlinedDocument) -> [Sentence] {
    let folded = outline.document.folded.scalars
    var result: [Sentence] = []
    var segments: [(path: [String], index: Int?, span: SourceSpan, label: Int)] = [
      ([], nil, outline.preamble, 0)
    ]
    for section in outline.sections {
      segments.append((section.path, section.index, section.body, section.labelLength))
    }
    for segment in segments where segment.span.length > 0 {
      var start = segment.span.start
      var depth = 0
      var index = start
      var softBreak = start
      while index < segment.span.end {
        let scalar = folded[index]
        if index - start >= maxSentenceLength {
          // Too long: cut after the last comma of the window's second half, else here.
          let end = softBreak > start + maxSentenceLength / 2 ? softBreak : index
          append(
            &result, folded: folded, path: segment.path, sectionIndex: segment.index,
            range: start..<end, label: start == segment.span.start ? segment.label : 0)
          start = end
          softBreak = start
          depth = 0
          continue
        }
        // Han and everything else above 】 (U+3011) neither nests nor ends a sentence.
        if scalar.value > 0x3011 && index + 1 != segment.span.end {
          index += 1
          continue
        }
        if scalar == "," || scalar == "、" { softBreak = index + 1 }
        switch scalar {
        case "(", "《", "【", "[": depth += 1
        case ")", "》", "】", "]": depth = max(0, depth - 1)
        default: break
        }
        let isBreak = scalar == "\n"
        let isEnd = depth == 0 && (scalar == "。" || scalar == "!" || scalar == "?" || scalar == ";")
        if isBreak || isEnd || index + 1 == segment.span.end {
          let end = isBreak ? index : index + 1
          if isBreak { depth = 0 }
          append(
            &result, folded: folded, path: segment.path, sectionIndex: segment.index,
            range: start..<end, label: start == segment.span.start ? segment.label : 0)
          start = index + 1
        }
        index += 1
      }
    }
    return result
  }

  private func append(
    _ result: inout [Sentence], folded: [Unicode.Scalar], path: [String], sectionIndex: Int?,
    range: Range<Int>, label: Int
  ) {
    var lower = range.lowerBound
    while lower < range.upperBound, folded[lower] == " " || folded[lower] == "\t" { lower += 1 }
    guard lower < range.upperBound else { return }
    let slice = folded[lower..<range.upperBound]
    let startsLine = range.lowerBound == 0 || folded[range.lowerBound - 1] == "\n"
    result.append(
      Sentence(
        path: path, sectionIndex: sectionIndex, scalars: Array(slice),
        span: SourceSpan(start: lower, end: range.upperBound),
        startsLine: startsLine, contentStart: max(0, range.lowerBound + label - lower)))
  }
}

/// A regular expression matched over Unicode scalars, for the extractors' named patterns.
///
/// Written in the usual syntax (`(?<year>\d{4})年(?:底|末)?`; see `ScalarPatternParser` for the
/// subset), compiled once, and matched by a backtracking machine over a scalar buffer with the
/// same leftmost-first results as Swift `Regex`, but counting and slicing in scalars (the
/// dataset's offsets) and without grapheme breaking: Swift `Regex` spent most of an extraction's
/// time stepping through characters. Positions where no match can start are skipped with a
/// bitmap of the scalars a match can begin with.
///
/// Patterns are constants: a syntax error stops the program when the pattern is created, which
/// every test run does.
struct ScalarPattern: Sendable {
  /// The pattern as written.
  let source: String
  private let program: PatternProgram
  private let names: [String: Int]
  private let first: ScalarBitmap?
  private let anchoredAtStart: Bool

  /// Compiles `source`.
  init(_ source: String) {
    var parser = ScalarPatternParser(source)
    let node: PatternNode
    do {
      node = try parser.parse()
    } catch {
      preconditionFailure("\(error)")
    }
    self.source = source
    program = PatternProgram(node, captureCount: parser.captureCount)
    names = parser.names
    first = program.firstScalars().map(ScalarBitmap.init)
    anchoredAtStart = program.isAnchoredAtStart
  }

  /// The names of the pattern's groups, sorted.
  var groupNames: [String] { names.keys.sorted() }

  // MARK: - Matching scalars

  /// Every non-overlapping match in `scalars[range]`, left to right.
  func matches(in scalars: [Unicode.Scalar], range: Range<Int>? = nil) -> [PatternMatch] {
    var found: [PatternMatch] = []
    search(scalars, range: range) { match in
      found.append(match)
      return true
    }
    return found
  }

  /// The leftmost match in `scalars[range]`.
  func firstMatch(in scalars: [Unicode.Scalar], range: Range<Int>? = nil) -> PatternMatch? {
    var found: PatternMatch?
    search(scalars, range: range) { match in
      found = match
      return false
    }
    return found
  }

  /// Whether the pattern matches somewhere in `scalars[range]`.
  func contains(in scalars: [Unicode.Scalar], range: Range<Int>? = nil) -> Bool {
    firstMatch(in: scalars, range: range) != nil
  }

  /// A match of all of `scalars[range]`.
  func wholeMatch(in scalars: [Unicode.Scalar], range: Range<Int>? = nil) -> PatternMatch? {
    let bounds = range ?? 0..<scalars.count
    return scalars.withUnsafeBufferPointer { text in
      var machine = Backtracker(program: program, text: text, bounds: bounds)
      guard machine.run(0, at: bounds.lowerBound, toEnd: true) else { return nil }
      return PatternMatch(scalars: scalars, slots: machine.slots, names: names)
    }
  }

  // MARK: - Matching strings

  /// Every non-overlapping match in `text`, left to right (offsets in scalars of `text`).
  func matches(in text: String) -> [PatternMatch] { matches(in: ScalarText.scalars(of: text)) }

  /// The leftmost match in `text`.
  func firstMatch(in text: String) -> PatternMatch? { firstMatch(in: ScalarText.scalars(of: text)) }

  /// Whether the pattern matches somewhere in `text`.
  func contains(in text: String) -> Bool { firstMatch(in: text) != nil }

  /// A match of all of `text`.
  func wholeMatch(in text: String) -> PatternMatch? { wholeMatch(in: ScalarText.scalars(of: text)) }

  /// `text` with every match replaced by `replacement`.
  func replacingMatches(in text: String, with replacement: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var result = String.UnicodeScalarView()
    var copied = 0
    for match in matches(in: scalars) {
      result.append(contentsOf: scalars[copied..<match.range.lowerBound])
      result.append(contentsOf: replacement.unicodeScalars)
      copied = match.range.upperBound
    }
    result.append(contentsOf: scalars[copied...])
    return String(result)
  }

  // MARK: - Search

  /// Calls `body` with each match from left to right until it returns false.
  private func search(
    _ scalars: [Unicode.Scalar], range: Range<Int>?, body: (PatternMatch) -> Bool
  ) {
    let bounds = range ?? 0..<scalars.count
    scalars.withUnsafeBufferPointer { text in
      var machine = Backtracker(program: program, text: text, bounds: bounds)
      var position = bounds.lowerBound
      while position <= bounds.upperBound {
        if let first {
          while position < bounds.upperBound, !first.contains(text[position].value) {
            position += 1
          }
          if position == bounds.upperBound { return }
        }
        if machine.run(0, at: position, toEnd: false) {
          let match = PatternMatch(scalars: scalars, slots: machine.slots, names: names)
          guard body(match) else { return }
          position = max(match.range.upperBound, position + (match.range.isEmpty ? 1 : 0))
        } else {
          position += 1
        }
        if anchoredAtStart { return }
      }
    }
  }
}

/// One match of a `ScalarPattern`: its range and named captures, in scalar offsets.
struct PatternMatch {
  /// The text that was searched.
  let scalars: [Unicode.Scalar]
  /// Capture bounds, two per group (-1 when the group took no part).
  fileprivate let slots: [Int]
  fileprivate let names: [String: Int]

  /// The range of the whole match.
  var range: Range<Int> { slots[0]..<slots[1] }

  /// The matched text.
  var text: String { ScalarText.string(scalars[range]) }

  /// The range of the named group, nil when it took no part in the match.
  func range(_ name: String) -> Range<Int>? {
    guard let group = names[name], slots[2 * group] >= 0, slots[2 * group + 1] >= 0 else {
      return nil
    }
    return slots[2 * group]..<slots[2 * group + 1]
  }

  /// The text of the named group, nil when it took no part in the match.
  subscript(_ name: String) -> String? {
    range(name).map { ScalarText.string(scalars[$0]) }
  }

  /// The named group read as a decimal number of ASCII digits (like `Int(String)`), nil when
  /// it took no part, holds anything else or overflows.
  func int(_ name: String) -> Int? {
    guard let range = range(name), !range.isEmpty else { return nil }
    var value = 0
    for scalar in scalars[range] {
      guard scalar.value >= 0x30, scalar.value <= 0x39 else { return nil }
      let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, carry) = shifted.addingReportingOverflow(Int(scalar.value - 0x30))
      guard !overflow, !carry else { return nil }
      value = sum
    }
    return value
  }
}


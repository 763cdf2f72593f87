/// The cue words of `target_cues.tsv`, looked up around a target's number.
public struct TargetCues: Sendable {
  /// What a cue word says.
  public enum Kind: String, Sendable, CaseIterable {
    case increase, decrease, maintain, level, action, subject, stretch, past, incentive, vague,
      category, measure, pastPeriod, part, partLead, parameter, projection, goalNoun, buildVerb,
      partUnit, review
  }

  /// A set of kinds as bits, written like an array: `[.increase, .decrease]`.
  struct Kinds: Sendable, ExpressibleByArrayLiteral {
    fileprivate let bits: UInt32
    init(arrayLiteral kinds: Kind...) { bits = kinds.reduce(0) { $0 | Self.bit($1) } }
    fileprivate static func bit(_ kind: Kind) -> UInt32 {
      1 << UInt32(Kind.allCases.firstIndex(of: kind) ?? 0)
    }
  }

  /// Cue phrases by kind, longest first.
  let phrases: [(phrase: [Unicode.Scalar], kind: Kind)]
  /// Each phrase's kind, for whole-word lookups (`isWord`).
  private let kindOfPhrase: [String: Kind]
  /// The phrases in a trie, and each phrase's kind as a bit.
  private let trie: ScalarTrie
  private let kindBits: [UInt32]

  /// Builds the cues from the lexicon.
  public init(_ lexicon: Lexicon) {
    phrases = lexicon.rows.compactMap { row in
      guard row.count > 1, let kind = Kind(rawValue: row[1]) else { return nil }
      return (Array(row[0].unicodeScalars), kind)
    }.sorted { $0.phrase.count > $1.phrase.count }
    trie = ScalarTrie(phrases.map(\.phrase))
    var kindOfPhrase: [String: Kind] = [:]
    for (phrase, kind) in phrases { kindOfPhrase[ScalarText.string(phrase[...])] = kind }
    self.kindOfPhrase = kindOfPhrase
    kindBits = phrases.map { Kinds.bit($0.kind) }
  }

  /// Whether `word` as a whole is a cue of one of `kinds` (`目标` is a goal noun).
  func isWord(_ word: String, of kinds: Kinds) -> Bool {
    guard let kind = kindOfPhrase[word] else { return false }
    return kinds.bits & Kinds.bit(kind) != 0
  }

  /// Whether `text` contains a cue of one of `kinds`.
  func occurs(in text: String, kinds: Kinds) -> Bool {
    let scalars = Array(text.unicodeScalars)
    return occurs(in: scalars[...], kinds: kinds)
  }

  /// The longest cue starting at `index` of `s`, if any, among `kinds` (of equal cues, the
  /// lexicon's first).
  func match(_ s: ArraySlice<Unicode.Scalar>, at index: Int, kinds: Kinds) -> (
    length: Int, kind: Kind
  )? {
    var best: (length: Int, kind: Kind)?
    trie.forEachWord(in: s, from: index) { length, word in
      if kindBits[word] & kinds.bits != 0, length > best?.length ?? 0 {
        best = (length, phrases[word].kind)
      }
      return true
    }
    return best
  }

  /// Whether any cue of `kinds` occurs in `s`.
  func occurs(in s: ArraySlice<Unicode.Scalar>, kinds: Kinds) -> Bool {
    s.indices.contains { match(s, at: $0, kinds: kinds) != nil }
  }

  /// The verb that governs a number: a change, level or action cue ending right before it
  /// (after trailing fillers such as 分别, 均), else one opening the words (新增…, 创建…).
  /// A cue in the middle (增加值, 占比, 新建建筑) belongs to the indicator's noun.
  func governingCue(in s: ArraySlice<Unicode.Scalar>, trailing fillers: [String]) -> (
    range: Range<Int>, kind: Kind
  )? {
    let kinds: Kinds = [.increase, .decrease, .maintain, .level, .action]
    var end = s.endIndex
    var trimmed = true
    while trimmed {
      trimmed = false
      for filler in fillers {
        let scalars = Array(filler.unicodeScalars)
        if end - s.startIndex > scalars.count, s[(end - scalars.count)..<end].elementsEqual(scalars)
        {
          end -= scalars.count
          trimmed = true
        }
      }
    }
    for start in max(s.startIndex, end - 6)..<end {
      if let (length, kind) = match(s, at: start, kinds: kinds), start + length == end {
        return (start..<end, kind)
      }
    }
    if s.startIndex < s.endIndex, let (length, kind) = match(s, at: s.startIndex, kinds: kinds) {
      return (s.startIndex..<(s.startIndex + length), kind)
    }
    return nil
  }

  /// Whether an increase word stands inside an indicator (城镇新增就业), not as part of a
  /// measure (增加值).
  func hasIncreaseInside(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
    s.indices.contains { match(s, at: $0, kinds: [.increase, .measure])?.kind == .increase }
  }

  /// Where the measure of an indicator starts (排放总量 in 氮氧化物排放总量), at offset ≥ 1.
  func measureStart(in text: String) -> Int? {
    let scalars = Array(text.unicodeScalars)
    for index in 1..<max(1, scalars.count)
    where match(scalars[...], at: index, kinds: [.measure]) != nil {
      return index
    }
    return nil
  }

  /// Whether an indicator names what is measured (率, 总量, 面积 …).
  func hasMeasure(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    return scalars.indices.contains { match(scalars[...], at: $0, kinds: [.measure]) != nil }
  }
}

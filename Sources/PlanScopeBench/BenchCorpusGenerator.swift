import PlanScope
/// One generated plan: its bytes (UTF-8, LF line ends) and its script.
public struct GeneratedPlan: Sendable, Hashable {
  /// The file's bytes.
  public var bytes: [UInt8]
  /// Whether the plan was converted to Traditional characters.
  public var traditional: Bool
}

/// Makes benchmark plans from the seed plans, deterministically: the same seed plans, lexicon
/// and `seed` give the same bytes on every machine.
///
/// Takes the seed plans in Simplified characters and cuts them into lines (paragraphs); a plan
/// is the title block of one seed, an id line (`（基准样本第42号）`) that makes every file's
/// bytes unique, then runs of 5–40 consecutive lines from random seeds until it reaches a size
/// drawn from the requested range. About half the plans are converted to Traditional with the
/// project's `s2t_characters` lexicon (first alternative: 发 → 發), so t2s has real work.
/// Plan `i` depends only on `i` (each has its own random stream), so a corpus of `n` plans is
/// a prefix of a corpus of `m > n`. Does not read or write files.
public struct BenchCorpusGenerator: Sendable {
  /// The seed used when none is given (the ASCII bytes of “planscop”).
  public static let defaultSeed: UInt64 = 0x706C_616E_7363_6F70
  /// Lines of each seed plan, Simplified, UTF-8, without line ends.
  private let simplifiedLines: [[[UInt8]]]
  /// The same lines in Traditional characters.
  private let traditionalLines: [[[UInt8]]]
  /// Simplified scalar → Traditional scalar (first alternative).
  private let toTraditional: [UInt32: UInt32]
  private let seed: UInt64

  /// Creates a generator.
  /// - Parameters:
  ///   - seedPlans: the seed plans' texts, already in Simplified characters.
  ///   - simplifiedToTraditional: the `s2t_characters` lexicon.
  ///   - seed: fixes every random choice.
  /// - Throws: `BenchError.noSeedPlans` when no seed plan has a non-empty line.
  public init(seedPlans: [String], simplifiedToTraditional: Lexicon, seed: UInt64 = defaultSeed)
    throws
  {
    var map: [UInt32: UInt32] = [:]
    for row in simplifiedToTraditional.rows where row.count >= 2 {
      let key = Array(row[0].unicodeScalars)
      let first = row[1].split(separator: " ").first.map { Array($0.unicodeScalars) } ?? []
      if key.count == 1, first.count == 1 { map[key[0].value] = first[0].value }
    }
    toTraditional = map
    self.seed = seed
    let lines = seedPlans.map { plan in
      plan.split(separator: "\n").map(String.init).filter {
        !$0.allSatisfy(\.isWhitespace)
      }
    }.filter { !$0.isEmpty }
    guard !lines.isEmpty else { throw BenchError.noSeedPlans }
    simplifiedLines = lines.map { $0.map { Array($0.utf8) } }
    traditionalLines = lines.map { $0.map { Array(Self.convert($0, map).utf8) } }
  }

  /// Plan number `index`, of a size in `bytes`, in a script drawn at random (or `traditional`
  /// when given). The size is at least `bytes.lowerBound` and at most `bytes.upperBound` as
  /// long as the range is wider than the longest seed line.
  public func plan(_ index: Int, bytes size: ClosedRange<Int>, traditional forced: Bool? = nil)
    -> GeneratedPlan
  {
    var random = SplitMix64(
      seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
    let coin = random.next() & 1 == 1
    let traditional = forced ?? coin
    let target = random.next(in: size)
    let pool = traditional ? traditionalLines : simplifiedLines
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(target + 4096, size.upperBound))
    func append(_ line: [UInt8]) {
      bytes += line
      bytes.append(0x0A)
    }
    let home = pool[random.next(in: 0...(pool.count - 1))]
    for line in home.prefix(3) { append(line) }
    append(Array(idLine(index, traditional: traditional).utf8))
    filling: while bytes.count < target {
      let lines = pool[random.next(in: 0...(pool.count - 1))]
      let start = random.next(in: 0...(lines.count - 1))
      let run = random.next(in: 5...40)
      for offset in 0..<run where bytes.count < target {
        let line = lines[(start + offset) % lines.count]
        // Stop rather than overshoot the upper bound: every line ends where the seed's did.
        guard bytes.count + line.count + 1 <= size.upperBound else { break filling }
        append(line)
      }
    }
    return GeneratedPlan(bytes: bytes, traditional: traditional)
  }

  /// One very large plan of at least `bytes` bytes: ordinary plans (`numbering` picks their
  /// indices, disjoint from the many-files corpus) concatenated, all in one script.
  public func largePlan(_ number: Int, bytes: Int, plans shape: ClosedRange<Int>) -> GeneratedPlan {
    let traditional = number % 2 == 1
    var out: [UInt8] = []
    out.reserveCapacity(bytes + shape.upperBound)
    var part = 0
    while out.count < bytes {
      out +=
        plan(Self.largeBase + number * Self.stride + part, bytes: shape, traditional: traditional)
        .bytes
      part += 1
    }
    return GeneratedPlan(bytes: out, traditional: traditional)
  }

  /// CommonMark for a Word file holding at least `textBytes` bytes of plan text: one paragraph
  /// per line, every ASCII punctuation character backslash-escaped and leading blanks dropped,
  /// so `pandoc -f commonmark` reads it literally (no lists, links, code or emphasis).
  public func docxMarkdown(textBytes: Int, plans shape: ClosedRange<Int>) -> String {
    var markdown = ""
    var text = 0
    var part = 0
    while text < textBytes {
      let plan = plan(Self.docxBase + part, bytes: shape)
      text += plan.bytes.count
      for line in String(decoding: plan.bytes, as: UTF8.self).split(separator: "\n") {
        let kept = line.drop { $0 == " " || $0 == "\t" }
        guard !kept.isEmpty else { continue }
        markdown += Self.escapedCommonMark(kept) + "\n\n"
      }
      part += 1
    }
    return markdown
  }

  /// `3. 到2025年*` → `3\. 到2025年\*`: CommonMark allows a backslash before any ASCII
  /// punctuation and then takes the character literally.
  static func escapedCommonMark(_ line: Substring) -> String {
    var out = String.UnicodeScalarView()
    for scalar in line.unicodeScalars {
      if Self.asciiPunctuation.contains(scalar) { out.append("\\") }
      out.append(scalar)
    }
    return String(out)
  }

  /// The characters CommonMark lets a backslash escape.
  private static let asciiPunctuation = Set(
    ##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##.unicodeScalars)

  /// `（基准样本第42号）` (“benchmark sample no. 42”), in the plan's script.
  private func idLine(_ index: Int, traditional: Bool) -> String {
    let line = "（基准样本第\(index)号）"
    return traditional ? Self.convert(line, toTraditional) : line
  }

  private static func convert(_ text: String, _ map: [UInt32: UInt32]) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      out.append(map[scalar.value].flatMap(Unicode.Scalar.init) ?? scalar)
    }
    return String(out)
  }

  /// First plan index of the large plans, far from the many-files corpus.
  static let largeBase = 1_000_000_000
  /// First plan index of the DOCX text.
  static let docxBase = 2_000_000_000
  /// Plan indices reserved for each large plan.
  static let stride = 1_000_000
}

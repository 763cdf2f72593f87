import Foundation
import Testing

@testable import PlanScope

/// A pattern, a text and the matches expected: `range` and named groups as `name=text`.
struct PatternCase: Sendable, CustomTestStringConvertible {
  var pattern: String
  var text: String
  var matches: [String]
  var testDescription: String { "\(pattern) on \(text)" }
}

/// The engine's own semantics, case by case (each row shows a rule Swift `Regex` follows too).
let patternCases: [PatternCase] = [
  // Leftmost-first alternation, not longest.
  PatternCase(pattern: "截至|截至到", text: "截至到2025年", matches: ["0..<2"]),
  // Greedy and lazy counted repetition.
  PatternCase(pattern: "(?<a>\\d{2,3})", text: "12345", matches: ["0..<3 a=123", "3..<5 a=45"]),
  PatternCase(pattern: "(?<a>\\d{2,3}?)", text: "12345", matches: ["0..<2 a=12", "2..<4 a=34"]),
  // A lazy anchor grows only as far as the rest needs (名单公布后1个月内).
  PatternCase(
    pattern: "(?:(?<anchor>[^,，。\\s]{1,12}?)后)?(?<n>\\d+)个?月内", text: "名单公布后1个月内",
    matches: ["0..<9 anchor=名单公布 n=1"]),
  // Optional groups that take no part report nothing.
  PatternCase(
    pattern: "(?<y>\\d{4})年(?<end>底)?", text: "2025年、2026年底",
    matches: ["0..<5 y=2025", "6..<12 end=底 y=2026"]),
  // Anchors refer to the searched text; a whole match backtracks to reach the end.
  PatternCase(pattern: "^(?<n>[\\p{Han}]{2,4}?(?:县|市))", text: "长兴县人民政府", matches: ["0..<3 n=长兴县"]),
  PatternCase(pattern: "(?:发布|印发)$", text: "市政府印发", matches: ["3..<5"]),
  PatternCase(pattern: "^a$", text: "ba", matches: []),
  // Lookaheads do not consume.
  PatternCase(pattern: "年度(?=计划|报告)", text: "年度计划和年度工作", matches: ["0..<2"]),
  PatternCase(pattern: "前(?!后)", text: "前后，年前", matches: ["4..<5"]),
  // Classes: negation, ranges, escapes, `\s`, `.` (not a line break).
  PatternCase(pattern: "[^》]{2}", text: "ab》c", matches: ["0..<2"]),
  PatternCase(pattern: "[A-Za-z\\[]+", text: "x[Y1", matches: ["0..<3"]),
  PatternCase(pattern: "a\\s*b", text: "a \t b", matches: ["0..<5"]),
  PatternCase(pattern: "a.b", text: "a\nb a-b", matches: ["4..<7"]),
  PatternCase(pattern: "[-/.]", text: "2023/5.1", matches: ["4..<5", "6..<7"]),
  // Escaped punctuation and astral Han.
  PatternCase(pattern: "\\((?<u>[^()]{1,12})\\)$", text: "覆盖率(%)", matches: ["3..<6 u=%"]),
  PatternCase(pattern: "\\p{Han}+", text: "a𠀋中b", matches: ["1..<3"]),
  // Swift `Regex` semantics kept: `\d` is any numeric character, `\p{Han}` any scalar whose
  // script extensions include Han (so 、 and 《 too).
  PatternCase(pattern: "\\d+年", text: "二〇二五年", matches: ["0..<5"]),
  PatternCase(pattern: "\\p{Han}+", text: "市、区,县", matches: ["0..<3", "4..<5"]),
]

@Test(arguments: patternCases)
func scalarPatternMatches(_ row: PatternCase) {
  let pattern = ScalarPattern(row.pattern)
  let found = pattern.matches(in: row.text).map { match in
    ([String(describing: match.range)]
      + pattern.groupNames.compactMap { name in match[name].map { "\(name)=\($0)" } })
      .joined(separator: " ")
  }
  #expect(found == row.matches)
}

@Test func scalarPatternWholeMatchAndReplace() throws {
  let date = ScalarPattern(#"^(?<y>\d{4})年(?<m>\d{1,2})月$"#)
  let match = try #require(date.wholeMatch(in: "2023年12月"))
  #expect(match.int("y") == 2023)
  #expect(match.int("m") == 12)
  #expect(date.wholeMatch(in: "2023年12月底") == nil)
  let draft = ScalarPattern(#"\((?:送审稿|征求意见稿)\)"#)
  #expect(draft.replacingMatches(in: "方案(送审稿)(征求意见稿)x", with: "") == "方案x")
  // Digits beyond Int or not ASCII (`\d` also takes ٣ and 二) read as nil, like `Int(String)`.
  let digits = ScalarPattern(#"(?<n>\d+)"#)
  #expect(digits.firstMatch(in: "99999999999999999999")?.int("n") == nil)
  #expect(digits.firstMatch(in: "٣")?.int("n") == nil)
}

/// Every named pattern of every extractor gives the same matches and groups as Swift `Regex`
/// on each line of the golden inputs and case tables (the engine replaced `Regex` there).
@Test func scalarPatternsAgreeWithSwiftRegex() throws {
  let patterns: [ScalarPattern] = [
    Mirror(reflecting: DeadlinePatterns()), Mirror(reflecting: TargetPatterns()),
    Mirror(reflecting: MetadataPatterns()), Mirror(reflecting: ResponsibilityPatterns()),
  ].flatMap { $0.children.compactMap { $0.value as? ScalarPattern } }
  #expect(patterns.count >= 30)
  let lines = try differentialLines()
  #expect(lines.count > 1_000)
  for pattern in patterns {
    let regex = try Regex<AnyRegexOutput>(pattern.source)
    for line in lines {
      let expected: [[String]] = line.matches(of: regex).map { match in
        [describe(match.range, in: line)]
          + pattern.groupNames.map { name in
            match.output[name]?.range.map { describe($0, in: line) } ?? "-"
          }
      }
      let scalars = Array(line.unicodeScalars)
      let actual: [[String]] = pattern.matches(in: scalars).map { match in
        [String(describing: match.range)]
          + pattern.groupNames.map { match.range($0).map { String(describing: $0) } ?? "-" }
      }
      #expect(actual == expected, "\(pattern.source) on \(line)")
    }
  }
}

/// The deadline extractor's gate before `relative` (a unit then 内 or 以内) lets through every
/// line the pattern matches, and turns away lines with 内 but no such pair.
@Test func relativeLimitGateKeepsEveryMatch() throws {
  let relative = DeadlinePatterns().relative
  var gated = 0
  for line in try differentialLines() {
    let scalars = Array(line.unicodeScalars)
    let passes = DeadlineExtractor.mayHoldLimit(scalars)
    if !relative.matches(in: scalars).isEmpty { #expect(passes, "\(line)") }
    if !passes && line.contains("内") { gated += 1 }
  }
  #expect(gated > 10)
  #expect(!DeadlineExtractor.mayHoldLimit(Array("加强区内和国内的内容建设".unicodeScalars)))
  #expect(DeadlineExtractor.mayHoldLimit(Array("30个工作日以内".unicodeScalars)))
}

private func describe(_ range: Range<String.Index>, in line: String) -> String {
  let view = line.unicodeScalars
  let lower = view.distance(from: view.startIndex, to: range.lowerBound)
  return String(describing: lower..<(lower + view.distance(from: range.lowerBound, to: range.upperBound)))
}

/// Lines of every golden text input, raw and normalized (folded Simplified, as extractors see
/// them), and the inputs of the extractor case tables.
private func differentialLines() throws -> [String] {
  var texts: [String] = []
  for golden in try GoldenCase.all() {
    for input in try golden.inputs() where input.url.pathExtension == "txt" {
      if let text = try? String(contentsOf: input.url, encoding: .utf8) {
        texts.append(text)
        texts.append(try Shared.outline(text).document.folded.string)
      }
    }
  }
  for table in ["deadlines", "targets", "metadata", "responsibilities"] {
    let data = try Data(contentsOf: FixturePaths.url("Cases/\(table).json"))
    let rows = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    texts += rows.compactMap { $0["input"] as? String }
  }
  return Array(Set(texts.flatMap { $0.split(separator: "\n").map(String.init) })).sorted()
}

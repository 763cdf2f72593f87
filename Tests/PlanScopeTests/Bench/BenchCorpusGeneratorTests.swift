import Foundation
import Testing

@testable import PlanScope
@testable import PlanScopeBench

/// The generator over the repository's seed plans (read like the benchmark reads them).
private func generator(seed: UInt64 = BenchCorpusGenerator.defaultSeed) throws
  -> BenchCorpusGenerator
{
  let converter = try Shared.converter()
  let loader = DocumentLoader()
  let seeds = try Corpus(root: FixturePaths.repository.appendingPathComponent("corpus")).files()
    .map { converter.convert(try loader.load($0.url, as: $0.path).text) }
  return try BenchCorpusGenerator(
    seedPlans: seeds, simplifiedToTraditional: try Lexicon.load(.s2tCharacters), seed: seed)
}

@Test func splitMixMatchesTheReferenceStream() {
  // SplitMix64 seeded with 0: the first outputs of the reference implementation.
  var random = SplitMix64(seed: 0)
  #expect(random.next() == 0xE220_A839_7B1D_CDAF)
  #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
}

@Test func generatorIsDeterministic() throws {
  let first = try generator()
  let second = try generator()
  for index in [0, 1, 42, 4_999] {
    #expect(first.plan(index, bytes: 5_000...50_000) == second.plan(index, bytes: 5_000...50_000))
  }
  #expect(
    first.largePlan(1, bytes: 200_000, plans: 5_000...50_000)
      == second.largePlan(1, bytes: 200_000, plans: 5_000...50_000))
  #expect(
    first.docxMarkdown(textBytes: 60_000, plans: 5_000...50_000)
      == second.docxMarkdown(textBytes: 60_000, plans: 5_000...50_000))
  let other = try generator(seed: 1)
  #expect(other.plan(0, bytes: 5_000...50_000) != first.plan(0, bytes: 5_000...50_000))
}

@Test func generatorHitsRequestedSizesAndMixesScripts() throws {
  let generator = try generator()
  let plans = (0..<200).map { generator.plan($0, bytes: 5_000...50_000) }
  for plan in plans {
    #expect((5_000...50_000).contains(plan.bytes.count))
    #expect(String(validating: plan.bytes, as: UTF8.self) != nil)
  }
  #expect(Set(plans.map(\.bytes)).count == plans.count, "every file's bytes are unique")
  let traditional = plans.filter(\.traditional)
  #expect((70...130).contains(traditional.count), "about half Traditional")
  let text = traditional.map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
  #expect(text.contains("發展"))
  #expect(!text.contains("发展"))
  let script = try Shared.converter()
  let sample = String(decoding: traditional[0].bytes, as: UTF8.self)
  #expect(script.script(of: Array(sample.unicodeScalars), mixedThreshold: 0.05) == .traditional)
}

@Test func largePlansAndDocxTextReachTheirSize() throws {
  let generator = try generator()
  let large = generator.largePlan(0, bytes: 300_000, plans: 5_000...50_000)
  #expect(large.bytes.count >= 300_000 && large.bytes.count <= 350_000)
  #expect(!large.traditional)
  #expect(generator.largePlan(1, bytes: 10_000, plans: 5_000...50_000).traditional)
  let markdown = generator.docxMarkdown(textBytes: 100_000, plans: 5_000...50_000)
  #expect(markdown.utf8.count >= 100_000)
  #expect(!markdown.contains("\n\n\n"))
}

@Test(arguments: [
  ("1. 到2025年*", #"1\. 到2025年\*"#),
  ("[bookmark: _GoBack]推行", #"\[bookmark\: \_GoBack\]推行"#),
  ("<b>A&B</b> `x` #1 ~", ##"\<b\>A\&B\<\/b\> \`x\` \#1 \~"##),
  ("（一）总体要求", "（一）总体要求"),
])
func commonMarkEscapesEveryASCIIPunctuation(_ line: String, _ expected: String) {
  #expect(BenchCorpusGenerator.escapedCommonMark(Substring(line)) == expected)
}

import Foundation
import Testing

@testable import PlanScope

@Test(arguments: try Case<String, String>.table("t2s"))
func convertsLikeOpenCCT2S(_ row: Case<String, String>) throws {
  let converter = try Shared.converter()
  let output = converter.convert(row.input)
  #expect(output == row.expected)
  // Offsets survive: same number of scalars, so one span cuts both texts.
  #expect(output.unicodeScalars.count == row.input.unicodeScalars.count)
  // Converting again changes nothing.
  #expect(converter.convert(output) == output)
}

@Test func traditionalSeedMatchesOpenCCOutput() throws {
  // Golden/seed-dongguan/opencc.txt is `opencc -c t2s` (OpenCC 1.1.6) applied to the cleaned
  // original text of the Traditional seed plan.
  let pipeline = try Shared.pipeline()
  let url = FixturePaths.repository.appendingPathComponent("corpus/003_b9e0d298701c9523.txt")
  var diagnostics = Diagnostics()
  let run = pipeline.run(try pipeline.load(url, as: "003.txt"), diagnostics: &diagnostics)
  let expected = try FixturePaths.text("Golden/seed-dongguan/opencc.txt")
  #expect(run.outline.document.text.string == expected)
  #expect(run.outline.document.original.count == run.outline.document.text.count)
  #expect(run.outline.document.script == .traditional)
}

@Test(arguments: [
  ("天津市清洁生产推行工作方案", Script.simplified),
  ("東莞市全面推行清潔生產若干措施", Script.traditional),
  ("东莞市发展和改革局印發《東莞市清潔生產措施》，推进清洁生产", Script.mixed),
  ("2023-2025", Script.simplified),
])
func classifiesScript(_ text: String, _ expected: Script) throws {
  let converter = try Shared.converter()
  #expect(converter.script(of: Array(text.unicodeScalars), mixedThreshold: 0.05) == expected)
}

@Test func everyBundledLexiconIsSortedUniqueAndHeaded() throws {
  for name in LexiconName.allCases {
    let lexicon = try Lexicon.load(name)
    #expect(!lexicon.rows.isEmpty, "\(name) is empty")
    for field in ["# format:", "# source:", "# license:"] {
      #expect(lexicon.header.contains { $0.hasPrefix(field) }, "\(name) lacks \(field)")
    }
    let keys = lexicon.rows.map { $0[0] }
    let sortedUnique = zip(keys, keys.dropFirst()).allSatisfy {
      $0.0.utf8.lexicographicallyPrecedes($0.1.utf8)
    }
    #expect(sortedUnique, "\(name) must be sorted by key without duplicates")
  }
}

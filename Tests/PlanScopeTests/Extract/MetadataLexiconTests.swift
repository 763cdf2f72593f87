import Testing

@testable import PlanScope

/// The lookups the metadata reader's rules stand on: places, document-number prefixes, cues.
@Suite struct MetadataLexiconTests {
  let places: PlaceLexicon
  let cues: MetadataCues

  init() throws {
    places = PlaceLexicon(try Lexicon.load(.placesChina))
    cues = MetadataCues(
      cues: try Lexicon.load(.metadataCues), portalFields: try Lexicon.load(.portalFields),
      placeAbbreviations: try Lexicon.load(.placeAbbreviations))
  }

  @Test func prefecturesKnowTheirProvince() {
    #expect(places.province(of: "杭州") == "浙江省")
    #expect(places.province(of: "中卫市") == "宁夏回族自治区")
    #expect(places.province(of: "浙江") == nil)
    #expect(places.isProvince("云南"))
    #expect(!places.isProvince("昆明"))
  }

  @Test func shortNamesEndingInZhouReadAsCitiesOrProvinces() {
    #expect(places.jurisdiction(startingIn: "湖州加快建设") == "湖州市")
    #expect(places.jurisdiction(startingIn: "贵州将构建") == "贵州省")
    #expect(places.jurisdiction(startingIn: "临夏州推进") == "临夏州")
  }

  @Test func documentNumberPrefixesNameAPlace() {
    #expect(cues.jurisdiction(ofDocumentNumber: "渝发改规范〔2022〕8号") == "重庆市")
    #expect(cues.jurisdiction(ofDocumentNumber: "浙政办发〔2022〕23号") == "浙江省")
    #expect(cues.jurisdiction(ofDocumentNumber: "国办发〔2021〕1号") == "全国")
    // Prefecture codes that share a province's character are left out.
    #expect(cues.jurisdiction(ofDocumentNumber: "宁政发〔2023〕1号") == nil)
  }

  @Test func portalLabelsIgnoreSpaces() {
    #expect(cues.portalField("文 号") == .docNumber)
    #expect(cues.portalField("发布机构") == .issuer)
    #expect(cues.portalField("生成日期") == .generated)
    #expect(cues.portalField("成文日期") == .signed)
  }

  @Test func cueKindsAreLookedUp() {
    #expect(cues.is("送审稿", .draft))
    #expect(cues.is("征求意见稿", .qualifier))
    #expect(cues.suffix(of: "晋城生活网", .media) != nil)
    #expect(cues.prefix(of: "中共甲省委", .partyPrefix) == "中共")
  }
}

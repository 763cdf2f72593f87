// MARK: - Jurisdiction

extension MetadataExtractor {
  /// How far into a document the place mentions are counted (a lead, a notice, a headline).
  static let mentionWindow = 3000

  /// The jurisdiction, by the first source that names one: the title (narrowed by an issuer in
  /// it: 甲市 → 甲市乙区), an issuer (`中共甲省委` → 甲省; `国务院办公厅` → 全国), a place in the
  /// title's parentheses (`…试验区（甲省）…`), the document number's issuer code (`渝发改` →
  /// 重庆市), national addressees (`各省、自治区、直辖市` → 全国), else the place the opening text
  /// names most often.
  func jurisdiction(
    title: String?, issuers: [String], docNumber: String?, document: Document,
    lead: [MetadataLine]
  ) -> String? {
    let issuerPlaces = issuers.compactMap { jurisdiction(of: withoutPartyPrefix($0)) }
    if let title, let place = jurisdiction(of: withoutPartyPrefix(title)) {
      // 甲市 in the title, 甲市乙区人民政府 signing: the district is the narrower place.
      return issuerPlaces.first { $0.hasPrefix(place) && $0.count > place.count } ?? place
    }
    if let place = issuerPlaces.first { return place }
    if let title, let place = parenthesizedPlace(in: title) { return place }
    if issuers.contains(where: isNationalBody) { return "全国" }
    if let docNumber, let place = cues.jurisdiction(ofDocumentNumber: docNumber) { return place }
    let national = cues.words(.national)
    if lead.prefix(8).contains(where: { line in national.contains { line.text.includes($0) } }) {
      return "全国"
    }
    return mostMentionedPlace(in: document)
  }

  /// The jurisdiction a name starts with: a listed place, extended by the district or county
  /// that follows it (杭州市余杭区), else a county or county-level city (长兴县, 义乌市).
  func jurisdiction(of title: String) -> String? {
    if let key = places.longestPlace(prefixOf: title),
      let official = places.jurisdiction(startingIn: title)
    {
      let rest = String(
        title.dropFirst(key.count).drop { "市省".contains($0) && official.hasSuffix(String($0)) })
      // 杭州市余杭区: a district or county after its city (not 银川市节水型城市).
      if let local = localDivision(of: rest), !local.hasSuffix("市") {
        return official + local
      }
      return official
    }
    return localDivision(of: title)
  }

  /// A place a title names in parentheses: `国家…试验区（甲省）建设工作方案` → 甲省.
  private func parenthesizedPlace(in title: String) -> String? {
    let folded = title.replacing("（", with: "(").replacing("）", with: ")")
    for match in patterns.parenthesizedPlace.matches(in: folded) {
      guard let name = match["name"] else { continue }
      if places.longestPlace(prefixOf: name) == name || localDivision(of: name) == name {
        return jurisdiction(of: name)
      }
    }
    return nil
  }

  /// The place named most often in the opening text, ties to the earliest. A place right
  /// before a media word (`甲省日报`, `乙市生活网`) names a paper or site and one inside a cited
  /// name (`《甲省…规划》`) names another document: neither is counted;
  /// a prefecture counts only if it is once written with its suffix (`甲市`) or named twice, so
  /// that a word which merely contains a city's short name does not vote. A text that speaks
  /// of 我省/全省 and never of 我市/全市 is provincial: a winning city gives its province.
  func mostMentionedPlace(in document: Document) -> String? {
    let scalars = document.folded.scalars
    let end = min(scalars.count, Self.mentionWindow)
    var counts: [String: (count: Int, first: Int, eligible: Bool, key: String?)] = [:]
    var index = 0
    var quoted = 0
    while index < end {
      // 《甲省…规划》, 「乙市…路径」: a cited name does not make the text local.
      if "《「『«".unicodeScalars.contains(scalars[index]) { quoted += 1 }
      if "》」』»".unicodeScalars.contains(scalars[index]) { quoted = max(0, quoted - 1) }
      guard quoted == 0, let length = places.longestPlaceLength(prefixOf: scalars[index..<end])
      else {
        index += 1
        continue
      }
      let key = ScalarText.string(scalars[index..<(index + length)])
      if !isMediaName(scalars, after: index + length, end: end),
        let official = places.jurisdiction(startingIn: key)
      {
        let suffixed =
          places.isProvince(key) || "市州盟".unicodeScalars.contains { key.unicodeScalars.last == $0 }
        let seen = counts[official] ?? (0, index, false, nil)
        counts[official] = (seen.count + 1, seen.first, seen.eligible || suffixed, seen.key ?? key)
      }
      index += length
    }
    guard
      let winner = counts.filter({ $0.value.eligible || $0.value.count >= 2 })
        .min(by: { ($1.value.count, $0.value.first) < ($0.value.count, $1.value.first) })
    else { return nil }
    // 我省, 全省 and no 我市, 全市: a provincial text that names one of its cities.
    let text = ScalarText.string(scalars[..<end])
    let provincial = cues.words(.provinceCue).reduce(0) { $0 + text.occurrences(of: $1) }
    let municipal = cues.words(.cityCue).reduce(0) { $0 + text.occurrences(of: $1) }
    if provincial > 0, municipal == 0, let key = winner.value.key,
      let province = places.province(of: key)
    {
      return province
    }
    return winner.key
  }

  /// Whether the Han run after a place (up to four characters) ends with a media word.
  private func isMediaName(_ scalars: [Unicode.Scalar], after start: Int, end: Int) -> Bool {
    var stop = start
    while stop < end, stop - start < 4, scalars[stop].properties.isIdeographic { stop += 1 }
    guard stop > start else { return false }
    let run = ScalarText.string(scalars[start..<stop])
    for length in stride(from: run.count, through: 1, by: -1) {
      if cues.suffix(of: run.prefix(length), .media) != nil { return true }
    }
    return false
  }
}

extension String {
  /// How often `word` occurs, without overlaps: `"全省全省".occurrences(of: "全省")` is 2.
  func occurrences(of word: String) -> Int {
    let text = Array(unicodeScalars)
    let needle = Array(word.unicodeScalars)
    guard !needle.isEmpty, text.count >= needle.count else { return 0 }
    var count = 0
    var index = 0
    while index <= text.count - needle.count {
      if text[index..<(index + needle.count)].elementsEqual(needle) {
        count += 1
        index += needle.count
      } else {
        index += 1
      }
    }
    return count
  }
}

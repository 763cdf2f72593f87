// MARK: - Issuers

extension MetadataExtractor {
  /// The issuing bodies, by the first source that names one: front-matter lines holding only
  /// names (`中共甲省委 甲省人民政府`), the signature above the date line, a heading's sender
  /// (`甲省人民政府关于印发…`), a news lead's subject (`甲省人民政府办公厅日前印发《…》`), else a
  /// portal's 发布机构 field.
  func issuers(
    front: [MetadataLine], signature: [String], lead: [MetadataLine], portal: [String]
  ) -> [String] {
    // A letterhead and a signature name the same body: once.
    var seen = Set<String>()
    let standalone = front.flatMap { issuerLine($0) }.filter { seen.insert($0).inserted }
    if !standalone.isEmpty { return standalone }
    if !signature.isEmpty { return signature }
    if let heading = headingSender(lead) { return heading }
    if let reported = leadSubject(lead) { return reported }
    return portal
  }

  /// The names on a line that holds nothing else (several separated by spaces).
  func issuerLine(_ line: MetadataLine) -> [String] {
    var names: [String] = []
    var offset = 0
    let scalars = Array(line.text.unicodeScalars)
    for part in line.text.split(separator: " ", omittingEmptySubsequences: false) {
      let count = part.unicodeScalars.count
      defer { offset += count + 1 }
      guard !part.isEmpty else { continue }
      var name = patterns.issuerTrailer.replacingMatches(in: String(part), with: "")
      name = name.trimmingSpaces()
      guard isIssuerName(name) else { return [] }
      let nameLength = name.unicodeScalars.count
      guard offset + nameLength <= scalars.count else { return [] }
      names.append(line.quote(offset..<(offset + nameLength)))
    }
    return names
  }

  /// A specific body's name: a place (after 中共) first, a body suffix last, no punctuation;
  /// never a paper or a site (`甲市人民政府门户网站`, `乙市日报`: a portal's banner is no issuer).
  func isIssuerName(_ name: String) -> Bool {
    if cues.suffix(of: name, .media) != nil { return false }
    let bare = withoutPartyPrefix(name)
    // 国务院 is a whole name; 国家 alone is none.
    let central = isNationalBody(name) && name.count >= 3
    guard name.count >= 4 || central, name.count <= 40, startsWithPlace(bare) || central,
      bodySuffixIndex.longestSuffixLength(of: ScalarText.scalars(of: name)[...]) != nil
        || cues.is(name, .nationalBody),
      !name.contains(where: { "，,。：:、；;《》()!！|".contains($0) })
    else { return false }
    return true
  }

  /// `国务院办公厅`, `教育部`, `中共中央办公厅`: a central body.
  func isNationalBody(_ name: String) -> Bool {
    cues.prefix(of: name, .nationalBody) != nil
  }

  /// `甲省人民政府关于印发…`: the names right before the first 关于 of the opening lines.
  private func headingSender(_ lines: [MetadataLine]) -> [String]? {
    for line in lines.prefix(12) {
      let scalars = Array(line.text.unicodeScalars)
      // Not a cited one: 按照《甲部 乙委 关于…的通知》.
      guard let at = firstIndex(of: "关于", in: scalars), at >= 3, !citesBody(scalars, before: at),
        !scalars[..<at].contains(where: { $0 == "《" || $0 == "«" })
      else { continue }
      if let names = names(endingAt: at, in: line, scalars: scalars) { return names }
    }
    return nil
  }

  /// `近日，甲市人民政府办公室发布《…》`: the names before a news verb in the lead, fillers
  /// (日前, 7月24日) skipped.
  private func leadSubject(_ lines: [MetadataLine]) -> [String]? {
    for line in lines.prefix(6) {
      let scalars = Array(line.text.unicodeScalars)
      for verb in cues.words(.newsVerb) {
        var search = 0
        let needle = Array(verb.unicodeScalars)
        while let at = firstIndex(of: needle, in: scalars, from: search) {
          search = at + 1
          var end = at
          var skipped = true
          while skipped {
            skipped = false
            let before = ScalarText.string(scalars[..<end])
            if let filler = cues.suffix(of: before, .filler) {
              end -= filler.unicodeScalars.count
              skipped = true
            } else if let date = patterns.leadDate.firstMatch(in: before) {
              end = date.range.lowerBound
              skipped = true
            }
          }
          guard end >= 3, !citesBody(scalars, before: end) else { continue }
          if let names = names(endingAt: end, in: line, scalars: scalars) { return names }
        }
      }
    }
    return nil
  }

  /// Whether the clause before `end` cites rather than reports: `为落实国务院办公厅印发的…`.
  func citesBody(_ scalars: [Unicode.Scalar], before end: Int) -> Bool {
    var start = end
    while start > 0, !"，,。；;：:".unicodeScalars.contains(scalars[start - 1]) { start -= 1 }
    let clause = ScalarText.string(scalars[start..<end])
    let words = cues.words(.citation) + cues.words(.opener).filter { $0.count > 1 }
    return words.contains { clause.includes($0) }
  }

  /// The longest run of names (separated by spaces or 、) that ends at `end`.
  private func names(endingAt end: Int, in line: MetadataLine, scalars: [Unicode.Scalar])
    -> [String]?
  {
    for start in max(0, end - 60)..<max(0, end - 2) {
      var names: [String] = []
      var cursor = start
      var valid = true
      while cursor < end {
        var stop = cursor
        while stop < end, scalars[stop] != " ", scalars[stop] != "、" { stop += 1 }
        let name = ScalarText.string(scalars[cursor..<stop])
        guard isIssuerName(name) else {
          valid = false
          break
        }
        names.append(line.quote(cursor..<stop))
        cursor = stop + 1
      }
      if valid, !names.isEmpty { return names }
    }
    return nil
  }

  private func firstIndex(of word: String, in scalars: [Unicode.Scalar]) -> Int? {
    firstIndex(of: Array(word.unicodeScalars), in: scalars, from: 0)
  }

  private func firstIndex(of word: [Unicode.Scalar], in scalars: [Unicode.Scalar], from: Int)
    -> Int?
  {
    guard !word.isEmpty, scalars.count >= word.count, from <= scalars.count - word.count else {
      return nil
    }
    for start in from...(scalars.count - word.count) where scalars[start] == word[0] {
      if scalars[start..<(start + word.count)].elementsEqual(word) { return start }
    }
    return nil
  }
}

import Foundation

/// What planscope knows about department names: suffixes of bodies, generic references,
/// abbreviations, functions, role words and the places that prefix names.
///
/// All of it is data (`department_*.tsv`, `role_words.tsv`, `places_china.tsv`), so a reader
/// adds a missing body or wording without touching code.
public struct DepartmentLexicon: Sendable {
  /// Suffixes of specific bodies, longest first: 委员会, 局, 厅, 办, 中心, 分行 …
  let bodySuffixes: [String]
  /// Suffixes of generic references, longest first: 部门, 单位, 机构 …
  let genericSuffixes: [String]
  /// Last characters of all suffixes: a name ending otherwise is no body (a fast reject).
  private let suffixEnds: Set<Character>
  /// The same as scalars, for scans over folded text.
  private let suffixEndScalars: ScalarBitmap
  /// Short form → full form, without jurisdiction (发展改革委 → 发展和改革委员会).
  let abbreviations: [String: String]
  /// Name stems → function slug, longest first (发展改革 → development_reform).
  let functions: [(stem: String, function: String)]
  /// Phrases marking a role, longest first (按职责分工负责 → responsible, 牵头 → lead).
  let roleWords: [(phrase: String, role: Responsibility.Role)]
  /// Role words as scalars by first scalar, longest first (for scans over folded text).
  let roleWordsByFirstScalar: [Unicode.Scalar: [(scalars: [Unicode.Scalar], role: Responsibility.Role)]]
  private let bodySuffixIndex: AffixIndex
  private let genericSuffixIndex: AffixIndex
  private let functionStemIndex: AffixIndex
  private let functionByStem: [String: String]
  private let abbreviationIndex: AffixIndex
  /// Places that start a department name (天津银保监局).
  let places: PlaceLexicon
  /// Words that start names of bodies outside the local government (人民银行, 国家).
  let independentPrefixes: [String]
  /// Administrative prefixes a list distributes (自治区, 省, 市, 县, 区, 州, 盟, 旗).
  let administrativePrefixes = ["自治区", "自治州", "特区", "省", "市", "县", "区", "州", "盟", "旗", "镇", "乡"]
  private let administrativeTrie: ScalarTrie
  /// Words that start a generic reference: 各区, 有关部门, 相关市级部门.
  let genericStarts = ["各", "有关", "相关", "其他", "其它", "所有", "全市", "全省", "全区", "本级"]

  /// Builds the lexicon from its tables.
  public init(
    suffixes: Lexicon, abbreviations: Lexicon, functions: Lexicon, roleWords: Lexicon,
    places: PlaceLexicon
  ) {
    let byLength: (String, String) -> Bool = { $0.count > $1.count }
    bodySuffixes = suffixes.rows.filter { $0.count > 1 && $0[1] == "body" }.map { $0[0] }
      .sorted(by: byLength)
    genericSuffixes = suffixes.rows.filter { $0.count > 1 && $0[1] == "generic" }.map { $0[0] }
      .sorted(by: byLength)
    suffixEnds = Set((suffixes.rows.compactMap { $0.first?.last }))
    suffixEndScalars = ScalarBitmap(suffixes.rows.compactMap { $0.first?.unicodeScalars.last })
    var expansions: [String: String] = [:]
    for row in abbreviations.rows where row.count > 1 { expansions[row[0]] = row[1] }
    self.abbreviations = expansions
    self.functions = functions.rows.filter { $0.count > 1 }.map { ($0[0], $0[1]) }
      .sorted { $0.stem.count > $1.stem.count }
    self.roleWords = roleWords.rows.compactMap { row in
      guard row.count > 1, let role = Responsibility.Role(rawValue: row[1]) else { return nil }
      return (row[0], role)
    }.sorted { $0.phrase.count > $1.phrase.count }
    var byFirst: [Unicode.Scalar: [(scalars: [Unicode.Scalar], role: Responsibility.Role)]] = [:]
    for (phrase, role) in self.roleWords {
      let scalars = Array(phrase.unicodeScalars)
      if let first = scalars.first { byFirst[first, default: []].append((scalars, role)) }
    }
    roleWordsByFirstScalar = byFirst
    bodySuffixIndex = AffixIndex(bodySuffixes)
    genericSuffixIndex = AffixIndex(genericSuffixes)
    functionStemIndex = AffixIndex(self.functions.map(\.stem))
    var functionByStem: [String: String] = [:]
    for row in functions.rows where row.count > 1 && functionByStem[row[0]] == nil {
      functionByStem[row[0]] = row[1]
    }
    self.functionByStem = functionByStem
    abbreviationIndex = AffixIndex(expansions.keys)
    self.places = places
    administrativeTrie = ScalarTrie(administrativePrefixes)
    self.independentPrefixes = ["人民银行", "中国人民银行", "国家", "中国", "中央", "全国", "海关", "国网", "中石油", "中石化"]
  }

  /// Loads the bundled (or overridden) tables.
  /// - Throws: `LexiconError`.
  public static func standard(lexicons directory: URL? = nil) throws -> DepartmentLexicon {
    try DepartmentLexicon(
      suffixes: Lexicon.load(.departmentSuffixes, from: directory),
      abbreviations: Lexicon.load(.departmentAbbreviations, from: directory),
      functions: Lexicon.load(.departmentFunctions, from: directory),
      roleWords: Lexicon.load(.roleWords, from: directory),
      places: PlaceLexicon(Lexicon.load(.placesChina, from: directory)))
  }

  /// Whether `name` names a specific body: it ends with a body suffix and is not generic.
  public func isBody(_ name: String) -> Bool {
    guard let last = name.last, suffixEnds.contains(last), name.count >= 2, !isGeneric(name) else {
      return false
    }
    // A generic tail on a body (市人大常委会相关工作机构) survives `isGeneric` only when the
    // head is a body, so it names that body's own units.
    return bodySuffixIndex.longestSuffix(of: name, leaving: 1) != nil
      || genericSuffixIndex.longestSuffix(of: name) != nil
  }

  /// Whether `name` is a generic reference (有关部门, 各区县政府, 市级各有关部门, 县级以上人民政府).
  /// A body's own units stay specific: 市人大常委会相关工作机构.
  public func isGeneric(_ name: String) -> Bool {
    if genericStarts.contains(where: { name.hasPrefix($0) }) { return true }
    if name.includes("以上") || name.includes("以下") { return true }
    guard let suffix = genericSuffixIndex.longestSuffix(of: name) else {
      return name.contains("各")
    }
    var head = String(name.dropLast(suffix.count))
    for word in ["相关", "有关", "各"] where head.hasSuffix(word) { head.removeLast(word.count) }
    return
      !(head.count >= 2 && bodySuffixIndex.longestSuffix(of: head, leaving: 1) != nil)
  }

  /// The jurisdiction prefix a name starts with (市, 自治区, 天津市), if any; nil when it starts
  /// with a function stem (市场监管局 is bare, not 市 + 场监管局).
  func ownPrefix(of name: String) -> String? {
    if functionStemIndex.longestPrefix(of: name) != nil { return nil }
    if let place = places.longestPlace(prefixOf: name) {
      var prefix = place
      let rest = name.dropFirst(place.count)
      if let admin = administrativePrefixes.first(where: { rest.hasPrefix($0) }) {
        prefix += admin
      }
      return prefix
    }
    if let admin = administrativePrefixes.first(where: { name.hasPrefix($0) }) {
      // 市委组织部: the party committee's prefix (市委) is what a list distributes (市委宣传部).
      let afterCommittee = String(name.dropFirst(admin.count + 1))
      if name.dropFirst(admin.count).hasPrefix("委"), !afterCommittee.hasPrefix("员会"),
        isBody(afterCommittee)
      {
        return admin + "委"
      }
      let rest = String(name.dropFirst(admin.count))
      // 市场监督管理局 starts with 市 only by accident.
      if functionStemIndex.longestPrefix(of: rest) != nil || isBody(rest) { return admin }
    }
    return nil
  }

  /// Whether text starts with an administrative prefix (市, 自治区) or a place (天津, 东莞市).
  func startsWithJurisdiction(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    administrativeTrie.longestWord(in: text, from: text.startIndex) != nil
      || places.startsWithPlace(text)
  }

  /// Whether a body's name may end with `scalar` (some suffix does): a fast reject before
  /// `isBody`.
  func mayEndBody(_ scalar: Unicode.Scalar) -> Bool { suffixEndScalars.contains(scalar) }

  /// Whether a name stands on its own and never takes a list's prefix (人民银行南宁中心支行).
  func isIndependent(_ name: String) -> Bool {
    independentPrefixes.contains { name.hasPrefix($0) }
      || places.longestPlace(prefixOf: name) != nil
  }

  /// The full official name where the abbreviation is known: `市发展改革委` in 天津市 →
  /// 天津市发展和改革委员会.
  public func canonical(_ name: String, jurisdiction: String?) -> String? {
    var prefix = ""
    var core = Substring(name)
    if let own = ownPrefix(of: name) {
      prefix = own
      core = core.dropFirst(own.count)
    }
    var expanded = String(core)
    if let full = abbreviations[String(core)] {
      expanded = full
    } else if let key = abbreviationIndex.longestSuffix(of: core) {
      expanded = core.dropLast(key.count) + (abbreviations[key] ?? key)
    } else if bodySuffixIndex.longestSuffix(of: core) == nil {
      return nil
    }
    if let jurisdiction, administrativePrefixes.contains(prefix) || prefix.isEmpty {
      if prefix.isEmpty && isIndependent(name) { return expanded }
      return jurisdiction + expanded
    }
    return prefix + expanded
  }

  /// The function a department serves across jurisdictions (`development_reform`), if known.
  public func function(of name: String) -> String? {
    var core = Substring(name)
    if let own = ownPrefix(of: name) { core = core.dropFirst(own.count) }
    if let stem = functionStemIndex.longestPrefix(of: core) { return functionByStem[stem] }
    return functions.first { core.contains($0.stem) }?.function
  }
}

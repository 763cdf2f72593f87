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
  /// Last scalars of all suffixes: a name ending otherwise is no body (a fast reject).
  private let suffixEndScalars: ScalarBitmap
  /// Short form → full form, without jurisdiction (发展改革委 → 发展和改革委员会).
  let abbreviations: [String: String]
  /// Name stems → function slug, longest first (发展改革 → development_reform).
  let functions: [(stem: String, function: String)]
  /// Phrases marking a role, longest first (按职责分工负责 → responsible, 牵头 → lead).
  let roleWords: [(phrase: String, role: Responsibility.Role)]
  /// Role words as scalars, longest first.
  private let roleWordScalars: [(scalars: [Unicode.Scalar], role: Responsibility.Role)]
  /// Role words as scalars by first scalar, longest first (for scans over folded text).
  let roleWordsByFirstScalar:
    [Unicode.Scalar: [(scalars: [Unicode.Scalar], role: Responsibility.Role)]]
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
  /// Words that start a generic reference: 各区, 有关部门, 相关市级部门; 开发区管委会 (a zone
  /// type without its own name) names no specific body either. From `department_name_words`.
  let genericStarts: [String]
  private let genericStartTrie: ScalarTrie
  private let independentTrie: ScalarTrie

  /// Builds the lexicon from its tables.
  public init(
    suffixes: Lexicon, abbreviations: Lexicon, functions: Lexicon, roleWords: Lexicon,
    nameWords: Lexicon, places: PlaceLexicon
  ) {
    func words(_ kind: String) -> [String] {
      nameWords.rows.filter { $0.count > 1 && $0[1] == kind }.map { $0[0] }
    }
    genericStarts = words("generic_start")
    areaBodySuffixes = words("area_suffix").map { Array($0.unicodeScalars) }
    branchSuffixes = words("branch_suffix").map { Array($0.unicodeScalars) }
    let byLength: (String, String) -> Bool = { $0.count > $1.count }
    bodySuffixes = suffixes.rows.filter { $0.count > 1 && $0[1] == "body" }.map { $0[0] }
      .sorted(by: byLength)
    genericSuffixes = suffixes.rows.filter { $0.count > 1 && $0[1] == "generic" }.map { $0[0] }
      .sorted(by: byLength)
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
    roleWordScalars = self.roleWords.map { (Array($0.phrase.unicodeScalars), $0.role) }
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
    self.independentPrefixes = words("independent")
    genericStartTrie = ScalarTrie(genericStarts)
    independentTrie = ScalarTrie(independentPrefixes)
  }

  /// Loads the bundled (or overridden) tables.
  /// - Throws: `LexiconError`.
  public static func standard(lexicons directory: URL? = nil) throws -> DepartmentLexicon {
    try DepartmentLexicon(
      suffixes: Lexicon.load(.departmentSuffixes, from: directory),
      abbreviations: Lexicon.load(.departmentAbbreviations, from: directory),
      functions: Lexicon.load(.departmentFunctions, from: directory),
      roleWords: Lexicon.load(.roleWords, from: directory),
      nameWords: Lexicon.load(.departmentNameWords, from: directory),
      places: PlaceLexicon(Lexicon.load(.placesChina, from: directory)))
  }

  /// A name as a slice of scalars (of the folded text, or of a string).
  typealias Name = ArraySlice<Unicode.Scalar>

  /// Whether `name` names a specific body: it ends with a body suffix and is not generic.
  public func isBody(_ name: String) -> Bool { isBody(ScalarText.scalars(of: name)[...]) }

  /// Whether `name` is a generic reference (有关部门, 各区县政府, 市级各有关部门, 县级以上人民政府).
  /// A body's own units stay specific: 市人大常委会相关工作机构.
  public func isGeneric(_ name: String) -> Bool { isGeneric(ScalarText.scalars(of: name)[...]) }

  /// `isBody` over scalars.
  func isBody(_ name: Name) -> Bool {
    guard let last = name.last, suffixEndScalars.contains(last), name.count >= 2, !isGeneric(name)
    else {
      return false
    }
    // A generic tail on a body (市人大常委会相关工作机构) survives `isGeneric` only when the
    // head is a body, so it names that body's own units.
    return bodySuffixIndex.longestSuffixLength(of: name, leaving: 1) != nil
      || genericSuffixIndex.longestSuffixLength(of: name) != nil
  }

  /// `isGeneric` over scalars.
  func isGeneric(_ name: Name) -> Bool {
    if genericStartTrie.longestWord(in: name, from: name.startIndex) != nil { return true }
    var index = name.startIndex
    while index + 1 < name.endIndex {
      // 以上, 以下: 县级以上人民政府.
      if name[index] == "以", name[index + 1] == "上" || name[index + 1] == "下" { return true }
      index += 1
    }
    guard let suffix = genericSuffixIndex.longestSuffixLength(of: name) else {
      return name.contains("各")
    }
    var head = name.dropLast(suffix)
    for word in Self.headQualifiers where head.count >= word.count {
      if head.suffix(word.count).elementsEqual(word) { head = head.dropLast(word.count) }
    }
    return
      !(head.count >= 2 && bodySuffixIndex.longestSuffixLength(of: head, leaving: 1) != nil)
  }

  /// Words between a body and a generic tail (市人大常委会相关工作机构), removed in this order.
  private static let headQualifiers: [[Unicode.Scalar]] = ["相关", "有关", "各"].map {
    Array($0.unicodeScalars)
  }

  /// `name` without the role phrase it ends with (市财政局配合 → 市财政局), longest phrase first.
  func strippingRole(_ name: Name) -> Name {
    for (scalars, _) in roleWordScalars where name.count >= scalars.count {
      if name.suffix(scalars.count).elementsEqual(scalars) { return name.dropLast(scalars.count) }
    }
    return name
  }

  /// The role of the first role phrase (in lexicon order) that `text` opens with.
  func role(opening text: Name) -> Responsibility.Role? {
    roleWordScalars.first { text.starts(with: $0.scalars) }?.role
  }

  /// The length of the longest body suffix `name` ends with (委员会 in 发展和改革委员会).
  func bodySuffixLength(of name: Name) -> Int? { bodySuffixIndex.longestSuffixLength(of: name) }

  /// The jurisdiction prefix a name starts with (市, 自治区, 天津市), if any; nil when it starts
  /// with a function stem (市场监管局 is bare, not 市 + 场监管局).
  func ownPrefix(of name: String) -> String? {
    let scalars = ScalarText.scalars(of: name)[...]
    return ownPrefixLength(of: scalars).map { ScalarText.string(scalars.prefix($0)) }
  }

  /// `ownPrefix` over scalars: the prefix's length.
  func ownPrefixLength(of name: Name) -> Int? {
    if functionStemIndex.longestPrefixLength(of: name) != nil { return nil }
    if let place = places.longestPlaceLength(prefixOf: name) {
      let rest = name.dropFirst(place)
      return place + (administrativeTrie.longestWord(in: rest, from: rest.startIndex)?.length ?? 0)
    }
    guard let admin = administrativeTrie.longestWord(in: name, from: name.startIndex)?.length
    else { return nil }
    let rest = name.dropFirst(admin)
    // 市委组织部: the party committee's prefix (市委) is what a list distributes (市委宣传部).
    if rest.first == "委" {
      let afterCommittee = rest.dropFirst()
      if !afterCommittee.starts(with: "员会".unicodeScalars), isBody(afterCommittee) {
        return admin + 1
      }
    }
    // 市场监督管理局 starts with 市 only by accident.
    if functionStemIndex.longestPrefixLength(of: rest) != nil || isBody(rest) { return admin }
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

  /// Whether a bare name in a list takes the list's prefix (发展改革委 → 区发展改革委,
  /// 北部湾办 → 自治区北部湾办). Bodies named after their own area do not: a zone's
  /// committee or a firm (高新区管委会, 徐管委, 城投集团) and a branch whose area stands between
  /// its function and 分局 (环保西湖分局).
  func takesListPrefix(_ name: Name) -> Bool {
    for suffix in areaBodySuffixes where name.count > suffix.count {
      if name.suffix(suffix.count).elementsEqual(suffix) { return false }
    }
    guard let stem = functionStemIndex.longestPrefixLength(of: name) else { return true }
    let rest = name.dropFirst(stem)
    for branch in branchSuffixes where rest.count > branch.count {
      if rest.suffix(branch.count).elementsEqual(branch) { return false }
    }
    return true
  }

  /// Suffixes of bodies named after their own zone or firm: 管委 in 徐管委, 集团 in 城投集团.
  private let areaBodySuffixes: [[Unicode.Scalar]]

  /// Suffixes of branches that carry their own area's name: 分局 in 环保拱墅分局.
  private let branchSuffixes: [[Unicode.Scalar]]

  /// Whether a name stands on its own and never takes a list's prefix (人民银行南宁中心支行).
  func isIndependent(_ name: Name) -> Bool {
    independentTrie.longestWord(in: name, from: name.startIndex) != nil
      || places.longestPlaceLength(prefixOf: name) != nil
  }

  /// The full official name where the abbreviation is known: `市发展改革委` in 天津市 →
  /// 天津市发展和改革委员会.
  public func canonical(_ name: String, jurisdiction: String?) -> String? {
    let scalars = ScalarText.scalars(of: name)[...]
    var prefix = ""
    var core = scalars
    if let own = ownPrefixLength(of: scalars) {
      prefix = ScalarText.string(scalars.prefix(own))
      core = scalars.dropFirst(own)
    }
    var expanded = ScalarText.string(core)
    if let full = abbreviations[expanded] {
      expanded = full
    } else if let key = abbreviationIndex.longestSuffix(of: core) {
      expanded =
        ScalarText.string(core.dropLast(key.unicodeScalars.count)) + (abbreviations[key] ?? key)
    } else if bodySuffixIndex.longestSuffixLength(of: core) == nil {
      return nil
    }
    if let jurisdiction, administrativePrefixes.contains(prefix) || prefix.isEmpty {
      if prefix.isEmpty && isIndependent(scalars) { return expanded }
      return jurisdiction + expanded
    }
    return prefix + expanded
  }

  /// The function a department serves across jurisdictions (`development_reform`), if known.
  public func function(of name: String) -> String? {
    let scalars = ScalarText.scalars(of: name)[...]
    var core = scalars
    if let own = ownPrefixLength(of: scalars) { core = scalars.dropFirst(own) }
    if let stem = functionStemIndex.longestPrefix(of: core) { return functionByStem[stem] }
    let text = ScalarText.string(core)
    return functions.first { text.includes($0.stem) }?.function
  }
}

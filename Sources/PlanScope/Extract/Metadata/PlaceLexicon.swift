/// Place names of China's province- and prefecture-level divisions (`places_china.tsv`).
///
/// Recognises the jurisdiction a title or a department name starts with:
/// `广西“十四五”…` → 广西壮族自治区, `天津银保监局` → 天津市, `东莞市…` → 东莞市.
public struct PlaceLexicon: Sendable, Hashable {
  /// Official name of each key (`广西` → `广西壮族自治区`, `东莞` → `东莞市`).
  private var official: [String: String] = [:]
  /// Keys of province-level units (`广西`, `广西壮族自治区`).
  private var provinces: Set<String> = []
  /// The province-level unit of each prefecture key (`杭州` → `浙江省`).
  private var provinceOfKey: [String: String] = [:]
  /// The keys, and a trie over them for prefix searches.
  private var keys: [String] = []
  private var trie = ScalarTrie([String]())

  /// Builds the lexicon from `places_china` rows `name, full_name, level`.
  public init(_ lexicon: Lexicon) {
    let names = Set(lexicon.rows.compactMap(\.first))
    for row in lexicon.rows where row.count >= 2 {
      let name = row[0]
      official[name] = Self.officialName(name, fullName: row[1], known: names)
      if row.count >= 3, row[2] == "province" { provinces.insert(name) }
    }
    // 杭州 → 浙江省: the province-level unit whose official name starts the full name.
    let provinceNames = Set(provinces.compactMap { official[$0] })
    for row in lexicon.rows where row.count >= 3 && row[2] != "province" {
      if let province = provinceNames.filter({ row[1].hasPrefix($0) }).max(by: {
        $0.count < $1.count
      }) {
        provinceOfKey[row[0]] = province
      }
    }
    keys = official.keys.sorted()
    trie = ScalarTrie(keys)
  }

  /// The jurisdiction a string starts with, as its official name.
  public func jurisdiction(startingIn text: String) -> String? {
    guard let key = longestPlace(prefixOf: text) else { return nil }
    return official[key]
  }

  /// Whether `key` is a province-level unit's name: `云南` yes, `昆明` no.
  public func isProvince(_ key: String) -> Bool { provinces.contains(key) }

  /// The province-level unit a prefecture belongs to: `杭州` → `浙江省`; nil for a province.
  public func province(of key: String) -> String? { provinceOfKey[key] }

  /// The longest place name `text` starts with.
  public func longestPlace(prefixOf text: String) -> String? {
    var found: String?
    trie.forEachWord(in: text.unicodeScalars, from: text.unicodeScalars.startIndex) {
      length, word in
      if length >= 2 { found = keys[word] }
      return true
    }
    return found
  }

  /// The length in scalars of the longest place name (two or more scalars) `text` starts with.
  func longestPlaceLength(prefixOf text: ArraySlice<Unicode.Scalar>) -> Int? {
    var found: Int?
    trie.forEachWord(in: text, from: text.startIndex) { length, _ in
      if length >= 2 { found = length }
      return true
    }
    return found
  }

  /// Whether the scalars start with a place name.
  func startsWithPlace(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    var found = false
    trie.forEachWord(in: text, from: text.startIndex) { length, _ in
      found = length >= 2
      return !found
    }
    return found
  }

  /// `东莞` → `东莞市` when that form is listed; names with an administrative suffix stay.
  private static func officialName(_ name: String, fullName: String, known: Set<String>) -> String {
    let suffixes = ["特别行政区", "自治区", "自治州", "地区", "省", "市", "州", "盟"]
    // 临夏州 stands for 临夏回族自治州 and stays; 湖州, 贵州 merely end in 州.
    let administrative = suffixes.filter { $0 != "州" || fullName.hasSuffix("自治州") }
    if administrative.contains(where: { name.hasSuffix($0) }) && !fullName.hasSuffix(name) {
      return name
    }
    if fullName.hasSuffix("自治区") || fullName.hasSuffix("特别行政区") || fullName == name + "省"
      || fullName == name + "市"
    {
      return fullName
    }
    for suffix in ["市", "省", "州", "盟"] where known.contains(name + suffix) {
      return name + suffix
    }
    return suffixes.contains(where: { name.hasSuffix($0) }) ? name : fullName
  }
}

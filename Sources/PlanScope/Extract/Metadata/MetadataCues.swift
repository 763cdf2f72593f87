/// The word lists `MetadataExtractor` reads (`metadata_cues.tsv`, `portal_fields.tsv`,
/// `place_abbreviations.tsv`): which headline verbs report a plan (山西印发…方案), which words
/// after a place name a newspaper (山西日报), which labels of a portal's page header give which
/// field (发文字号 → document number), and which document-number prefixes name a place (渝 → 重庆市).
public struct MetadataCues: Sendable {
  /// What a cue word signals.
  public enum Kind: String, Sendable {
    /// 印发, 发布, 图解: a headline with one reports the plan and is not its title.
    case newsVerb = "news_verb"
    /// 日报, 网: after a place, a newspaper's or site's name.
    case media
    /// 各省、自治区、直辖市: addressees of a national document.
    case national
    /// 国务院, 教育部: the start of a central body's name (its documents are national).
    case nationalBody = "national_body"
    /// 贯彻, 落实: before a body the lead cites rather than reports (落实国务院…印发的…).
    case citation
    /// 我省, 全省: the text speaks as a province.
    case provinceCue = "province_cue"
    /// 我市, 全市: the text speaks as a city.
    case cityCue = "city_cue"
    /// 中共: a party prefix before a place in a body's name (中共江西省委).
    case partyPrefix = "party_prefix"
    /// 征求意见稿, 试行: a parenthesised word kept in a title.
    case qualifier
    /// 送审稿, 全文: a draft or reprint marker dropped from a title.
    case draft
    /// 为, 根据: a body glued to its title starts with one.
    case opener
    /// 日前, 近日: between an issuer's name and its verb in a news lead.
    case filler
    /// 印发给你们: the formula of a notice that issues a plan.
    case noticeFormula = "notice_formula"
    /// 通知, 决定: a title ending in one names its sender (甲市人民政府关于…的通知).
    case noticeWord = "notice_word"
    /// 全, 本, 自治: a start that makes 全市, 本区, 自治区 no place.
    case notPlace = "not_place"
    /// 示范区, 都会区: an ending that makes a X区 word an area, not a district.
    case notDivision = "not_division"
  }

  /// The field a portal label gives.
  public enum PortalField: String, Sendable {
    /// 发文字号: the document number.
    case docNumber = "doc_number"
    /// 发布机构: the issuing body.
    case issuer
    /// 成文日期: the signature date.
    case signed
    /// 发布日期: the page's date, used only without a signature date.
    case published
    /// 生成日期: a page-build timestamp, never used.
    case generated
    /// 信息名称: the notice's title.
    case title
    /// 索引号 and other labels that give no metadata.
    case other
  }

  private var kinds: [String: Kind] = [:]
  private var portal: [String: PortalField] = [:]
  private var abbreviations: [String: String] = [:]
  /// Cue words by kind, longest first.
  private var byKind: [Kind: [String]] = [:]
  private let abbreviationTrie: ScalarTrie
  private let abbreviationKeys: [String]

  /// Builds the cues from the three lexicons.
  public init(cues: Lexicon, portalFields: Lexicon, placeAbbreviations: Lexicon) {
    for row in cues.rows where row.count >= 2 {
      guard let kind = Kind(rawValue: row[1]) else { continue }
      kinds[row[0]] = kind
      byKind[kind, default: []].append(row[0])
    }
    for kind in byKind.keys { byKind[kind]?.sort { $0.count > $1.count } }
    for row in portalFields.rows where row.count >= 2 {
      portal[row[0]] = PortalField(rawValue: row[1]) ?? .other
    }
    for row in placeAbbreviations.rows where row.count >= 2 { abbreviations[row[0]] = row[1] }
    abbreviationKeys = abbreviations.keys.sorted()
    abbreviationTrie = ScalarTrie(abbreviationKeys)
  }

  /// The cue words of one kind, longest first.
  public func words(_ kind: Kind) -> [String] { byKind[kind] ?? [] }

  /// Whether `word` is a cue of `kind`: `is("送审稿", .draft)`.
  public func `is`(_ word: String, _ kind: Kind) -> Bool { kinds[word] == kind }

  /// The field a portal label gives, spaces in the label ignored (`文 号` → `.docNumber`).
  public func portalField(_ label: String) -> PortalField? {
    portal[String(label.unicodeScalars.filter { $0 != " " && $0 != "\u{3000}" })]
  }

  /// The jurisdiction a document number's issuer code starts with: `渝发改规范〔2022〕8号` → 重庆市.
  public func jurisdiction(ofDocumentNumber number: String) -> String? {
    let scalars = Array(number.unicodeScalars)
    guard let (_, word) = abbreviationTrie.longestWord(in: scalars, from: 0) else { return nil }
    return abbreviations[abbreviationKeys[word]]
  }

  /// The cue of `kind` that `text` starts with, longest first.
  func prefix(of text: some StringProtocol, _ kind: Kind) -> String? {
    words(kind).first { text.hasPrefix($0) }
  }

  /// The cue of `kind` that `text` ends with, longest first.
  func suffix(of text: some StringProtocol, _ kind: Kind) -> String? {
    words(kind).first { text.hasSuffix($0) }
  }
}

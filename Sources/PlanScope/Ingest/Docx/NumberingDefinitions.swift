/// What follows a list label (`w:suff`): a tab (Word's default), a space, or nothing.
enum ListSuffix: String, Sendable {
  case tab, space, nothing

  /// The separator text.
  var text: String {
    switch self {
    case .tab: "\t"
    case .space: " "
    case .nothing: ""
    }
  }
}

/// One level (`w:lvl`) of a list definition.
struct NumberingLevel: Sendable, Hashable {
  /// `w:numFmt`.
  var format: ListNumberFormat = .decimal
  /// `w:lvlText`, e.g. `（%2）`; nil when the level has none (no label is printed).
  var text: String?
  /// `w:start`; ECMA-376 defaults it to 0.
  var start: Int = 0
  /// `w:suff`.
  var suffix: ListSuffix = .tab
  /// `w:isLgl`: every `%N` of this level's label is printed in decimal (第一章 → 1.1).
  var isLegal = false
  /// `w:lvlRestart` (1-based level after which this one restarts; 0 = never); nil = default.
  var restart: Int?
  /// `w:pStyle`: the paragraph style tied to this level.
  var style: String?
}

/// The list definitions of `numbering.xml`: abstract definitions and the `w:num` instances
/// paragraphs refer to by `numId`.
struct NumberingDefinitions: Sendable {
  /// `w:abstractNum`.
  struct Abstract: Sendable {
    var levels: [Int: NumberingLevel] = [:]
    /// `w:numStyleLink`: the levels live in the numbering style of this name.
    var styleLink: String?
  }

  /// `w:num`.
  struct Instance: Sendable {
    var abstractID: Int
    /// `w:lvlOverride/w:startOverride` by level.
    var startOverrides: [Int: Int] = [:]
    /// `w:lvlOverride/w:lvl` by level.
    var levelOverrides: [Int: NumberingLevel] = [:]

    /// Whether the instance restarts or redefines levels (and so keeps its own counters).
    var hasOverrides: Bool { !startOverrides.isEmpty || !levelOverrides.isEmpty }
  }

  /// Abstract definitions by `w:abstractNumId`.
  var abstracts: [Int: Abstract] = [:]
  /// Instances by `w:numId`.
  var instances: [Int: Instance] = [:]

  /// No lists.
  init() {}

  /// Parses `numbering.xml`.
  /// - Throws: `DocxError` for hostile or malformed XML.
  init(xml: [UInt8], part: String, limits: IngestLimits) throws(DocxError) {
    self = try WordML.parse(xml, part: part, limits: limits) { (parser) throws(DocxError) in
      var definitions = NumberingDefinitions()
      var abstractID: Int?
      var abstract = Abstract()
      var instanceID: Int?
      var instance = Instance(abstractID: -1)
      var overrideLevel: Int?
      var levelIndex: Int?
      var level = NumberingLevel()
      while let event = try parser.next() {
        switch event {
        case .start(.abstractNum):
          abstractID = parser.attribute(.abstractNumId).flatMap { Int($0) }
          abstract = Abstract()
        case .start(.num):
          instanceID = parser.attribute(.numId).flatMap { Int($0) }
          instance = Instance(abstractID: -1)
        case .start(.lvlOverride):
          overrideLevel = parser.attribute(.ilvl).flatMap { Int($0) }
        case .start(.lvl):
          levelIndex = parser.attribute(.ilvl).flatMap { Int($0) }
          level = NumberingLevel()
        case .start(.fallback) where levelIndex != nil:
          // The mc:Choice (often `custom`, read as decimal) was read; its Fallback is not.
          try parser.skipSubtree()
        case .start(let element) where levelIndex != nil && Self.isInLevel(parser):
          Self.read(element, into: &level, parser)
        case .start(.numStyleLink) where parser.ancestor(1) == .abstractNum:
          abstract.styleLink = parser.attribute(.val)
        case .start(.abstractNumId) where parser.ancestor(1) == .num:
          instance.abstractID = parser.attribute(.val).flatMap { Int($0) } ?? -1
        case .start(.startOverride) where parser.ancestor(1) == .lvlOverride:
          if let overrideLevel, let value = parser.attribute(.val).flatMap({ Int($0) }) {
            instance.startOverrides[overrideLevel] = value
          }
        case .end(.lvl):
          if let index = levelIndex {
            if let overrideLevel {
              instance.levelOverrides[overrideLevel] = level
            } else {
              abstract.levels[index] = level
            }
          }
          levelIndex = nil
        case .end(.lvlOverride):
          overrideLevel = nil
        case .end(.abstractNum):
          if let id = abstractID, definitions.abstracts[id] == nil {
            definitions.abstracts[id] = abstract
          }
          abstractID = nil
        case .end(.num):
          if let id = instanceID, definitions.instances[id] == nil {
            definitions.instances[id] = instance
          }
          instanceID = nil
        default:
          continue
        }
      }
      return definitions
    }
  }

  /// Whether the element just started belongs to the open `w:lvl` (directly, or through the
  /// `mc:AlternateContent` Word 2010+ wraps around new `numFmt` values).
  private static func isInLevel(_ parser: WordMLParser) -> Bool {
    var generation = 1
    while true {
      switch parser.ancestor(generation) {
      case .lvl: return true
      case .alternateContent, .choice, .fallback: generation += 1
      default: return false
      }
    }
  }

  private static func read(
    _ element: WordElement, into level: inout NumberingLevel, _ parser: WordMLParser
  ) {
    let value = parser.attribute(.val)
    switch element {
    case .start: level.start = value.flatMap { Int($0) } ?? level.start
    case .numFmt: level.format = ListNumberFormat(attribute: value)
    case .lvlText: level.text = value ?? ""
    case .suff: level.suffix = value.flatMap(ListSuffix.init(rawValue:)) ?? .tab
    case .isLgl: level.isLegal = Self.isOn(value)
    case .lvlRestart: level.restart = value.flatMap { Int($0) }
    case .pStyle: level.style = value
    default: break
    }
  }

  /// An OOXML on/off value: absent, `1`, `true`, `on` mean on.
  static func isOn(_ value: String?) -> Bool {
    guard let value else { return true }
    return !["0", "false", "off"].contains(value)
  }
}

/// The paragraph styles of `styles.xml` as far as numbering is concerned.
struct StyleSheet: Sendable {
  /// One `w:style`.
  struct Style: Sendable {
    var basedOn: String?
    /// `w:pPr/w:numPr/w:numId`.
    var numID: Int?
    /// `w:pPr/w:numPr/w:ilvl`.
    var level: Int?
  }

  /// Styles by `w:styleId`.
  var styles: [String: Style] = [:]
  /// The style of paragraphs with no `w:pStyle` (`w:default="1"`, usually Normal).
  var defaultParagraphStyle: String?

  /// No styles.
  init() {}

  /// Parses `styles.xml`.
  /// - Throws: `DocxError` for hostile or malformed XML.
  init(xml: [UInt8], part: String, limits: IngestLimits) throws(DocxError) {
    self = try WordML.parse(xml, part: part, limits: limits) { (parser) throws(DocxError) in
      var sheet = StyleSheet()
      var id: String?
      var style = Style()
      while let event = try parser.next() {
        switch event {
        case .start(.style):
          id = parser.attribute(.styleId)
          style = Style()
          if parser.attribute(.type) == "paragraph",
            NumberingDefinitions.isOn(parser.attribute(.default)),
            parser.attribute(.default) != nil, sheet.defaultParagraphStyle == nil
          {
            sheet.defaultParagraphStyle = id
          }
        case .start(.basedOn) where parser.ancestor(1) == .style:
          style.basedOn = parser.attribute(.val)
        case .start(.numId) where parser.ancestor(1) == .numPr && parser.ancestor(2) == .pPr:
          style.numID = parser.attribute(.val).flatMap { Int($0) }
        case .start(.ilvl) where parser.ancestor(1) == .numPr && parser.ancestor(2) == .pPr:
          style.level = parser.attribute(.val).flatMap { Int($0) }
        case .start(.pPrChange), .start(.rPrChange):
          try parser.skipSubtree()
        case .end(.style):
          if let id, sheet.styles[id] == nil { sheet.styles[id] = style }
          id = nil
        default:
          continue
        }
      }
      return sheet
    }
  }

  /// Longest `w:basedOn` chain followed.
  static let maxBasedOnChain = 32

  /// The numbering a style gives its paragraphs, following `w:basedOn` (cycles cut off).
  func numbering(ofStyle id: String) -> (numID: Int?, level: Int?) {
    var numID: Int?
    var level: Int?
    var current: String? = id
    // Word caps basedOn chains far below this; the cap also cuts cycles without a Set.
    var hops = 0
    while let name = current, let style = styles[name], hops < Self.maxBasedOnChain {
      hops += 1
      if numID == nil { numID = style.numID }
      if level == nil { level = style.level }
      if numID != nil && level != nil { break }
      current = style.basedOn
    }
    return (numID, level)
  }
}

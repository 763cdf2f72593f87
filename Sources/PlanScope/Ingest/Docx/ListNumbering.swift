/// Numbers list paragraphs the way Word displays them, in document order.
///
/// A paragraph's list comes from its direct `w:numPr` or, failing that, from its paragraph
/// style (following `w:basedOn`); `numId 0` switches numbering off. Each level counts up from
/// `w:start` (or the instance's `w:startOverride`), and starting a level resets the deeper levels
/// unless their `w:lvlRestart` says otherwise. `w:num` instances of one abstract definition share
/// counters (they continue one list, as in Word, also when an instance redefines a level's
/// format) unless the instance has a `w:startOverride`, which gives it counters of its own:
/// fixture 02's `numId 106` restarts 一、 that way. A level skipped on the way down counts as
/// used (its start value), as Word counts it.
///
/// Labels are `w:lvlText` with each `%N` replaced by level N's counter in level N's format
/// (all decimal under `w:isLgl`), followed by the `w:suff` separator: “第十二条 ”, “（一）”,
/// “1.2.1 ”, “•\t”.
struct ListNumbering {
  /// Levels per list (ilvl 0–8).
  static let levelCount = 9

  private enum CounterKey: Hashable {
    case abstract(Int)
    case instance(Int)
  }

  private let definitions: NumberingDefinitions
  private let styles: StyleSheet
  private var counters: [CounterKey: [Int?]] = [:]

  /// Numbering over these definitions and styles, all counters unstarted.
  init(definitions: NumberingDefinitions, styles: StyleSheet) {
    self.definitions = definitions
    self.styles = styles
  }

  /// The label (with its suffix) of the next paragraph with these properties, advancing the
  /// counters; nil when the paragraph is not numbered or its level prints nothing.
  /// - Parameters:
  ///   - numID: direct `w:numPr/w:numId`, if any.
  ///   - level: direct `w:numPr/w:ilvl`, if any.
  ///   - style: `w:pStyle`, if any (the default paragraph style otherwise).
  mutating func label(numID: Int?, level: Int?, style: String?) -> String? {
    let styleID = style ?? styles.defaultParagraphStyle
    let fromStyle = styleID.map { styles.numbering(ofStyle: $0) }
    guard let num = numID ?? fromStyle?.numID, num != 0, let instance = definitions.instances[num],
      let (abstractID, abstract) = resolveAbstract(instance.abstractID)
    else { return nil }
    let levels = (0..<Self.levelCount).map { instance.levelOverrides[$0] ?? abstract.levels[$0] }
    let styleLevel = styleID.flatMap { id in levels.firstIndex { $0?.style == id } }
    let ilvl = level ?? (numID == nil ? fromStyle?.level : nil) ?? styleLevel ?? 0
    guard levels.indices.contains(ilvl), let current = levels[ilvl] else { return nil }

    func startValue(_ index: Int) -> Int {
      instance.startOverrides[index] ?? levels[index]?.start ?? 0
    }
    // Word shares counters among the instances of one definition, also those that redefine
    // a level's look; only a `startOverride` restarts an instance's own count.
    let key: CounterKey =
      instance.startOverrides.isEmpty ? .abstract(abstractID) : .instance(num)
    var values = counters[key] ?? Array(repeating: nil, count: Self.levelCount)
    // A level skipped on the way down counts as used: 1. then 1.1.1 then 1.2 (not 1.1).
    for shallower in 0..<ilvl where values[shallower] == nil {
      values[shallower] = startValue(shallower)
    }
    // `w:start` is any integer the file says; a counter started at Int.max stays there.
    values[ilvl] = values[ilvl].map { $0 == Int.max ? $0 : $0 + 1 } ?? startValue(ilvl)
    for deeper in (ilvl + 1)..<Self.levelCount {
      let restart = levels[deeper]?.restart
      if restart == nil || (restart.map { $0 > 0 && ilvl < $0 } ?? false) { values[deeper] = nil }
    }
    counters[key] = values

    guard let text = current.text, !text.isEmpty else { return nil }
    if current.format.isBullet { return Self.bulletText(text) + current.suffix.text }
    var result = ""
    var scalars = text.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
      pending = scalars.next()
      if scalar == "%", let next = pending, let digit = Int(String(next)),
        (1...Self.levelCount).contains(digit)
      {
        pending = scalars.next()
        let index = digit - 1
        let format = current.isLegal ? .decimal : (levels[index]?.format ?? .decimal)
        result += format.format(values[index] ?? startValue(index))
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result + current.suffix.text
  }

  /// Follows `w:numStyleLink` (a list style naming another instance) to the definition that
  /// holds the levels.
  private func resolveAbstract(_ id: Int) -> (Int, NumberingDefinitions.Abstract)? {
    var currentID = id
    for _ in 0..<8 {
      guard let abstract = definitions.abstracts[currentID] else { return nil }
      guard abstract.levels.isEmpty, let link = abstract.styleLink,
        let linkedNum = styles.numbering(ofStyle: link).numID,
        let linked = definitions.instances[linkedNum]
      else { return (currentID, abstract) }
      currentID = linked.abstractID
    }
    return nil
  }

  /// A bullet's `lvlText`, Private-Use-Area symbols (Symbol/Wingdings glyphs) printed as `•`.
  static func bulletText(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if (0xE000...0xF8FF).contains(scalar.value) {
        result += "•"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}

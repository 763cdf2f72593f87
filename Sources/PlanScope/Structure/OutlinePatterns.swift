/// The closed grammar of numbering labels (标题序号), matched at the start of a line of
/// width-folded Simplified text by a small scanner (this runs on every line of every plan).
///
/// | kind | examples |
/// |---|---|
/// | chapter | 第一章, 第12章 |
/// | part | 第二节 |
/// | article | 第十二条 |
/// | ideographic | 一、 十二、 |
/// | parenthesizedIdeographic | （一） (二十二) |
/// | decimal | 1． 1. 1、 12. (not `1.5万吨`) |
/// | parenthesizedDecimal | （1） (12) |
/// | circled | ① ⑳ |
/// | box | 专栏1, 专栏 2, 专栏一 |
struct OutlinePatterns: Sendable {
  /// Chinese numerals that may form a label: 一…十, 百, 千, 零, 〇, 两 and 大写 forms.
  let ideographicDigits: Set<Unicode.Scalar> = Set("一二三四五六七八九十百千零〇两壹贰叁参肆伍陆柒捌玖拾佰".unicodeScalars)
  /// 大写 numerals that open the level above 一、 (壹、贰、参、; 參 converts to 参).
  let capitalDigits: Set<Unicode.Scalar> = Set("壹贰叁参肆伍陆柒捌玖拾佰".unicodeScalars)
  /// Marker that opens a box: 专栏.
  let boxWord: [Unicode.Scalar] = Array("专栏".unicodeScalars)
  /// Longest run of numeral characters in a label.
  let maxNumeralLength = 5

  /// Header cells of a task-division table (重点任务分工表): 序号, 牵头单位, 责任单位 ….
  let taskTableHeaderWords: [String] = ["牵头单位", "责任单位", "牵头部门", "责任部门", "配合单位", "完成时限", "序号"]

  /// Whether a line is a table row: TAB-separated cells, or cells between `|` (text copied
  /// from web pages and converters: `序号 | 重点任务 | 牵头单位 |`; `｜` is folded to `|`).
  func isTableLine(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
    line.contains("\t") || line.lazy.filter { $0 == "|" }.count >= 2
  }

  /// Whether a table line is the header row of a task-division table.
  func isTaskTableHeader(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
    let text = ScalarText.string(line)
    return taskTableHeaderWords.filter { text.includes($0) }.count >= 2
  }

  /// A numbered row of a task-division table: `3<TAB>落实用地保障<TAB>…`, `3 | 落实用地保障 |`
  /// (also `3.` / `3、`, spaces before the cell break).
  func tableRow(_ s: [Unicode.Scalar], at start: Int, end: Int) -> Match? {
    let digits = run(s, from: start, end: end, where: isDigit)
    guard digits > 0, digits <= 3, start + digits < end else { return nil }
    var length = digits
    if s[start + length] == "." || s[start + length] == "、" { length += 1 }
    var cursor = start + length
    while cursor < end, s[cursor] == " " { cursor += 1 }
    guard cursor < end, s[cursor] == "\t" || s[cursor] == "|" else { return nil }
    return Match(kind: .tableRow, length: length)
  }

  /// A label found at the start of a line: its kind and its length in scalars.
  struct Match: Equatable {
    var kind: LabelKind
    var length: Int
  }

  /// Matches a label at `start` of folded scalars, up to `end` (the end of the line).
  func match(_ s: [Unicode.Scalar], at start: Int, end: Int) -> Match? {
    guard start < end else { return nil }
    let first = s[start]
    if first == "第" { return ordinal(s, at: start, end: end) }
    if first == "(" { return parenthesized(s, at: start, end: end) }
    if first.value >= 0x2460 && first.value <= 0x2473 { return Match(kind: .circled, length: 1) }
    if first == "专" { return box(s, at: start, end: end) }
    if isDigit(first) {
      let digits = run(s, from: start, end: end, where: isDigit)
      guard digits <= 3, start + digits < end else { return nil }
      let mark = s[start + digits]
      guard mark == "." || mark == "、" else { return nil }
      // `1.5万吨` is a number, not a label; `2．3月底前` is item 2 opening with a date.
      if start + digits + 1 < end, isDigit(s[start + digits + 1]) {
        let after = start + digits + 1
        let more = run(s, from: after, end: end, where: isDigit)
        guard mark == ".", more <= 2, after + more < end, s[after + more] == "月" else { return nil }
      }
      return Match(kind: .decimal, length: digits + 1)
    }
    if ideographicDigits.contains(first) {
      let numerals = run(s, from: start, end: end, where: ideographicDigits.contains)
      guard numerals <= maxNumeralLength, start + numerals < end, s[start + numerals] == "、" else {
        return nil
      }
      let capital = s[start..<(start + numerals)].allSatisfy(capitalDigits.contains)
      return Match(kind: capital ? .capitalIdeographic : .ideographic, length: numerals + 1)
    }
    return nil
  }

  /// 第…章 / 第…部分 (a chapter's rank) / 第…节 / 第…条.
  private func ordinal(_ s: [Unicode.Scalar], at start: Int, end: Int) -> Match? {
    let numerals = run(s, from: start + 1, end: end) {
      ideographicDigits.contains($0) || isDigit($0)
    }
    guard numerals > 0, numerals <= maxNumeralLength, start + 1 + numerals < end else { return nil }
    let kind: LabelKind
    let mark = start + 1 + numerals
    if mark + 1 < end, s[mark] == "部", s[mark + 1] == "分" {
      return Match(kind: .chapter, length: numerals + 3)
    }
    switch s[mark] {
    case "章": kind = .chapter
    case "节": kind = .part
    case "条": kind = .article
    default: return nil
    }
    return Match(kind: kind, length: numerals + 2)
  }

  /// (一) / (1).
  private func parenthesized(_ s: [Unicode.Scalar], at start: Int, end: Int) -> Match? {
    let inner = start + 1
    guard inner < end else { return nil }
    if isDigit(s[inner]) {
      let digits = run(s, from: inner, end: end, where: isDigit)
      guard digits <= 3, inner + digits < end, s[inner + digits] == ")" else { return nil }
      return Match(kind: .parenthesizedDecimal, length: digits + 2)
    }
    let numerals = run(s, from: inner, end: end, where: ideographicDigits.contains)
    guard numerals > 0, numerals <= maxNumeralLength, inner + numerals < end,
      s[inner + numerals] == ")"
    else { return nil }
    return Match(kind: .parenthesizedIdeographic, length: numerals + 2)
  }

  /// 专栏1, 专栏 2, 专栏一.
  private func box(_ s: [Unicode.Scalar], at start: Int, end: Int) -> Match? {
    guard start + boxWord.count < end, s[start + 1] == boxWord[1] else { return nil }
    var index = start + boxWord.count
    while index < end, s[index] == " " { index += 1 }
    let numerals = run(s, from: index, end: end) { isDigit($0) || ideographicDigits.contains($0) }
    guard numerals > 0, numerals <= maxNumeralLength else { return nil }
    return Match(kind: .box, length: index + numerals - start)
  }

  private func run(
    _ s: [Unicode.Scalar], from start: Int, end: Int, where predicate: (Unicode.Scalar) -> Bool
  ) -> Int {
    var index = start
    while index < end, predicate(s[index]) { index += 1 }
    return index - start
  }

  private func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 0x30 && scalar.value <= 0x39
  }
}

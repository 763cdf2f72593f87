// MARK: - Title

extension MetadataExtractor {
  /// The plan's title, by the first rule that gives one:
  /// 1. the last heading line of the front matter that ends with a plan word, joined with the
  ///    lines it wraps from (`甲市推进新型城镇化` / `建设实施方案`) and the qualifier under it;
  /// 2. the plan a notice issues or forwards (`关于印发甲市…方案的通知`, split over two lines);
  /// 3. the plan a news lead names in book-title marks (`日前印发《甲省…若干措施》`);
  /// 4. a title glued to its body (`甲市…行动计划(2021-2022年)为提高…`).
  ///
  /// A heading line that comes after running text in a news item (no notice before it) is
  /// likely a related article's: the plan the lead reports (rule 3) then wins.
  func title(front: [MetadataLine], lead: [MetadataLine]) -> String? {
    var found: String?
    if let heading = headingTitle(front) {
      found = heading.title
      if isAfterNewsText(front, before: heading.line),
        let reported = quotedTitle(lead, reportedOnly: true)
      {
        found = reported
      }
    }
    found = found ?? noticeTitle(lead) ?? quotedTitle(lead) ?? runInTitle(lead)
    return found.map { dropDraftMarker($0).trimmingSpaces() }
  }

  /// Rule 1: the last heading line, joined with its wrapped lines and qualifiers.
  private func headingTitle(_ lines: [MetadataLine]) -> (title: String, line: Int)? {
    var chosen: (String, Int)?
    // 2.甲项目分解表: an item of a list (of attachments), not a heading.
    for index in lines.indices
    where isTitleEnd(lines[index].text) && !patterns.pageNumber.contains(in: lines[index].text) {
      if let title = joinedTitle(lines, endingAt: index) { chosen = (title, index) }
    }
    return chosen
  }

  /// Whether running text (a sentence with 。) comes before line `index` and no notice does
  /// (`…的通知`, `现将…印发给你们`).
  private func isAfterNewsText(_ lines: [MetadataLine], before index: Int) -> Bool {
    let earlier = lines[..<index]
    guard earlier.contains(where: { $0.text.includes("。") }) else { return false }
    let formulas = cues.words(.noticeFormula)
    return !earlier.contains { line in
      patterns.noticeHeading.contains(in: line.text)
        || formulas.contains { line.text.includes($0) }
    }
  }

  private func joinedTitle(_ lines: [MetadataLine], endingAt index: Int) -> String? {
    let end = lines[index]
    var text = end.text
    var quote = end.quote
    if let date = patterns.trailingPageDate.firstMatch(in: text) {
      let keep = date.range.lowerBound
      text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(keep)))
      quote = end.quote(0..<keep)
    }
    var first = index
    var placed = startsWithPlace(text)
    while first > 0 {
      let previous = lines[first - 1]
      // …第十四个五年规划 / 和二〇三五年远景目标纲要: a line that starts with a connector
      // continues the one above, even if that one could end a title.
      let continues = "和与及暨".unicodeScalars.contains { text.unicodeScalars.first == $0 }
      guard isTitleFragment(previous.text, afterTitleEnd: continues) else { break }
      let connector =
        continues
        || "和与及暨的、《〈“".unicodeScalars.contains { previous.text.unicodeScalars.last == $0 }
      // A letterhead of issuers above 关于…意见 is no part of the title; a notice's title
      // names its sender (甲市人民政府 / 关于…的通知).
      let letterhead = !issuerLine(previous).isEmpty && cues.suffix(of: text, .noticeWord) == nil
      let wrapped = !placed && !letterhead && startsWithPlace(previous.text)
      guard connector || text.count < 6 || wrapped else { break }
      text = previous.text + text
      quote = previous.quote + quote
      first -= 1
      placed = placed || wrapped
      if wrapped { break }
    }
    // 甲省人民政府关于印发 / …方案的通知: a wrapped notice heading, read by rule 2.
    // （2021—2035年）的通知: the tail of a wrapped notice heading, not a title.
    // 施政报告 alone is a title; 目录 alone is a table of contents.
    guard text.count >= 6 || (text.count >= 4 && planWords.contains(text)),
      patterns.noticeHeading.firstMatch(in: text) == nil,
      !text.hasPrefix("("), !text.hasPrefix("的")
    else { return nil }
    var next = index + 1
    while next < lines.count,
      let qualifier = patterns.titleQualifier.wholeMatch(in: lines[next].text)
    {
      if let word = qualifier["word"], !cues.is(word, .qualifier), !cues.is(word, .draft) { break }
      quote += lines[next].quote
      next += 1
    }
    return quote
  }

  /// A line that may be the first part of a wrapped title: short, no sentence punctuation, not
  /// a date, number, notice or parenthesised remark, and (unless `afterTitleEnd`) no title of
  /// its own.
  private func isTitleFragment(_ line: String, afterTitleEnd: Bool = false) -> Bool {
    guard line.count <= 40, !line.contains(where: { "，,。：:；;!！?？|>".contains($0) }),
      afterTitleEnd || !isTitleEnd(line), !line.includes("通知"), !line.hasPrefix("("),
      balancedQuotes(line),
      patterns.dateLine.wholeMatch(in: line) == nil,
      patterns.documentNumber.wholeMatch(in: line) == nil,
      patterns.numericDate.wholeMatch(in: line) == nil
    else { return false }
    return true
  }

  /// Whether a line can end a title: it ends with a plan word (after a period in parentheses
  /// or a horizon year: `蓝图2030+`) and is no sentence, breadcrumb, notice or news headline.
  func isTitleEnd(_ line: String) -> Bool {
    var core = Substring(line)
    if let date = patterns.trailingPageDate.firstMatch(in: line) {
      core = Substring(
        String(String.UnicodeScalarView(line.unicodeScalars.prefix(date.range.lowerBound))))
    }
    guard core.count >= 2, core.count <= 90,
      !core.contains(where: { "。，,；;!！?？|>".contains($0) }), balancedQuotes(core),
      !patterns.noticeVerb.contains(in: String(core))
    else { return false }
    // 标题：…, 附件1：…: a label before a colon; 香港2030+：跨越…策略: a subtitle.
    if let colon = core.firstIndex(where: { $0 == "：" || $0 == ":" }) {
      let label = core[..<colon]
      guard label.count > 5, cues.portalField(String(label)) == nil,
        !core[core.index(after: colon)...].contains(where: { $0 == "：" || $0 == ":" })
      else { return false }
    }
    // 甲省印发…方案: a headline reporting the plan, not its title.
    if !core.includes("关于"), cues.words(.newsVerb).contains(where: { core.includes($0) }) {
      return false
    }
    return endsWithPlanWord(core)
  }

  /// `…方案`, `…方案(2021-2023年)`, `…蓝图2030+`, `…蓝图2.0`.
  func endsWithPlanWord(_ text: some StringProtocol) -> Bool {
    var core = Substring(text)
    while core.hasSuffix(")"), let open = core.lastIndex(of: "(") { core = core[..<open] }
    while let last = core.last, last.isASCII, last.isNumber || last == "+" || last == "." {
      core = core.dropLast()
    }
    return planWords.contains { core.hasSuffix($0) }
  }

  private func balancedQuotes(_ text: some StringProtocol) -> Bool {
    var depth = 0
    for character in text {
      if character == "《" || character == "«" { depth += 1 }
      if character == "》" || character == "»" {
        depth -= 1
        if depth < 0 { return false }
      }
    }
    return depth == 0
  }

  /// Rule 2: `关于印发《…》的通知`, the notice possibly split after 印发…; a forwarded notice
  /// (`转发…关于印发…的通知`) gives the plan inside.
  private func noticeTitle(_ lines: [MetadataLine]) -> String? {
    for index in lines.indices where patterns.noticeVerb.contains(in: lines[index].text) {
      var text = lines[index].text
      var quote = lines[index].quote
      if !text.includes("通知"), index + 1 < lines.count, lines[index + 1].text.includes("通知") {
        text += lines[index + 1].text
        quote += lines[index + 1].quote
      }
      let line = MetadataLine(text: text, quote: quote, span: lines[index].span)
      if let title = issuedPlan(in: line) { return quotedTwin(of: title, in: lines) ?? title }
    }
    return nil
  }

  /// The plan a notice heading issues: `关于印发《甲》的通知` → 甲.
  private func issuedPlan(in line: MetadataLine) -> String? {
    let scalars = Array(line.text.unicodeScalars)
    guard let match = patterns.noticeHeading.firstMatch(in: scalars),
      var range = match.range("title")
    else { return nil }
    // 转发…关于印发甲的通知: the innermost notice.
    while let inner = patterns.noticeHeading.firstMatch(in: scalars, range: range),
      let innerRange = inner.range("title")
    {
      range = innerRange
    }
    // 转发甲办公室关于印发乙的通知: the plan after the last verb.
    while let inner = patterns.noticeVerb.firstMatch(in: scalars, range: range),
      inner.range.upperBound < range.upperBound
    {
      range = inner.range.upperBound..<range.upperBound
    }
    if range.count > 2, "《«".unicodeScalars.contains(scalars[range.lowerBound]),
      "》»".unicodeScalars.contains(scalars[range.upperBound - 1])
    {
      range = (range.lowerBound + 1)..<(range.upperBound - 1)
    }
    let title = ScalarText.string(scalars[range])
    guard title.count >= 4, balancedQuotes(title) else { return nil }
    return line.quote(range)
  }

  /// A notice heading may drop a 的 or a mark from the plan's own title; the notice's text
  /// quotes it whole (`关于印发甲省推进乙措施的通知` … `《甲省推进乙的措施》`): a book title of about the
  /// same length that starts and ends like the heading's.
  private func quotedTwin(of title: String, in lines: [MetadataLine]) -> String? {
    guard !title.hasPrefix("《"), title.count >= 8 else { return nil }
    for line in lines {
      let scalars = Array(line.text.unicodeScalars)
      for match in patterns.bookTitle.matches(in: scalars) {
        guard let range = match.range("title") else { continue }
        let quoted = line.quote(range)
        if quoted != title, abs(quoted.count - title.count) <= 3,
          quoted.prefix(4) == title.prefix(4), quoted.suffix(4) == title.suffix(4)
        {
          return quoted
        }
      }
    }
    return nil
  }

  /// Rule 3: the plan a lead names in book-title marks, preferring one right after a news verb
  /// (`公布《…》`; a longer one that starts alike replaces a headline's shortened one), else the
  /// first that ends with a plan word.
  private func quotedTitle(_ lines: [MetadataLine], reportedOnly: Bool = false) -> String? {
    var fallback: String?
    var reported: String?
    for line in lines {
      let scalars = Array(line.text.unicodeScalars)
      for match in patterns.bookTitle.matches(in: scalars) {
        guard let range = match.range("title") else { continue }
        let inner = MetadataLine(
          text: ScalarText.string(scalars[range]), quote: line.quote(range), span: line.span)
        let title = issuedPlan(in: inner) ?? inner.quote
        guard title.count >= 6, endsWithPlanWord(ScalarText.string(scalars[range])) else {
          continue
        }
        let before = ScalarText.string(
          scalars[max(0, match.range.lowerBound - 4)..<match.range.lowerBound])
        if cues.words(.newsVerb).contains(where: { before.includes($0) }),
          !citesBody(scalars, before: match.range.lowerBound)
        {
          // A headline shortens the title its lead then gives whole.
          if let shorter = reported,
            !(title.count > shorter.count && title.hasPrefix(shorter.prefix(4)))
          {
            continue
          }
          reported = title
        }
        fallback = fallback ?? title
      }
    }
    return reportedOnly ? reported : reported ?? fallback
  }

  /// Rule 4: a title run into its body on one line (a document dump): the line starts with a
  /// place and the title ends with a plan word right before an opener (为, 根据).
  private func runInTitle(_ lines: [MetadataLine]) -> String? {
    for line in lines.prefix(12) {
      var scalars = Array(line.text.unicodeScalars)
      var offset = 0
      if let page = patterns.pageNumber.firstMatch(in: scalars) {
        offset = page.range.upperBound
        scalars = Array(scalars[offset...])
      }
      let text = ScalarText.string(scalars[...])
      guard scalars.count > 7, startsWithPlace(text) else { continue }
      for cut in 6..<min(scalars.count, 90) {
        let rest = ScalarText.string(scalars[cut...])
        guard cues.prefix(of: rest, .opener) != nil else { continue }
        let head = ScalarText.string(scalars[..<cut])
        if isTitleEnd(head) { return line.quote(offset..<(offset + cut)) }
      }
    }
    return nil
  }

  /// `…方案（送审稿）` → `…方案`; qualifiers such as `（征求意见稿）` and `（试行）` stay.
  private func dropDraftMarker(_ title: String) -> String {
    let folded = title.replacing("（", with: "(").replacing("）", with: ")")
    guard let match = patterns.trailingWord.firstMatch(in: folded), let word = match["word"],
      cues.is(word, .draft)
    else { return title }
    let keep = match.range.lowerBound
    return String(String.UnicodeScalarView(title.unicodeScalars.prefix(keep)))
  }

  /// Whether `text` starts with a listed place, or a county or district (`长兴县`), after a
  /// party prefix (`中共`).
  func startsWithPlace(_ text: String) -> Bool {
    let name = withoutPartyPrefix(text)
    if places.longestPlace(prefixOf: name) != nil { return true }
    return localDivision(of: name) != nil
  }

  /// `中共甲省委` → `甲省委`.
  func withoutPartyPrefix(_ text: String) -> String {
    guard let prefix = cues.prefix(of: text, .partyPrefix) else { return text }
    return String(text.dropFirst(prefix.count))
  }

  /// The county, county-level city or district `text` starts with (`长兴县`), not 全市, 本区,
  /// 示范区.
  func localDivision(of text: String) -> String? {
    guard let local = patterns.localDivision.firstMatch(in: text)?["name"],
      cues.prefix(of: local, .notPlace) == nil, cues.suffix(of: local, .notDivision) == nil
    else { return nil }
    return local
  }
}

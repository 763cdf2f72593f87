/// A department found in a list, before it is attached to a task.
struct ListedDepartment: Sendable, Hashable {
  /// The name as written (Simplified) with a distributed prefix restored.
  var name: String
  /// The role the list gives it.
  var role: Responsibility.Role
  /// Where the written part of the name is, in the normalized text.
  var span: SourceSpan
  /// The rule that assigned it (set by the extractor, which knows where the list stood).
  var rule: ResponsibilityRule = .parenthetical
}

/// Parses an assignment such as `自治区工业和信息化厅牵头；自治区生态环境厅、发展改革委配合`
/// into departments with roles.
///
/// Items are separated by 、，, and by 和/及/与 only between two complete names (so
/// 工业和信息化厅 stays whole). A role phrase (牵头, 配合, 按职责分工负责) gives its role to the
/// items before it; items without one are `responsible`. A list's administrative prefix (自治区,
/// 市) is distributed over the bare names that follow (发展改革委 → 自治区发展改革委), but not
/// over names with their own place (广西税务局) or outside bodies (人民银行南宁中心支行).
/// Generic references (有关部门, 各市县人民政府) are dropped.
struct DepartmentListParser: Sendable {
  let lexicon: DepartmentLexicon

  /// Parses `range` of the document; with `firstListedLeads` (列第一位者为牵头部门) the first
  /// name of a role-less group leads and the rest support.
  func parse(_ document: Document, range: Range<Int>, firstListedLeads: Bool = false)
    -> [ListedDepartment]
  {
    let folded = document.folded.scalars
    var result: [ListedDepartment] = []
    var pending: [Range<Int>] = []
    var itemStart = range.lowerBound
    var groupPrefix: String?
    var index = range.lowerBound

    // 市发改委（牵头）: a role in parentheses marks its own item only.
    var itemRole: Responsibility.Role?
    var markedRoles: [Responsibility.Role?] = []
    func closeItem(at end: Int) {
      var lower = itemStart
      var upper = end
      while lower < upper, Self.isTrimmable(folded[lower]) { lower += 1 }
      while upper > lower, Self.isTrimmable(folded[upper - 1]) { upper -= 1 }
      if lower < upper {
        pending.append(lower..<upper)
        markedRoles.append(itemRole)
      }
      itemRole = nil
    }
    // 列第一位的为牵头: the first name leads unless the list marks its leads (A牵头，B、C).
    var leadMarked = false
    func assign(_ role: Responsibility.Role?) {
      if role == .lead || markedRoles.contains(.lead) { leadMarked = true }
      for (position, item) in pending.enumerated() {
        for piece in split(document, item) {
          guard let named = name(document, piece, groupPrefix: &groupPrefix) else { continue }
          var itemRole = role ?? .responsible
          if let marked = markedRoles[position] {
            itemRole = marked
          } else if firstListedLeads, role == nil || role == .responsible {
            itemRole = result.isEmpty && !leadMarked ? .lead : .support
          } else if role == nil, leadMarked {
            // 市发改委牵头，市财政局、市住建局: names after the lead without a role word support.
            itemRole = .support
          }
          result.append(
            ListedDepartment(
              name: named, role: itemRole,
              span: SourceSpan(start: piece.lowerBound, end: piece.upperBound)))
        }
      }
      pending.removeAll()
      markedRoles.removeAll()
    }

    var labelRole: Responsibility.Role?
    var depth = 0
    while index < range.upperBound {
      // Role words inside a parenthetical note (（除标注为“牵头”单位外…）) assign nothing.
      if depth == 0, let (length, role) = roleWord(folded, at: index, end: range.upperBound) {
        closeItem(at: index)
        var after = index + length
        while after < range.upperBound, folded[after] == " " { after += 1 }
        if after < range.upperBound, folded[after] == ":" {
          // 牵头单位：A、B — a label gives its role to the names after it.
          assign(labelRole)
          labelRole = role
          index = after + 1
        } else {
          assign(role)
          labelRole = nil
          index += length
        }
        itemStart = index
        continue
      }
      let scalar = folded[index]
      // 各县（市、区）政府: separators inside parentheses belong to the name.
      if scalar == "(", depth == 0,
        let (length, role) = roleWord(folded, at: index + 1, end: range.upperBound),
        index + 1 + length < range.upperBound, folded[index + 1 + length] == ")"
      {
        // 市发改委（牵头）、市财政局: the marker ends the name.
        itemRole = role
        closeItem(at: index)
        index += length + 2
        itemStart = index
        continue
      }
      if scalar == "(" { depth += 1 } else if scalar == ")" { depth = max(0, depth - 1) }
      if depth == 0,
        scalar == "、" || scalar == "," || scalar == ";" || scalar == "。" || scalar == ":"
          || scalar == " " || scalar == "\t" || scalar == "/"
      {
        closeItem(at: index)
        if scalar == ";" || scalar == "。" {
          assign(labelRole)
          labelRole = nil
        }
        itemStart = index + 1
      }
      index += 1
    }
    closeItem(at: range.upperBound)
    assign(labelRole)
    return result.firstOfEach(key: \.name)
  }

  /// The role phrase at `index`, if any (longest first).
  private func roleWord(_ s: [Unicode.Scalar], at index: Int, end: Int) -> (
    Int, Responsibility.Role
  )? {
    guard index < end, let candidates = lexicon.roleWordsByFirstScalar[s[index]] else { return nil }
    for (scalars, role) in candidates where index + scalars.count <= end {
      if s[index..<(index + scalars.count)].elementsEqual(scalars) { return (scalars.count, role) }
    }
    return nil
  }

  /// Splits an item on 和/及/与 when both sides are complete names, and cuts `等部门` tails.
  private func split(_ document: Document, _ item: Range<Int>) -> [Range<Int>] {
    let s = document.folded.scalars
    var item = item
    // `A等部门`, `A等有关单位`: the list ends at 等.
    if let cut = item.lastIndex(where: { s[$0] == "等" }), cut > item.lowerBound,
      lexicon.isBody(s[item.lowerBound..<cut])
    {
      item = item.lowerBound..<cut
    }
    for index in item where ["和", "及", "与"].contains(s[index]) {
      let left = s[item.lowerBound..<index]
      let right = s[(index + 1)..<item.upperBound]
      if lexicon.isBody(left), lexicon.isBody(right) || lexicon.isGeneric(right) {
        return [item.lowerBound..<index] + split(document, (index + 1)..<item.upperBound)
      }
    }
    return [item]
  }

  /// The name of an item with the group prefix restored, or nil when it is not a body.
  private func name(_ document: Document, _ item: Range<Int>, groupPrefix: inout String?) -> String?
  {
    var lower = item.lowerBound
    let s = document.folded.scalars
    // Leading words of an assignment sentence: 由市财政局…, 请…
    while lower < item.upperBound, ["由", "请"].contains(s[lower]) { lower += 1 }
    var folded = s[lower..<item.upperBound]
    var writtenEnd = item.upperBound
    // 市发展改革委（市能源局）: a body with its second name; the first one decides.
    if folded.last == ")", let open = folded.firstIndex(of: "("), open > folded.startIndex {
      folded = folded[..<open]
      // The name is X: its second name (市能源局) or a note (（列第一位的为牵头单位，下同）) is
      // not part of it.
      writtenEnd = open
    }
    guard lexicon.isBody(folded), folded.count <= 40 else { return nil }
    let written = DisplayText.clean(document.text[SourceSpan(start: lower, end: writtenEnd)])
    if let length = lexicon.ownPrefixLength(of: folded) {
      let own = ScalarText.string(folded.prefix(length))
      if lexicon.administrativePrefixes.contains(where: { own.hasSuffix($0) }) || own.hasSuffix("委")
      {
        groupPrefix = own
      }
      return written
    }
    if lexicon.isIndependent(folded) || !lexicon.takesListPrefix(folded) { return written }
    return (groupPrefix ?? "") + written
  }

  private static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\n"
  }
}

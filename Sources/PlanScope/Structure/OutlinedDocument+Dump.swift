extension OutlinedDocument {
  /// A text dump of the outline, one node per line, for golden files and `planscope outline`:
  /// `[start,end) 二、/（一） 推进工业清洁生产`, indented two spaces per level.
  public func dump() -> String {
    var lines: [String] = ["preamble [\(preamble.start),\(preamble.end))"]
    for section in sections {
      let indent = String(repeating: "  ", count: section.path.count - 1)
      lines.append(
        "\(indent)[\(section.span.start),\(section.span.end)) \(section.path.joined(separator: "/")) \(section.title)"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

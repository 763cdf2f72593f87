/// The pieces of `comparison.html`: escaping, the page's style sheet, a bar chart as inline
/// SVG. The page is self-contained (no scripts, fonts or images from elsewhere) and its bytes
/// depend only on the dataset.
enum ComparisonHTML {
  /// Text escaped for HTML content and attribute values.
  static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }) else {
      return text
    }
    var escaped: [UInt8] = []
    escaped.reserveCapacity(text.utf8.count + 16)
    for byte in text.utf8 {
      switch byte {
      case 0x26: escaped += "&amp;".utf8
      case 0x3C: escaped += "&lt;".utf8
      case 0x3E: escaped += "&gt;".utf8
      case 0x22: escaped += "&quot;".utf8
      case 0x27: escaped += "&#39;".utf8
      default: escaped.append(byte)
      }
    }
    return String(decoding: escaped, as: UTF8.self)
  }

  /// `text` cut to `max` characters (ending with … when cut).
  static func cut(_ text: String, max: Int) -> String {
    text.count > max ? String(text.prefix(max - 1)) + "…" : text
  }

  /// The page up to the end of its header.
  static func head(summary: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Plan comparison</title>
    <style>
    \(style)</style>
    </head>
    <body>
    <header>
    <h1>Plan comparison</h1>
    <p class="summary">\(escape(summary))</p>
    <nav><a href="#plans">Plans</a> · <a href="#glance">At a glance</a> · <a href="#families">Targets by indicator</a> · <a href="#leads">Who leads what</a> · <a href="comparison.md">comparison.md</a> (also other targets, deadlines, warnings)</nav>
    </header>

    """
  }

  /// The end of the page.
  static let tail = "</body>\n</html>\n"

  /// The style sheet: readable tables with sticky headers, charts that scale down.
  static let style = """
    :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bar: #2f6fa7; --down: #c2571a; --band: #f5f7fa; }
    body { margin: 0 auto; max-width: 1200px; padding: 24px 32px 64px; color: var(--ink); font: 14px/1.5 system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 20px; margin: 40px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
    h3 { font-size: 16px; margin: 28px 0 6px; }
    .summary, .note, figcaption { color: var(--muted); }
    nav a, td a { color: var(--bar); }
    .scroll { display: inline-block; max-width: 100%; max-height: 80vh; overflow: auto; border: 1px solid var(--line); }
    table { border-collapse: collapse; font-size: 13px; }
    th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    th { position: sticky; top: 0; background: #fff; box-shadow: 0 1px 0 var(--line); z-index: 1; }
    tbody tr:nth-child(even) { background: var(--band); }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.nowrap { white-space: nowrap; }
    th.plan, td.plan { position: sticky; left: 0; background: inherit; min-width: 16em; max-width: 28em; }
    thead th.plan { background: #fff; z-index: 2; }
    tbody td.plan { background: #fff; }
    tbody tr:nth-child(even) td.plan { background: var(--band); }
    tr.copy td { color: var(--muted); font-style: italic; }
    tr.total td { font-weight: 600; }
    td.none { color: #bcccdc; text-align: center; }
    td.lead { background: #e3f0fb; }
    q { quotes: "「" "」"; color: var(--muted); }
    figure { margin: 8px 0 12px; }
    figure .bars { max-height: 70vh; overflow-y: auto; }
    svg.chart { max-width: 100%; height: auto; }
    svg.chart text { font: 12px system-ui, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; fill: var(--ink); }
    svg.chart text.value { fill: var(--muted); }
    svg.chart rect.bar { fill: var(--bar); }
    svg.chart rect.bar.decrease { fill: var(--down); }
    svg.chart line { stroke: var(--line); }

    """

  // MARK: - Charts

  /// Width of the chart, of its label column and of its longest bar (SVG user units).
  static let chartWidth = 1120
  static let labelWidth = 560
  static let barWidth = 400
  /// Height of one bar's row.
  static let rowHeight = 22
  /// Characters of a bar's label (the full label is its tooltip).
  static let labelLength = 44

  /// The opening of a chart of `rows` bars.
  static func chartHead(family: String, unit: String, rows: Int) -> String {
    let height = rows * rowHeight + 8
    let unitText = unit.isEmpty ? "no unit" : unit
    return
      "<figure><div class=\"bars\"><svg class=\"chart\" "
      + "xmlns=\"http://www.w3.org/2000/svg\" width=\"\(chartWidth)\" "
      + "height=\"\(height)\" viewBox=\"0 0 \(chartWidth) \(height)\" role=\"img\" "
      + "aria-label=\"\(escape(family)) (\(escape(unitText)))\" data-family=\"\(escape(family))\" "
      + "data-unit=\"\(escape(unit))\">\n"
      + "<line x1=\"\(labelWidth)\" y1=\"0\" x2=\"\(labelWidth)\" y2=\"\(height)\"/>\n"
  }

  /// One bar: the plan (and the indicator's wording when it is not the family's name), a bar
  /// as long as the value's magnitude against the chart's largest, the value as written.
  static func bar(
    _ target: ComparisonTarget, family: String, row: Int, largest: Double
  ) -> String {
    let y = row * rowHeight + 4
    // The jurisdiction first: it tells the bars apart at a glance; the title follows.
    var label = target.jurisdiction.map { "\($0) · " } ?? ""
    label += target.title
    if target.indicator != family { label += " · \(target.indicator)" }
    let magnitude = abs(target.amount)
    let length =
      largest > 0 && magnitude.isFinite
      ? max(1, Int((magnitude / largest * Double(barWidth)).rounded())) : 0
    let kind = target.amount < 0 ? "bar decrease" : "bar"
    let textY = y + rowHeight / 2 + 4
    return
      "<g><title>\(escape(label)): \(escape(target.value))</title>"
      + "<text class=\"label\" x=\"\(labelWidth - 8)\" y=\"\(textY)\" text-anchor=\"end\">"
      + "\(escape(cut(label, max: labelLength)))</text>"
      + "<rect class=\"\(kind)\" x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(length)\" "
      + "height=\"\(rowHeight - 6)\"/>"
      + "<text class=\"value\" x=\"\(labelWidth + length + 6)\" y=\"\(textY)\">"
      + "\(escape(target.value))</text></g>\n"
  }

  /// The start of a group of bars whose rows count from `firstRow`.
  static func barGroupHead(firstRow: Int) -> String {
    "<g transform=\"translate(0,\(firstRow * rowHeight))\">\n"
  }

  /// The end of a group of bars.
  static let barGroupTail = "</g>\n"

  /// The end of a chart.
  static func chartTail(unit: String, rows: Int) -> String {
    let caption =
      unit.isEmpty ? "values without a unit" : "values in \(unit) (万 and 亿 multiplied out)"
    return
      "</svg></div><figcaption>\(rows) \(rows == 1 ? "target" : "targets"), \(escape(caption)); "
      + "bars to scale within this chart, decreases in orange.</figcaption></figure>\n"
  }

  // MARK: - Tables

  /// A table's opening with its header row; `planColumn` makes the first column stick.
  static func tableHead(_ headers: [String], planColumn: Bool = true) -> String {
    var html = "<div class=\"scroll\"><table>\n<thead><tr>"
    for (index, header) in headers.enumerated() {
      html += index == 0 && planColumn ? "<th class=\"plan\">" : "<th>"
      html += escape(header) + "</th>"
    }
    return html + "</tr></thead>\n<tbody>\n"
  }

  /// A table's end.
  static let tableTail = "</tbody>\n</table></div>\n"

  /// A cell of role counts, shaded when the function leads.
  static func roleCell(_ counts: [Int]) -> String {
    (counts[0] > 0 ? "<td class=\"lead nowrap\">" : "<td class=\"nowrap\">")
      + ComparisonMarkdownWriter.roles(counts)
      + "</td>"
  }

  /// A link to the quote in the plan's text, and the quote.
  static func source(_ target: ComparisonTarget) -> String {
    "<td><a href=\"\(escape(target.link))\">\(escape(target.id))</a></td>"
      + "<td><q>\(escape(target.quote))</q></td>"
  }
}

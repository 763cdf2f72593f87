extension ComparisonBuilder {
  /// Streams `comparison.html` into `sink`: the plans, the at-a-glance matrix, per shared
  /// family a bar chart per unit and the table of its targets, and who leads what; the same
  /// aggregates and spilled rows as `render(into:)`.
  /// Returns its digest (`RenderSink.digest`).
  /// - Throws: the spill's or the sink's error.
  @discardableResult
  mutating func renderHTML<Sink: ComparisonSink>(into sink: inout Sink) throws(Spill.Failure)
    -> UInt64 where Sink.Failure == Spill.Failure
  {
    var out = RenderSink(base: sink, file: 1)
    try renderPage(into: &out)
    sink = out.base
    return out.digest.value
  }

  private mutating func renderPage<Base: ComparisonSink>(into sink: inout RenderSink<Base>)
    throws(Spill.Failure) where Base.Failure == Spill.Failure
  {
    let shared = sharedFamilies()
    var summary = "\(plans) \(plans == 1 ? "plan" : "plans")"
    if copies > 0 {
      summary +=
        ", \(copies) of them \(copies == 1 ? "a copy" : "copies") of an earlier plan (listed "
        + "once, facts not counted again)"
    }
    summary +=
      "; \(shared.count) indicator \(shared.count == 1 ? "family" : "families") in two plans or more."
    try write(ComparisonHTML.head(summary: summary), into: &sink)
    try renderHTMLPlans(into: &sink)
    try renderHTMLMatrix(shared, into: &sink)
    try renderHTMLFamilies(shared, into: &sink)
    try renderHTMLLeadership(into: &sink)
    try write(ComparisonHTML.tail, into: &sink)
  }

  private func write<Base: ComparisonSink>(_ text: String, into sink: inout RenderSink<Base>)
    throws(Spill.Failure) where Base.Failure == Spill.Failure
  {
    try sink.write(Array(text.utf8))
  }

  /// The plans table; a copy names its original instead of counts.
  private mutating func renderHTMLPlans<Base: ComparisonSink>(into sink: inout RenderSink<Base>)
    throws(Spill.Failure) where Base.Failure == Spill.Failure
  {
    try write("<section id=\"plans\">\n<h2>Plans</h2>\n", into: &sink)
    guard plans > 0 else {
      return try write("<p class=\"note\">None.</p>\n</section>\n", into: &sink)
    }
    try write(
      ComparisonHTML.tableHead([
        "plan", "jurisdiction", "period", "targets", "tasks", "departments", "deadlines",
        "warnings",
      ]), into: &sink)
    var reader = ComparisonReader(.plans)
    var html = ""
    while var entry = try reader.next(from: &spill) {
      let plan = ComparisonPlan(&entry)
      let e = ComparisonHTML.escape
      html +=
        plan.copyOf == nil
        ? "<tr id=\"plan-\(e(plan.key))\">" : "<tr class=\"copy\" id=\"plan-\(e(plan.key))\">"
      html +=
        "<td class=\"plan\"><a href=\"text/\(e(plan.key)).txt\">\(e(plan.title))</a></td>"
        + "<td>\(e(plan.jurisdiction ?? "–"))</td><td class=\"nowrap\">\(e(plan.period))</td>"
      if let original = plan.copyOf {
        html +=
          "<td colspan=\"5\">copy of <a href=\"#plan-\(e(original))\">\(e(original))</a>: "
          + "the same bytes, counted once</td>"
      } else {
        for count in plan.counts { html += "<td class=\"num\">\(count)</td>" }
      }
      html += "</tr>\n"
      if html.utf8.count >= Self.chunk {
        try write(html, into: &sink)
        html = ""
      }
    }
    try write(html + ComparisonHTML.tableTail + "</section>\n", into: &sink)
  }

  /// Shared families × jurisdictions: the values of each.
  private mutating func renderHTMLMatrix<Base: ComparisonSink>(
    _ shared: [Int], into sink: inout RenderSink<Base>
  ) throws(Spill.Failure) where Base.Failure == Spill.Failure {
    try write("<section id=\"glance\">\n<h2>At a glance</h2>\n", into: &sink)
    guard !shared.isEmpty else {
      return try write(
        "<p class=\"note\">No indicator appears in more than one plan.</p>\n</section>\n",
        into: &sink)
    }
    let columns = matrixColumns()
    try write(
      "<p class=\"note\">Targets of each indicator found in two plans or more, by "
        + "jurisdiction.</p>\n"
        + ComparisonHTML.tableHead(
          ["indicator"] + columns.map { $0.isEmpty ? "no jurisdiction" : $0 }),
      into: &sink)
    for (number, family) in shared.enumerated() {
      let cells = matrixRow(family, columns: columns)
      var html =
        "<tr><td class=\"plan\"><a href=\"#family-\(number + 1)\">"
        + "\(ComparisonHTML.escape(families[family].name))</a></td>"
      for cell in cells {
        html +=
          cell == "–" ? "<td class=\"none\">–</td>" : "<td>\(ComparisonHTML.escape(cell))</td>"
      }
      try write(html + "</tr>\n", into: &sink)
    }
    try write(ComparisonHTML.tableTail + "</section>\n", into: &sink)
  }

  /// Per shared family: a chart per unit, then the table of its targets.
  private mutating func renderHTMLFamilies<Base: ComparisonSink>(
    _ shared: [Int], into sink: inout RenderSink<Base>
  ) throws(Spill.Failure) where Base.Failure == Spill.Failure {
    try write("<section id=\"families\">\n<h2>Targets by indicator</h2>\n", into: &sink)
    if shared.isEmpty {
      try write("<p class=\"note\">No indicator appears in more than one plan.</p>\n", into: &sink)
    }
    for (number, family) in shared.enumerated() {
      let name = families[family].name
      try write(
        "<article class=\"family\" id=\"family-\(number + 1)\">\n"
          + "<h3>\(ComparisonHTML.escape(name))</h3>\n", into: &sink)
      let order = chartOrder(family)
      for chart in order {
        let unit = charts[chart].unit
        try write(
          ComparisonHTML.chartHead(family: name, unit: unit, rows: charts[chart].rows),
          into: &sink)
        // Each block's bars are placed from its first row: a row added or removed above moves
        // the group, not the bytes of its bars.
        var firstRow = 0
        for block in try blocks(of: chart) {
          try write(ComparisonHTML.barGroupHead(firstRow: firstRow), into: &sink)
          let key = Self.htmlBarsKey(
            charts[chart].blocks[block], family: name, largest: charts[chart].largest)
          try self.block(key, into: &sink) { builder, sink throws(Spill.Failure) in
            var reader = builder.targets(in: chart, block: block)
            var row = 0
            var html = ""
            while var entry = try reader.next(from: &builder.spill) {
              html += ComparisonHTML.bar(
                ComparisonTarget(&entry), family: name, row: row,
                largest: builder.charts[chart].largest)
              row += 1
              if html.utf8.count >= Self.chunk {
                try builder.write(html, into: &sink)
                html = ""
              }
            }
            try builder.write(html, into: &sink)
          }
          try write(ComparisonHTML.barGroupTail, into: &sink)
          firstRow += charts[chart].blocks[block].rows
        }
        try write(ComparisonHTML.chartTail(unit: unit, rows: charts[chart].rows), into: &sink)
      }
      try write(ComparisonHTML.tableHead(ComparisonMarkdownWriter.familyHeaders), into: &sink)
      for chart in order {
        for block in try blocks(of: chart) {
          try self.block(Self.htmlRowsKey(charts[chart].blocks[block]), into: &sink) {
            builder, sink throws(Spill.Failure) in
            var reader = builder.targets(in: chart, block: block)
            var html = ""
            while var entry = try reader.next(from: &builder.spill) {
              let target = ComparisonTarget(&entry)
              let e = ComparisonHTML.escape
              html +=
                "<tr><td class=\"plan\">\(e(target.plan))</td>"
                + "<td class=\"nowrap\">\(e(target.period))</td>"
                + "<td>\(e(target.indicator))</td><td class=\"num\">\(e(target.value))</td>"
                + "<td>\(e(target.year))</td>\(ComparisonHTML.source(target))</tr>\n"
              if html.utf8.count >= Self.chunk {
                try builder.write(html, into: &sink)
                html = ""
              }
            }
            try builder.write(html, into: &sink)
          }
        }
      }
      try write(ComparisonHTML.tableTail + "</article>\n", into: &sink)
    }
    try write("</section>\n", into: &sink)
  }

  /// Plans × functions, role counts; all plans summed in the first row.
  private mutating func renderHTMLLeadership<Base: ComparisonSink>(into sink: inout RenderSink<Base>)
    throws(Spill.Failure) where Base.Failure == Spill.Failure
  {
    try write("<section id=\"leads\">\n<h2>Who leads what</h2>\n", into: &sink)
    guard !functions.isEmpty else {
      return try write(
        "<p class=\"note\">No department assignments found.</p>\n</section>\n", into: &sink)
    }
    let order = functionOrder()
    try write(
      "<p class=\"note\">Tasks per department function: L lead (牵头), S support (配合), "
        + "R responsible (负责); shaded where the function leads.</p>\n"
        + ComparisonHTML.tableHead(["plan"] + order.map { functions[$0].name }), into: &sink)
    var html = "<tr class=\"total\"><td class=\"plan\">all plans (\(leaderPlans))</td>"
    for function in order { html += ComparisonHTML.roleCell(functions[function].roles) }
    try write(html + "</tr>\n", into: &sink)
    html = ""
    var reader = ComparisonReader(.leadership)
    while var entry = try reader.next(from: &spill) {
      let row = Self.leadershipRow(&entry, order: order)
      html +=
        "<tr><td class=\"plan\"><a href=\"#plan-\(ComparisonHTML.escape(row.key))\">"
        + "\(ComparisonHTML.escape(row.label))</a></td>"
      for cell in row.cells {
        html += cell.map(ComparisonHTML.roleCell) ?? "<td class=\"none\">–</td>"
      }
      html += "</tr>\n"
      if html.utf8.count >= Self.chunk {
        try write(html, into: &sink)
        html = ""
      }
    }
    try write(html + ComparisonHTML.tableTail + "</section>\n", into: &sink)
  }

  /// The key of a block's rows in a family's HTML table.
  static func htmlRowsKey(_ block: RowBlock) -> UInt64 {
    var hash = FNV1a()
    hash.add("html rows")
    hash.add(block.hash.value)
    hash.add(UInt64(block.rows))
    return hash.value
  }

  /// The key of a block's bars in a chart: its rows, the family (a bar names the indicator
  /// when it differs) and the chart's largest value (the bars' scale).
  static func htmlBarsKey(_ block: RowBlock, family: String, largest: Double) -> UInt64 {
    var hash = FNV1a()
    hash.add("html bars")
    hash.add(block.hash.value)
    hash.add(UInt64(block.rows))
    hash.add(family)
    hash.add(largest.bitPattern)
    return hash.value
  }
}

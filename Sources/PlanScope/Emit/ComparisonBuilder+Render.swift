extension ComparisonBuilder {
  /// Bytes copied from the spill to the output at once.
  static var chunk: Int { 1 << 20 }

  /// Streams the Markdown comparison of every record added into `sink`, with a final newline.
  /// - Throws: the spill's or the sink's error.
  mutating func render<Sink: ComparisonSink>(into sink: inout Sink) throws(Spill.Failure)
  where Sink.Failure == Spill.Failure {
    try sink.write(Self.utf8(["# Plan comparison", ""]))
    if copies > 0 { try sink.write(Self.utf8([copiesNote, ""])) }
    try sink.write(Self.utf8(["## Plans", ""]))
    if plans > 0 {
      try sink.write(Self.utf8(ComparisonMarkdownWriter.plansTable.head()))
      var reader = ComparisonReader(.plans)
      while var entry = try reader.next(from: &spill) {
        try sink.write(Self.utf8([ComparisonMarkdownWriter.planRow(ComparisonPlan(&entry))]))
      }
    }
    try sink.write(Self.utf8([""]))
    try renderMatrix(into: &sink)
    try renderFamilies(into: &sink)
    try renderOtherTargets(into: &sink)
    try renderLeadership(into: &sink)
    try sink.write(Self.utf8(["## Deadlines", ""]))
    try copy(.deadlines, into: &sink)
    try sink.write(Self.utf8(["## Warnings", ""]))
    if warned == 0 {
      try sink.write(Self.utf8(["None.", ""]))
    } else {
      try copy(.warnings, into: &sink)
      try sink.write(Self.utf8([""]))
    }
  }

  /// Says how copies are counted.
  var copiesNote: String {
    "\(plans) plans, \(copies) of them \(copies == 1 ? "a copy" : "copies") of an earlier plan "
      + "(the same bytes under another name): listed once, their facts not counted again."
  }

  // MARK: - Targets

  /// A table of the shared families × the jurisdictions with targets in them.
  private mutating func renderMatrix<Sink: ComparisonSink>(into sink: inout Sink)
    throws(Spill.Failure) where Sink.Failure == Spill.Failure
  {
    try sink.write(Self.utf8(["## At a glance", ""]))
    let order = sharedFamilies()
    guard !order.isEmpty else {
      try sink.write(Self.utf8(["No indicator appears in more than one plan.", ""]))
      return
    }
    let columns = matrixColumns()
    let length = ComparisonMarkdownWriter.matrixCellLength
    let head = ["indicator"] + columns.map { $0.isEmpty ? "no jurisdiction" : $0 }
    try sink.write(
      Self.utf8([
        "Targets of each indicator found in two plans or more, by jurisdiction.", "",
        MarkdownTable(headers: head, maxCellLength: length).line(head),
        "|" + String(repeating: " --- |", count: head.count),
      ]))
    for family in order {
      let cells = try matrixRow(family, columns: columns)
      try sink.write(
        Self.utf8([
          MarkdownTable(headers: [], maxCellLength: length).line(
            [families[family].name] + cells)
        ]))
    }
    try sink.write(Self.utf8([""]))
  }

  /// A table per family found in two plans or more, most rows first, rows by unit (most
  /// rows first) and then in record order.
  private mutating func renderFamilies<Sink: ComparisonSink>(into sink: inout Sink)
    throws(Spill.Failure) where Sink.Failure == Spill.Failure
  {
    try sink.write(Self.utf8(["## Targets by indicator", ""]))
    let order = sharedFamilies()
    if order.isEmpty {
      try sink.write(Self.utf8(["No indicator appears in more than one plan.", ""]))
      return
    }
    let headers = ComparisonMarkdownWriter.familyHeaders
    for family in order {
      try sink.write(
        Self.utf8([
          ComparisonMarkdownWriter.heading(label: families[family].name), "",
          MarkdownTable(headers: headers).line(headers),
          "|" + String(repeating: " --- |", count: headers.count),
        ]))
      for chart in try chartOrder(family) {
        // Written in chunks: a family that every plan has would otherwise hold a row per plan.
        var reader = try targets(in: chart)
        var lines: [UInt8] = []
        while var entry = try reader.next(from: &spill) {
          lines += Self.utf8([
            ComparisonMarkdownWriter.targetRow(ComparisonTarget(&entry), withPlan: true)
          ])
          if lines.count >= Self.chunk {
            try sink.write(lines)
            lines.removeAll(keepingCapacity: true)
          }
        }
        try sink.write(lines)
      }
      try sink.write(Self.utf8([""]))
    }
  }

  /// Per record, in record order, the targets of families that got no table of their own.
  private mutating func renderOtherTargets<Sink: ComparisonSink>(into sink: inout Sink)
    throws(Spill.Failure) where Sink.Failure == Spill.Failure
  {
    try sink.write(Self.utf8(["## Other targets", ""]))
    let headers = ComparisonMarkdownWriter.otherHeaders
    var reader = ComparisonReader(.targets)
    while var entry = try reader.next(from: &spill) {
      let label = entry.string()
      var lines: [String] = []
      for _ in 0..<max(0, entry.int()) {
        let chart = entry.int()
        var fields = entry.entry()
        guard charts.indices.contains(chart), !families[charts[chart].family].shared else {
          continue
        }
        if lines.isEmpty {
          lines = [
            ComparisonMarkdownWriter.heading(label: label), "",
            MarkdownTable(headers: headers).line(headers),
            "|" + String(repeating: " --- |", count: headers.count),
          ]
        }
        lines.append(
          ComparisonMarkdownWriter.targetRow(ComparisonTarget(&fields), withPlan: false))
      }
      if !lines.isEmpty { try sink.write(Self.utf8(lines + [""])) }
    }
  }

  // MARK: - Who leads what

  /// Plans with departments × functions (most assignments first): role counts, all plans
  /// summed in the first row.
  private mutating func renderLeadership<Sink: ComparisonSink>(into sink: inout Sink)
    throws(Spill.Failure) where Sink.Failure == Spill.Failure
  {
    guard !functions.isEmpty else {
      try sink.write(
        Self.utf8(["## Who leads what", "", "No department assignments found.", ""]))
      return
    }
    let order = functionOrder()
    let table = MarkdownTable(
      headers: ["plan"] + order.map { functions[$0].name },
      maxCellLength: ComparisonMarkdownWriter.matrixCellLength)
    try sink.write(
      Self.utf8(
        [
          "## Who leads what", "",
          "Tasks per department function: L lead (牵头), S support (配合), R responsible (负责).",
          "",
        ] + table.head()
          + [
            table.line(
              ["all plans (\(leaderPlans))"]
                + order.map { ComparisonMarkdownWriter.roles(functions[$0].roles) })
          ]
      ))
    var reader = ComparisonReader(.leadership)
    var lines: [UInt8] = []
    while var entry = try reader.next(from: &spill) {
      let row = Self.leadershipRow(&entry, order: order)
      lines += Self.utf8([
        "| \(MarkdownTable.cell(row.label, max: ComparisonMarkdownWriter.labelLength)) | "
          + row.cells.map { $0.map(ComparisonMarkdownWriter.roles) ?? "–" }.joined(separator: " | ")
          + " |"
      ])
      if lines.count >= Self.chunk {
        try sink.write(lines)
        lines.removeAll(keepingCapacity: true)
      }
    }
    try sink.write(lines + Self.utf8([""]))
  }

  /// Functions, most assignments first.
  func functionOrder() -> [Int] {
    functions.indices.sorted {
      (-functions[$0].total, functions[$0].name) < (-functions[$1].total, functions[$1].name)
    }
  }

  /// One spilled plan's label, key and role counts per function in `order` (nil: none).
  static func leadershipRow(_ entry: inout ComparisonEntry, order: [Int])
    -> (label: String, key: String, cells: [[Int]?])
  {
    let label = entry.string()
    let key = entry.string()
    var counts: [Int: [Int]] = [:]
    for _ in 0..<max(0, entry.int()) {
      let function = entry.int()
      counts[function] = [entry.int(), entry.int(), entry.int()]
    }
    return (label, key, order.map { counts[$0] })
  }

  // MARK: - Shared families

  /// The families found in two plans or more, most targets first.
  func sharedFamilies() -> [Int] {
    families.indices.filter { families[$0].shared }.sorted {
      (-families[$0].rows, families[$0].name) < (-families[$1].rows, families[$1].name)
    }
  }

  /// A shared family's charts, most targets first; regroups the targets first if needed.
  mutating func chartOrder(_ family: Int) throws(Spill.Failure) -> [Int] {
    try groupOnce()
    return families[family].charts.sorted {
      (-charts[$0].rows, charts[$0].unit) < (-charts[$1].rows, charts[$1].unit)
    }
  }

  /// A reader of one chart's targets (`ComparisonTarget` entries) in `.grouped`.
  mutating func targets(in chart: Int) throws(Spill.Failure) -> ComparisonReader {
    try groupOnce()
    return ComparisonReader(.grouped, from: chartOffsets[chart], count: charts[chart].bytes)
  }

  /// The jurisdictions with targets in a shared family, with most such families first
  /// (`""`, plans without a jurisdiction, last).
  func matrixColumns() -> [String] {
    let shared = Set(sharedFamilies())
    return jurisdictions.compactMap { name, found -> (String, Int)? in
      let count = found.intersection(shared).count
      return count > 0 ? (name, count) : nil
    }
    .sorted { ($0.0.isEmpty ? 1 : 0, -$0.1, $0.0) < ($1.0.isEmpty ? 1 : 0, -$1.1, $1.0) }
    .map(\.0)
  }

  /// A family's values per jurisdiction in `columns` (`–` for none), at most three a cell.
  mutating func matrixRow(_ family: Int, columns: [String]) throws(Spill.Failure) -> [String] {
    // Per jurisdiction the values shown and how many there are: memory holds a few values
    // per jurisdiction, however many plans share the family.
    var values: [String: (shown: [String], count: Int)] = [:]
    for chart in try chartOrder(family) {
      var reader = try targets(in: chart)
      while var entry = try reader.next(from: &spill) {
        let target = ComparisonTarget(&entry)
        var cell = values[target.jurisdiction ?? ""] ?? ([], 0)
        if cell.count < Self.matrixValues { cell.shown.append(target.value) }
        cell.count += 1
        values[target.jurisdiction ?? ""] = cell
      }
    }
    return columns.map { column in
      guard let cell = values[column] else { return "–" }
      let shown = cell.shown.joined(separator: " / ")
      return cell.count > cell.shown.count ? shown + " (+\(cell.count - cell.shown.count))" : shown
    }
  }

  /// Values shown in one cell of the at-a-glance matrix.
  static var matrixValues: Int { 3 }

  /// Writes the targets of the shared families to `.grouped`, chart after chart: one pass
  /// over the targets, each put at its chart's next offset (buffered, a megabyte at most in
  /// memory). Does nothing the second time.
  private mutating func groupOnce() throws(Spill.Failure) {
    guard chartOffsets.isEmpty else { return }
    chartOffsets = Array(repeating: -1, count: charts.count)
    var offset = 0
    for family in sharedFamilies() {
      for chart in families[family].charts.sorted(by: {
        (-charts[$0].rows, charts[$0].unit) < (-charts[$1].rows, charts[$1].unit)
      }) {
        chartOffsets[chart] = offset
        offset += charts[chart].bytes
      }
    }
    var next = chartOffsets
    var pending: [Int: [UInt8]] = [:]
    var pendingBytes = 0
    var reader = ComparisonReader(.targets)
    while var entry = try reader.next(from: &spill) {
      _ = entry.utf8()
      for _ in 0..<max(0, entry.int()) {
        let chart = entry.int()
        let fields = entry.entry()
        guard next.indices.contains(chart), next[chart] >= 0 else { continue }
        pending[chart, default: []] += fields.framed
        pendingBytes += fields.bytes.count + 8
      }
      if pendingBytes >= Self.chunk {
        try flush(&pending, next: &next)
        pendingBytes = 0
      }
    }
    try flush(&pending, next: &next)
  }

  private mutating func flush(_ pending: inout [Int: [UInt8]], next: inout [Int])
    throws(Spill.Failure)
  {
    for (chart, bytes) in pending {
      try spill.write(bytes, at: next[chart], to: .grouped)
      next[chart] += bytes.count
    }
    pending.removeAll(keepingCapacity: true)
  }

  // MARK: - Copying

  /// Copies a whole stream into `sink`.
  private mutating func copy<Sink: ComparisonSink>(
    _ stream: ComparisonStream, into sink: inout Sink
  ) throws(Spill.Failure) where Sink.Failure == Spill.Failure {
    var copied = 0
    while true {
      let bytes = try spill.read(stream, at: copied, count: Self.chunk)
      guard !bytes.isEmpty else { return }
      try sink.write(bytes)
      copied += bytes.count
    }
  }
}

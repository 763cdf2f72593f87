extension ComparisonBuilder {
  /// Bytes copied from the spill to the output at once.
  static var chunk: Int { 1 << 20 }

  /// Streams the Markdown comparison of every record added into `sink`, with a final newline;
  /// returns its digest (`RenderSink.digest`).
  /// - Throws: the spill's or the sink's error.
  @discardableResult
  mutating func render<Sink: ComparisonSink>(into sink: inout Sink) throws(Spill.Failure) -> UInt64
  where Sink.Failure == Spill.Failure {
    var out = RenderSink(base: sink, file: 0)
    try renderMarkdown(into: &out)
    sink = out.base
    return out.digest.value
  }

  private mutating func renderMarkdown<Base: ComparisonSink>(into sink: inout RenderSink<Base>)
    throws(Spill.Failure) where Base.Failure == Spill.Failure
  {
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
  private mutating func renderMatrix<Base: ComparisonSink>(into sink: inout RenderSink<Base>)
    throws(Spill.Failure) where Base.Failure == Spill.Failure
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
      let cells = matrixRow(family, columns: columns)
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
  private mutating func renderFamilies<Base: ComparisonSink>(into sink: inout RenderSink<Base>)
    throws(Spill.Failure) where Base.Failure == Spill.Failure
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
      for chart in chartOrder(family) {
        for block in try blocks(of: chart) {
          try self.block(Self.markdownRowsKey(charts[chart].blocks[block]), into: &sink) {
            builder, sink throws(Spill.Failure) in
            // Written in chunks: a block of a family every plan has may still be long.
            var reader = builder.targets(in: chart, block: block)
            var lines: [UInt8] = []
            while var entry = try reader.next(from: &builder.spill) {
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
        }
      }
      try sink.write(Self.utf8([""]))
    }
  }

  /// Per record, in record order, the targets of families that got no table of their own.
  private mutating func renderOtherTargets<Base: ComparisonSink>(into sink: inout RenderSink<Base>)
    throws(Spill.Failure) where Base.Failure == Spill.Failure
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
  private mutating func renderLeadership<Base: ComparisonSink>(into sink: inout RenderSink<Base>)
    throws(Spill.Failure) where Base.Failure == Spill.Failure
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

  /// A shared family's charts, most targets first.
  func chartOrder(_ family: Int) -> [Int] {
    families[family].charts.sorted {
      (-charts[$0].rows, charts[$0].unit) < (-charts[$1].rows, charts[$1].unit)
    }
  }

  /// A chart's blocks (indices into its `blocks`); regroups the targets of those that must be
  /// rendered first, if needed.
  mutating func blocks(of chart: Int) throws(Spill.Failure) -> Range<Int> {
    try groupOnce()
    return charts[chart].blocks.indices
  }

  /// A reader of one block's targets (`ComparisonTarget` entries) in `.grouped`.
  func targets(in chart: Int, block: Int) -> ComparisonReader {
    ComparisonReader(
      .grouped, from: blockOffsets[firstBlock[chart] + block],
      count: charts[chart].blocks[block].bytes)
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

  /// A family's values per jurisdiction in `columns` (`–` for none), at most three a cell:
  /// the first of its charts in chart order, each chart's in record order.
  func matrixRow(_ family: Int, columns: [String]) -> [String] {
    var values: [String: (shown: [String], count: Int)] = [:]
    for chart in chartOrder(family) {
      for (jurisdiction, found) in charts[chart].cells {
        var cell = values[jurisdiction] ?? ([], 0)
        cell.shown += found.shown.prefix(Self.matrixValues - cell.shown.count)
        cell.count += found.count
        values[jurisdiction] = cell
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

  // MARK: - Blocks

  /// Writes the bytes of block `key` into `sink`: copied from the earlier rendering when
  /// `blocks` has it, else rendered by `render`; recorded in `blocks` either way. `sink`'s
  /// digest takes the block's digest, so a copied block counts as a rendered one.
  /// - Throws: the spill's or the sink's error.
  mutating func block<Base: ComparisonSink>(
    _ key: UInt64, into sink: inout RenderSink<Base>,
    _ render: (inout Self, inout RenderSink<Base>) throws(Spill.Failure) -> Void
  ) throws(Spill.Failure) where Base.Failure == Spill.Failure {
    let key = Self.fileKey(key, file: sink.file)
    let start = sink.base.offset
    if let blocks, let copied = try sink.base.reuse(key, file: sink.file, from: blocks) {
      sink.digest.add(copied.digest)
      blocks.record(
        key,
        ComparisonBlocks.Block(file: sink.file, range: start..<sink.base.offset, digest: copied.digest))
      return
    }
    sink.block = FNV1a()
    try render(&self, &sink)
    let digest = sink.block?.value ?? 0
    sink.block = nil
    sink.digest.add(digest)
    blocks?.record(
      key, ComparisonBlocks.Block(file: sink.file, range: start..<sink.base.offset, digest: digest))
  }

  /// A block's key in one file (the same rows render differently in each).
  static func fileKey(_ key: UInt64, file: Int) -> UInt64 {
    var hash = FNV1a()
    hash.add(key)
    hash.add(UInt64(file))
    return hash.value
  }

  /// The key of a block's rows in a family's Markdown table.
  static func markdownRowsKey(_ block: RowBlock) -> UInt64 {
    var hash = FNV1a()
    hash.add("markdown rows")
    hash.add(block.hash.value)
    hash.add(UInt64(block.rows))
    return hash.value
  }

  /// Whether a block's rows must be rendered (in some file), so regrouped.
  func mustRender(_ chart: Int, block: Int) -> Bool {
    guard let blocks else { return true }
    return Self.keys(chart: charts[chart], family: families[charts[chart].family].name, block: block)
      .contains { !blocks.reusable($0) }
  }

  /// Every key a chart's block has, in both files.
  static func keys(chart: Chart, family: String, block: Int) -> [UInt64] {
    let rows = chart.blocks[block]
    return [
      fileKey(markdownRowsKey(rows), file: 0),
      fileKey(htmlRowsKey(rows), file: 1),
      fileKey(htmlBarsKey(rows, family: family, largest: chart.largest), file: 1),
    ]
  }

  /// Writes the targets of the blocks that must be rendered to `.grouped`, block after block:
  /// one pass over the targets, each put at its block's next offset (buffered, a megabyte at
  /// most in memory). Does nothing the second time; no pass when every block is copied.
  private mutating func groupOnce() throws(Spill.Failure) {
    guard firstBlock.isEmpty else { return }
    closeBlocks()
    var first = 0
    for chart in charts.indices {
      firstBlock.append(first)
      first += charts[chart].blocks.count
    }
    blockOffsets = Array(repeating: -1, count: first)
    var offset = 0
    for family in sharedFamilies() {
      for chart in chartOrder(family) {
        for block in charts[chart].blocks.indices where mustRender(chart, block: block) {
          blockOffsets[firstBlock[chart] + block] = offset
          offset += charts[chart].blocks[block].bytes
        }
      }
    }
    guard offset > 0 else { return }
    var next = blockOffsets
    // Per chart, the block the next target falls in and the rows left in it.
    var cursor = charts.map { (block: 0, left: $0.blocks.first?.rows ?? 0) }
    var pending: [Int: [UInt8]] = [:]
    var pendingBytes = 0
    var reader = ComparisonReader(.targets)
    while var entry = try reader.next(from: &spill) {
      _ = entry.utf8()
      for _ in 0..<max(0, entry.int()) {
        let chart = entry.int()
        let fields = entry.utf8()
        guard cursor.indices.contains(chart), cursor[chart].block < charts[chart].blocks.count
        else { continue }
        let id = firstBlock[chart] + cursor[chart].block
        cursor[chart].left -= 1
        if cursor[chart].left == 0 {
          cursor[chart].block += 1
          if cursor[chart].block < charts[chart].blocks.count {
            cursor[chart].left = charts[chart].blocks[cursor[chart].block].rows
          }
        }
        guard next[id] >= 0 else { continue }
        var framed = ComparisonEntry()
        framed.append(fields.count)
        pending[id, default: []] += framed.bytes
        pending[id, default: []] += fields
        pendingBytes += fields.count + 8
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
    for (block, bytes) in pending.sorted(by: { $0.key < $1.key }) {
      try spill.write(bytes, at: next[block], to: .grouped)
      next[block] += bytes.count
    }
    pending.removeAll(keepingCapacity: true)
  }

  // MARK: - Copying

  /// Copies a whole stream into `sink`.
  private mutating func copy<Base: ComparisonSink>(
    _ stream: ComparisonStream, into sink: inout RenderSink<Base>
  ) throws(Spill.Failure) where Base.Failure == Spill.Failure {
    var copied = 0
    while true {
      let bytes = try spill.read(stream, at: copied, count: Self.chunk)
      guard !bytes.isEmpty else { return }
      try sink.write(bytes)
      copied += bytes.count
    }
  }
}

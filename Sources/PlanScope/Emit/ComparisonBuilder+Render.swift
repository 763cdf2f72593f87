extension ComparisonBuilder {
  /// Bytes copied from the spill to the output at once.
  private static var chunk: Int { 1 << 20 }

  /// Streams the comparison of every record added into `sink`, with a final newline.
  /// - Throws: the spill's or the sink's error.
  mutating func render<Sink: ComparisonSink>(into sink: inout Sink) throws(Spill.Failure)
  where Sink.Failure == Spill.Failure {
    try sink.write(Self.utf8(["# Plan comparison", "", "## Plans", ""]))
    if plans > 0 {
      try sink.write(Self.utf8(ComparisonMarkdownWriter.plansTable.head()))
      try copy(.plans, into: &sink)
    }
    try sink.write(Self.utf8([""]))
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

  // MARK: - Targets

  /// A table per family found in two plan ids or more, most rows first, rows in record order.
  private mutating func renderFamilies<Sink: ComparisonSink>(into sink: inout Sink)
    throws(Spill.Failure) where Sink.Failure == Spill.Failure
  {
    try sink.write(Self.utf8(["## Targets by indicator", ""]))
    let order = families.indices.filter { families[$0].shared }.sorted {
      (-families[$0].rows, families[$0].name) < (-families[$1].rows, families[$1].name)
    }
    if order.isEmpty {
      try sink.write(Self.utf8(["No indicator appears in more than one plan.", ""]))
      return
    }
    try group(order)
    var offset = 0
    for family in order {
      let head = [ComparisonMarkdownWriter.heading(family: families[family].name), ""]
      try sink.write(Self.utf8(head + ComparisonMarkdownWriter.familyTable.head()))
      try copy(.grouped, from: offset, count: families[family].bytes, into: &sink)
      offset += families[family].bytes
      try sink.write(Self.utf8([""]))
    }
  }

  /// Writes the rows of the shared families to `.grouped`, family after family in `order`:
  /// one pass over the targets, each row put at its family's next offset (buffered, a
  /// megabyte at most in memory).
  private mutating func group(_ order: [Int]) throws(Spill.Failure) {
    var next = Array(repeating: -1, count: families.count)
    var offset = 0
    for family in order {
      next[family] = offset
      offset += families[family].bytes
    }
    var pending: [Int: [UInt8]] = [:]
    var pendingBytes = 0
    var reader = ComparisonReader(.targets)
    while var entry = try reader.next(from: &spill) {
      _ = entry.utf8()
      for _ in 0..<max(0, entry.int()) {
        let family = entry.int()
        let row = entry.utf8()
        _ = entry.utf8()
        guard next.indices.contains(family), next[family] >= 0 else { continue }
        pending[family, default: []] += row
        pending[family, default: []].append(0x0A)
        pendingBytes += row.count + 1
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
    for (family, bytes) in pending {
      try spill.write(bytes, at: next[family], to: .grouped)
      next[family] += bytes.count
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// Per record, in record order, the targets of families that got no table of their own.
  private mutating func renderOtherTargets<Sink: ComparisonSink>(into sink: inout Sink)
    throws(Spill.Failure) where Sink.Failure == Spill.Failure
  {
    try sink.write(Self.utf8(["## Other targets", ""]))
    var reader = ComparisonReader(.targets)
    while var entry = try reader.next(from: &spill) {
      let heading = entry.string()
      var lines: [UInt8] = []
      for _ in 0..<max(0, entry.int()) {
        let family = entry.int()
        _ = entry.utf8()
        let row = entry.utf8()
        guard families.indices.contains(family), !families[family].shared else { continue }
        if lines.isEmpty {
          lines = Self.utf8([heading, ""] + ComparisonMarkdownWriter.otherTable.head())
        }
        lines += row
        lines.append(0x0A)
      }
      if !lines.isEmpty { try sink.write(lines + Self.utf8([""])) }
    }
  }

  // MARK: - Who leads what

  /// Functions × plans with departments: role counts per plan id, most assignments first.
  private mutating func renderLeadership<Sink: ComparisonSink>(into sink: inout Sink)
    throws(Spill.Failure) where Sink.Failure == Spill.Failure
  {
    guard !functions.isEmpty else {
      try sink.write(
        Self.utf8(["## Who leads what", "", "No department assignments found.", ""]))
      return
    }
    try sink.write(
      Self.utf8([
        "## Who leads what", "",
        "Tasks per department function: L lead (牵头), S support (配合), R responsible (负责).", "",
      ]))
    let length = ComparisonMarkdownWriter.leadershipCellLength
    try sink.write(Array("| \(MarkdownTable.cell("function", max: length))".utf8))
    try copy(.leaderLabels, into: &sink)
    try sink.write(Array(" |\n|".utf8))
    let separator = Array(" --- |".utf8)
    var line: [UInt8] = []
    for _ in 0...leaderPlans {
      line += separator
      if line.count >= Self.chunk {
        try sink.write(line)
        line.removeAll(keepingCapacity: true)
      }
    }
    try sink.write(line + [0x0A])
    let repeated = try repeatedCounts()
    let order = functions.indices.sorted {
      (-functions[$0].total, functions[$0].name) < (-functions[$1].total, functions[$1].name)
    }
    for function in order {
      line = Array("| \(MarkdownTable.cell(functions[function].name, max: length))".utf8)
      var reader = ComparisonReader(.leadership)
      while var entry = try reader.next(from: &spill) {
        let id = entry.string()
        let roles: [Int]?
        if let sums = repeated[id] {
          roles = sums[function]
        } else {
          roles = Self.roles(of: function, in: &entry)
        }
        let cell = roles.map { "L\($0[0]) S\($0[1]) R\($0[2])" } ?? "–"
        line += " | \(MarkdownTable.cell(cell, max: length))".utf8
        if line.count >= Self.chunk {
          try sink.write(line)
          line.removeAll(keepingCapacity: true)
        }
      }
      try sink.write(line + Array(" |\n".utf8))
    }
    try sink.write(Self.utf8([""]))
  }

  /// The counts of ids that several plans share, summed over those plans (the table is keyed
  /// by plan id, so each of their columns shows the sum); one pass, only when there are any.
  private mutating func repeatedCounts() throws(Spill.Failure) -> [String: [Int: [Int]]] {
    guard !repeatedLeaderIDs.isEmpty else { return [:] }
    var sums: [String: [Int: [Int]]] = [:]
    var reader = ComparisonReader(.leadership)
    while var entry = try reader.next(from: &spill) {
      let id = entry.string()
      guard repeatedLeaderIDs.contains(id) else { continue }
      for _ in 0..<max(0, entry.int()) {
        let function = entry.int()
        for column in 0..<3 {
          sums[id, default: [:]][function, default: [0, 0, 0]][column] += entry.int()
        }
      }
    }
    return sums
  }

  /// One function's lead, support and responsible counts in a spilled plan, if it has any.
  private static func roles(of function: Int, in entry: inout ComparisonEntry) -> [Int]? {
    for _ in 0..<max(0, entry.int()) {
      let found = entry.int()
      let roles = [entry.int(), entry.int(), entry.int()]
      if found == function { return roles }
    }
    return nil
  }

  // MARK: - Copying

  /// Copies `count` bytes of a stream from `offset` (all of it by default) into `sink`.
  private mutating func copy<Sink: ComparisonSink>(
    _ stream: ComparisonStream, from offset: Int = 0, count: Int = .max, into sink: inout Sink
  ) throws(Spill.Failure) where Sink.Failure == Spill.Failure {
    var copied = 0
    while copied < count {
      let bytes = try spill.read(
        stream, at: offset + copied, count: min(Self.chunk, count - copied))
      guard !bytes.isEmpty else { return }
      try sink.write(bytes)
      copied += bytes.count
    }
  }
}

/// What the target extractor needs besides the sentences.
public struct TargetContext: Sendable {
  /// The plan period: its end is the target year of targets without their own year.
  public var period: Period?
  /// The plan's deadlines (their spans date the targets around them).
  public var deadlines: [Deadline]
  /// Whether 2–3 digit years are Republic of China years (Taiwan's plans).
  public var rocYears: Bool

  /// Deadlines by the offset they start at (looked up for every scalar before a number).
  let deadlineStarting: [Int: Deadline]

  /// Creates a context.
  public init(period: Period?, deadlines: [Deadline], rocYears: Bool = false) {
    self.period = period
    self.deadlines = deadlines.sorted { $0.span.start < $1.span.start }
    self.rocYears = rocYears
    var starting: [Int: Deadline] = [:]
    for deadline in deadlines where starting[deadline.span.start] == nil {
      starting[deadline.span.start] = deadline
    }
    self.deadlineStarting = starting
  }

  /// The last deadline (not relative) ending at or before `position` and starting at or after
  /// `floor`, found by binary search over the deadlines in document order.
  func lastDeadline(endingBy position: Int, from floor: Int) -> Deadline? {
    var low = 0
    var high = deadlines.count
    while low < high {
      let middle = (low + high) / 2
      if deadlines[middle].span.start < position { low = middle + 1 } else { high = middle }
    }
    var index = low - 1
    while index >= 0, deadlines[index].span.start >= floor {
      let deadline = deadlines[index]
      if deadline.span.end <= position && deadline.kind != .relative { return deadline }
      index -= 1
    }
    return nil
  }
}

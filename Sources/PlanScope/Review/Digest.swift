import Foundation

/// What a weekly digest reports: plans new or changed in a window, their changes, and the
/// deadlines falling due soon.
public struct Digest: Sendable, Hashable {
  /// A plan first seen in the window.
  public var new: [DocumentRecord]
  /// A plan whose bytes changed in the window, with its changes against the previous version.
  public var changed: [(record: DocumentRecord, changes: DatasetChanges.DocumentChanges?)]
  /// Plans the latest run no longer found, last seen in the window.
  public var removed: [String]
  /// Deadlines dated from `today` to the end of the horizon, with their plan, by date.
  public var due: [(record: DocumentRecord, deadline: Deadline)]
  /// First day of the window, `YYYY-MM-DD`.
  public var since: String
  /// The day the digest is for, `YYYY-MM-DD`.
  public var today: String
  /// Last day of the horizon, `YYYY-MM-DD`.
  public var horizon: String

  public static func == (lhs: Digest, rhs: Digest) -> Bool {
    lhs.new == rhs.new && lhs.removed == rhs.removed && lhs.since == rhs.since
      && lhs.today == rhs.today
      && lhs.horizon == rhs.horizon && lhs.changed.map(\.record) == rhs.changed.map(\.record)
      && lhs.due.map(\.deadline) == rhs.due.map(\.deadline)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(new)
    hasher.combine(since)
    hasher.combine(today)
  }

  /// Whether there is nothing to report.
  public var isEmpty: Bool { new.isEmpty && changed.isEmpty && removed.isEmpty && due.isEmpty }
}

/// Builds a digest from the state database's entries. Takes the clock as a parameter.
public struct DigestBuilder: Sendable {
  /// Creates a builder.
  public init() {}

  /// The first day of the `days` calendar days that end with the day of `now` (UTC): a
  /// weekly digest with `days` 7 covers Tuesday to Monday, and next week's starts where this
  /// one ended, so no plan is reported twice.
  public static func windowStart(days: Int, endingOn now: Date) -> Date {
    let today = date(fromDay: day(now)) ?? now
    return today.addingTimeInterval(-Double(max(1, days) - 1) * 86_400)
  }

  /// The digest of changes since `since`, as seen on `now`, with deadlines due within
  /// `horizonDays` days. A plan first seen and changed in the window is new and changed.
  public func build(entries: [StateEntry], since: Date, now: Date, horizonDays: Int) -> Digest {
    let today = Self.day(now)
    let horizon = Self.day(now.addingTimeInterval(Double(horizonDays) * 86_400))
    let present = entries.filter(\.present)
    let new = present.filter { $0.firstSeen >= since }.map(\.record)
    let changed = present.filter {
      $0.lastChanged >= since && $0.lastChanged > $0.firstSeen
    }.map { entry in
      (entry.record, entry.previous.map { DatasetDiffer().documentChanges($0, entry.record) })
    }
    let removed = entries.filter { !$0.present && ($0.removedAt.map { $0 >= since } ?? false) }.map(
      \.path)
    var due: [(DocumentRecord, Deadline)] = []
    for entry in present {
      for deadline in entry.record.deadlines
      where deadline.kind != .recurring && deadline.kind != .relative {
        guard let date = deadline.date, date >= today, date <= horizon else { continue }
        due.append((entry.record, deadline))
      }
    }
    due.sort {
      ($0.1.date ?? "", $0.0.source.path, $0.1.span.start) < (
        $1.1.date ?? "", $1.0.source.path, $1.1.span.start
      )
    }
    return Digest(
      new: new, changed: changed, removed: removed, due: due, since: Self.day(since), today: today,
      horizon: horizon)
  }

  /// `YYYY-MM-DD` in UTC.
  static func day(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: date)
  }

  /// A `YYYY-MM-DD` day at 00:00 UTC.
  public static func date(fromDay text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.date(from: text)
  }
}

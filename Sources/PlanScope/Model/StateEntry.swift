import Foundation

/// What the state database knows about one document path.
public struct StateEntry: Sendable, Hashable {
  /// `source.path`.
  public var path: String
  /// SHA-256 of the bytes last seen.
  public var sha256: String
  /// When the path was first seen.
  public var firstSeen: Date
  /// When its bytes last changed (first seen counts as a change).
  public var lastChanged: Date
  /// When a run last saw it.
  public var lastSeen: Date
  /// Whether the latest run saw it.
  public var present: Bool
  /// When a run first missed it, while it is missing.
  public var removedAt: Date?
  /// Its current record.
  public var record: DocumentRecord
  /// Its record before the last change, if it changed after it was first seen.
  public var previous: DocumentRecord?
}

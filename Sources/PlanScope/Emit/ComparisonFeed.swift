import Foundation

/// Adds the plans' parts to a comparison on a thread of its own, in the order they come, so
/// the thread writing a run's outputs goes on splicing and encoding meanwhile (20,000 plans,
/// one changed: adding the 20,000 replayed parts was a third of that thread's work).
///
/// The builder belongs to the thread until `finish` hands it back; nothing else may touch it
/// meanwhile (the parts' names are worked out with a `ComparisonNames` of the caller's).
final class ComparisonFeed<Spill: ComparisonSpill>: @unchecked Sendable {
  private var builder: ComparisonBuilder<Spill>
  private var thread: QueueThread<ComparisonContribution>?

  /// Starts the thread with `builder`.
  init(_ builder: ComparisonBuilder<Spill>) {
    self.builder = builder
    // A part is a few KB: the thread may fall behind by a thousand plans.
    thread = QueueThread(
      name: "planscope-comparison", capacity: 1024,
      handle: { [unowned self] part in try self.builder.add(part) }, complete: {})
  }

  /// Queues the next plan's part; waits while the queue is full.
  /// - Throws: the error that stopped the thread (the spill's), if any.
  func add(_ part: ComparisonContribution) throws {
    try thread?.add(part)
  }

  /// Waits until every part is added and hands the builder back.
  /// - Throws: the first error of the thread.
  func finish() throws -> ComparisonBuilder<Spill> {
    try thread?.finish()
    thread = nil
    return builder
  }

  /// Stops the thread without adding the parts still queued; returns once it has stopped.
  func cancel() {
    thread?.cancel(waiting: true)
  }
}

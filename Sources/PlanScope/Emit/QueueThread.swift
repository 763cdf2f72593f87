import Foundation

/// A thread of its own that handles items one at a time in the order they are queued, so a
/// slow sink (a database, its full-text index) works while the thread that feeds it goes on.
///
/// Items go through a bounded queue, so memory holds at most `capacity` worth of waiting
/// items (each costs `cost(item)`, 1 by default; one item is always let in) and the result is
/// the same as handling them directly. The first error stops the thread; the next `add` or
/// `finish` rethrows it.
final class QueueThread<Item>: @unchecked Sendable {
  private let handle: (Item) throws -> Void
  private let complete: () throws -> Void
  private let cost: (Item) -> Int
  private let capacity: Int
  /// Guards everything below.
  private let condition = NSCondition()
  private var queue: [(item: Item?, cost: Int)] = []
  /// Where the next item to handle is in `queue` (handled ones are dropped in batches: a
  /// queue of many cheap items made `removeFirst` quadratic; their slots let go of them at
  /// once, or up to a thousand handled documents' texts stayed in memory).
  private var head = 0
  /// The cost of the queued items.
  private var queued = 0
  private var closed = false
  private var cancelled = false
  private var finished = false
  private var failure: (any Error)?
  /// Whether the thread waits for an item, and how many callers of `add` wait for room: the
  /// condition is signalled only then (a signal per item was a system call per item).
  private var threadWaits = false
  private var addersWaiting = 0

  /// Starts the thread named `name`: `handle` takes each item, `complete` runs once every
  /// item is handled (not when cancelled).
  init(
    name: String, capacity: Int = 8, cost: @escaping (Item) -> Int = { _ in 1 },
    handle: @escaping (Item) throws -> Void, complete: @escaping () throws -> Void
  ) {
    self.handle = handle
    self.complete = complete
    self.cost = cost
    self.capacity = max(1, capacity)
    let thread = Thread { [self] in drain() }
    thread.name = name
    thread.start()
  }

  /// Queues `item`; waits while the queue is full.
  /// - Throws: the error that stopped the thread, if any.
  func add(_ item: Item) throws {
    condition.lock()
    defer { condition.unlock() }
    let itemCost = cost(item)
    while head < queue.count, queued + itemCost > capacity, failure == nil, !finished {
      addersWaiting += 1
      condition.wait()
      addersWaiting -= 1
    }
    if let failure { throw failure }
    queue.append((item, itemCost))
    queued += itemCost
    if threadWaits { condition.broadcast() }
  }

  /// Takes no more items: `complete` runs as soon as the queued ones are handled.
  func close() {
    condition.lock()
    defer { condition.unlock() }
    closed = true
    condition.broadcast()
  }

  /// Waits until every queued item is handled and `complete` has run.
  /// - Throws: the first error of `handle` or `complete`.
  func finish() throws {
    close()
    condition.lock()
    defer { condition.unlock() }
    while !finished { condition.wait() }
    if let failure { throw failure }
  }

  /// Stops the thread without completing (the work is abandoned); returns at once, or with
  /// `waiting` once the item being handled is done.
  func cancel(waiting: Bool = false) {
    condition.lock()
    defer { condition.unlock() }
    cancelled = true
    closed = true
    condition.broadcast()
    while waiting, !finished { condition.wait() }
  }

  private func drain() {
    while let item = next() {
      do {
        try handle(item)
      } catch {
        stop(error)
        return
      }
    }
    condition.lock()
    let completes = !cancelled
    condition.unlock()
    do {
      if completes { try complete() }
      stop(nil)
    } catch {
      stop(error)
    }
  }

  /// The next queued item; nil once the queue is closed and empty, or cancelled.
  private func next() -> Item? {
    condition.lock()
    defer { condition.unlock() }
    while head == queue.count, !closed {
      threadWaits = true
      condition.wait()
      threadWaits = false
    }
    guard !cancelled, head < queue.count else { return nil }
    let (item, itemCost) = queue[head]
    queue[head].item = nil
    head += 1
    if head == queue.count {
      queue.removeAll(keepingCapacity: true)
      head = 0
    } else if head >= 1024, head * 2 >= queue.count {
      queue.removeFirst(head)
      head = 0
    }
    queued -= itemCost
    if addersWaiting > 0 { condition.broadcast() }
    return item!
  }

  private func stop(_ error: (any Error)?) {
    condition.lock()
    defer { condition.unlock() }
    failure = failure ?? error
    finished = true
    queue.removeAll()
    head = 0
    condition.broadcast()
  }
}

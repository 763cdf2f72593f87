import Foundation

/// A value computed on a thread of its own while the caller goes on; `value` waits for it.
final class Background<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Value?

  /// Starts computing `work` at once.
  init(name: String, _ work: @escaping @Sendable () -> Value) {
    let thread = Thread { [self] in
      result = work()
      done.signal()
    }
    thread.name = name
    thread.start()
  }

  /// The value, once computed (the semaphore orders the thread's write before this read).
  var value: Value {
    done.wait()
    done.signal()
    return result!
  }
}

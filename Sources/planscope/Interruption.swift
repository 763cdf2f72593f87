import Dispatch
import Foundation
import PlanScope

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM during a run: say what was kept and exit 130 / 143 like a shell
/// would. Nothing a run stages is visible before it publishes, so an interrupted run leaves
/// the previous outputs in place; the handler touches no file (the main thread may be
/// publishing meanwhile), and the next run removes the partial staging folder under its lock.
enum Interruption {
  /// Where a run is, for the message.
  enum Phase: Int { case reading, publishing, done }

  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
  nonisolated(unsafe) private static var current = Phase.reading
  private static let lock = NSLock()
  private static let queue = DispatchQueue(label: "planscope.signals")

  /// The run's phase (set by the command as it goes).
  static var phase: Phase {
    get { lock.withLock { current } }
    set { lock.withLock { current = newValue } }
  }

  /// Reports and exits on SIGINT or SIGTERM while `output` is being written.
  static func watch(output: URL) {
    for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler {
        switch phase {
        case .reading:
          printError(
            "planscope: interrupted: nothing was published; \(output.path) still holds the previous run's outputs and state (the next run removes the partial files)"
          )
        case .publishing:
          printError(
            "planscope: interrupted while publishing: \(output.path) holds either the previous or the new outputs, each complete; run again to bring the state up to date"
          )
        case .done:
          printError("planscope: interrupted after the outputs were published")
        }
        _exit(status)
      }
      source.resume()
      sources.append(source)
    }
  }
}

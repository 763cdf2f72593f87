import Dispatch

/// The time one document may take (`--max-seconds`), checked between the pipeline's stages: a
/// document over it fails alone (`IngestError.timeBudgetExceeded`) and the batch goes on.
///
/// The stages are linear in the text's length (sentences are bounded, see
/// `SentenceSplitter.maxSentenceLength`), so no stage runs away between two checks.
public struct TimeBudget: Sendable {
  private let deadline: UInt64?
  /// The budget in seconds (nil: unlimited).
  public let seconds: Double?
  /// The stage after which the budget was found spent, if it was.
  public private(set) var exceededStage: String?

  /// A budget of `seconds` starting now; nil is unlimited.
  public init(seconds: Double?) {
    self.seconds = seconds
    deadline = seconds.map {
      DispatchTime.now().uptimeNanoseconds + UInt64(min(max(0, $0), 1e9) * 1_000_000_000)
    }
  }

  /// No limit.
  public static var unlimited: TimeBudget { TimeBudget(seconds: nil) }

  /// Whether the budget is spent once `stage` is done (remembered: later checks say so too).
  public mutating func isSpent(after stage: String) -> Bool {
    if exceededStage != nil { return true }
    guard let deadline, DispatchTime.now().uptimeNanoseconds > deadline else { return false }
    exceededStage = stage
    return true
  }
}

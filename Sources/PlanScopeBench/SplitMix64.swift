import PlanScope
/// A small, fast pseudo-random generator with a fixed algorithm (SplitMix64, Steele et al.
/// 2014), so a benchmark corpus is the same bytes on every machine and every run.
///
/// Not for cryptography. Swift's `SystemRandomNumberGenerator` is deliberately not used: the
/// corpus must not depend on the clock or the process.
struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose stream is fixed by `seed`.
  init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `range`, by modulo reduction (the bias is irrelevant for corpus shapes and
  /// keeps the stream independent of the standard library's algorithms).
  mutating func next(in range: ClosedRange<Int>) -> Int {
    let width = UInt64(range.upperBound - range.lowerBound) + 1
    return range.lowerBound + Int(next() % width)
  }
}

/// A set of scalars for lookups on the hot path: a bitmap over the Basic Multilingual Plane,
/// the `ScalarSet` itself beyond it (a `Set<Unicode.Scalar>` hashes on every lookup).
struct ScalarBitmap: Sendable, Hashable {
  private let bits: [UInt64]
  private let set: ScalarSet

  /// The bitmap of `scalars`.
  init(_ scalars: some Sequence<Unicode.Scalar>) {
    self.init(ScalarSet(ranges: scalars.map { $0.value...$0.value }))
  }

  /// The bitmap of a set.
  init(_ set: ScalarSet) {
    self.set = set
    var bits = [UInt64](repeating: 0, count: 1024)
    for range in set.ranges where range.lowerBound < 0x10000 {
      for value in range.lowerBound...min(range.upperBound, 0xFFFF) {
        bits[Int(value >> 6)] |= 1 << UInt64(value & 63)
      }
    }
    for (enabled, table) in [(set.digits, Self.digits), (set.spaces, Self.spaces)] where enabled {
      for index in bits.indices { bits[index] |= table[index] }
    }
    self.bits = bits
  }

  /// `\d` and `\s` over the BMP, computed once per process.
  private static let digits = bitmap(ScalarSet.isDigit)
  private static let spaces = bitmap(ScalarSet.isSpace)

  private static func bitmap(_ test: (UInt32) -> Bool) -> [UInt64] {
    var bits = [UInt64](repeating: 0, count: 1024)
    for value in 0..<UInt32(0x10000) where test(value) {
      bits[Int(value >> 6)] |= 1 << UInt64(value & 63)
    }
    return bits
  }

  /// Whether the set holds `scalar`.
  @inline(__always)
  func contains(_ scalar: Unicode.Scalar) -> Bool { contains(scalar.value) }

  /// Whether the set holds the scalar `value`.
  @inline(__always)
  func contains(_ value: UInt32) -> Bool {
    if value < 0x10000 { return bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 }
    return set.contains(value)
  }

  /// Whether any of `scalars` is in the set: one loop over raw buffers (passing `contains` as
  /// a closure to `contains(where:)` cost a call and a bitmap retain per scalar).
  func containsAny(of scalars: some Collection<Unicode.Scalar>) -> Bool {
    let found = scalars.withContiguousStorageIfAvailable { scalars in
      bits.withUnsafeBufferPointer { bits in
        for scalar in scalars {
          let value = scalar.value
          if value < 0x10000 {
            if bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 { return true }
          } else if set.contains(value) {
            return true
          }
        }
        return false
      }
    }
    return found ?? scalars.contains { contains($0) }
  }
}

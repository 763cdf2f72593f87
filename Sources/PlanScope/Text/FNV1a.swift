/// A 64-bit FNV-1a style hash (word-wise): cheap, streaming, stable across runs and machines (Swift's `Hasher`
/// is seeded per process). Names output generations, never used for security.
struct FNV1a {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  /// Mixes bytes in.
  /// Eight bytes are mixed at a time (then the tail byte by byte): a hash of output files,
  /// which are large, must cost far less than writing them.
  mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
    var value = self.value
    let words = bytes.count / 8
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      for index in 0..<words {
        let word = raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
        value = (value ^ word) &* 0x0000_0100_0000_01b3
        value ^= value >> 29
      }
    }
    for byte in bytes[(words * 8)...] {
      value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    self.value = value
  }

  /// Mixes a string's UTF-8 in.
  mutating func add(_ text: String) {
    var text = text
    text.withUTF8 { add($0) }
    add(UInt64(text.utf8.count))
  }

  /// Mixes a 64-bit value in (little-endian bytes).
  mutating func add(_ number: UInt64) {
    withUnsafeBytes(of: number.littleEndian) { add($0.bindMemory(to: UInt8.self)) }
  }
}

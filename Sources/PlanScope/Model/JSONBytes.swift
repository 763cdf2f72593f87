/// The byte buffer `JSONStreamEncoder` writes into: appending is a capacity check and a store
/// (an array also checks that its storage is not shared on every append, which was a tenth of
/// the encoding time). Owned by one encoder, which frees it.
struct JSONBytes {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// Bytes written.
  private(set) var count = 0

  /// An empty buffer with room for `capacity` bytes.
  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  /// Frees the memory; the buffer must not be used after.
  func deallocate() { base.deallocate() }

  subscript(index: Int) -> UInt8 { base[index] }

  /// The bytes from `range.lowerBound` on.
  subscript(range: PartialRangeFrom<Int>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: base + range.lowerBound, count: count - range.lowerBound)
  }

  mutating func append(_ byte: UInt8) {
    if count == capacity { grow(to: count + 1) }
    base[count] = byte
    count += 1
  }

  mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    if count + bytes.count > capacity { grow(to: count + bytes.count) }
    (base + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  mutating func append(contentsOf bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
  }

  mutating func append(contentsOf utf8: String.UTF8View) {
    var text = String(utf8)
    text.withUTF8 { append(contentsOf: $0) }
  }

  mutating func removeLast(_ number: Int) { count -= number }

  /// Drops the bytes from `range.lowerBound` on.
  mutating func removeSubrange(_ range: PartialRangeFrom<Int>) { count = range.lowerBound }

  mutating func removeAll() { count = 0 }

  func withUnsafeBufferPointer<Result>(
    _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  private mutating func grow(to needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}

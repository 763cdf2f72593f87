/// One spilled entry of a `ComparisonBuilder` stream: integers (8 bytes, little-endian) and
/// length-prefixed UTF-8, read back in the order they were appended.
struct ComparisonEntry {
  /// The encoded fields.
  private(set) var bytes: [UInt8]
  private var position = 0
  /// Whether a read went past the end (the entry was cut short).
  private(set) var overrun = false

  /// An empty entry to append fields to.
  init() { bytes = [] }

  /// An entry read back from a stream.
  init(bytes: [UInt8]) { self.bytes = bytes }

  /// The entry with its length in front, as appended to a stream.
  var framed: [UInt8] {
    var entry = ComparisonEntry()
    entry.append(bytes.count)
    return entry.bytes + bytes
  }

  /// Appends an integer.
  mutating func append(_ value: Int) {
    withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 }
  }

  /// Appends text.
  mutating func append(_ text: String) {
    append(text.utf8.count)
    bytes += text.utf8
  }

  /// Appends a number (its IEEE 754 bits).
  mutating func append(_ value: Double) {
    append(Int(truncatingIfNeeded: Int64(bitPattern: value.bitPattern)))
  }

  /// Appends another entry's fields, length first (read back with `utf8()`).
  mutating func append(_ entry: ComparisonEntry) {
    append(entry.bytes.count)
    bytes += entry.bytes
  }

  /// The next integer (0 past the end).
  mutating func int() -> Int {
    guard position + 8 <= bytes.count else {
      position = bytes.count
      overrun = true
      return 0
    }
    var value: UInt64 = 0
    for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * index) }
    position += 8
    return Int(truncatingIfNeeded: Int64(bitPattern: value))
  }

  /// The next text's UTF-8 (empty past the end).
  mutating func utf8() -> ArraySlice<UInt8> {
    let count = int()
    if count < 0 || count > bytes.count - position { overrun = true }
    let end = min(bytes.count, position + max(0, count))
    defer { position = end }
    return bytes[position..<end]
  }

  /// The next text.
  mutating func string() -> String { String(decoding: utf8(), as: UTF8.self) }

  /// The next number.
  mutating func double() -> Double {
    Double(bitPattern: UInt64(bitPattern: Int64(int())))
  }

  /// The next appended entry.
  mutating func entry() -> ComparisonEntry { ComparisonEntry(bytes: Array(utf8())) }

  /// Whether every field has been read.
  var isAtEnd: Bool { position == bytes.count }
}

/// Reads the entries of one spilled stream (or of a range of it) front to back, a megabyte at
/// a time.
struct ComparisonReader {
  /// Bytes read from the spill at once (more for a longer entry).
  private static let chunk = 1 << 20
  private let stream: ComparisonStream
  private var buffer: [UInt8] = []
  private var position = 0
  private var offset: Int
  private let end: Int

  /// A reader at the start of `stream`, or of the `count` bytes from `offset`.
  init(_ stream: ComparisonStream, from offset: Int = 0, count: Int = .max) {
    self.stream = stream
    self.offset = offset
    end = count == .max ? .max : offset + count
  }

  /// The next entry, or nil at the end of the stream.
  mutating func next<Spill: ComparisonSpill>(from spill: inout Spill) throws(Spill.Failure)
    -> ComparisonEntry?
  {
    guard try fill(8, from: &spill) else { return nil }
    var header = ComparisonEntry(bytes: Array(buffer[position..<position + 8]))
    let count = max(0, header.int())
    position += 8
    guard try fill(count, from: &spill) else { return nil }
    defer { position += count }
    return ComparisonEntry(bytes: Array(buffer[position..<position + count]))
  }

  /// Makes `count` unread bytes available; false when the stream ends first.
  private mutating func fill<Spill: ComparisonSpill>(_ count: Int, from spill: inout Spill)
    throws(Spill.Failure) -> Bool
  {
    if buffer.count - position >= count { return true }
    buffer.removeSubrange(0..<position)
    position = 0
    while buffer.count < count {
      let wanted = min(max(Self.chunk, count - buffer.count), end - offset)
      guard wanted > 0 else { return false }
      let bytes = try spill.read(stream, at: offset, count: wanted)
      guard !bytes.isEmpty else { return false }
      offset += bytes.count
      buffer += bytes
    }
    return true
  }
}

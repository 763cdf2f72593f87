import Foundation

// The containers `JSONStreamEncoder` hands to `encode(to:)`: each names its frame by serial
// number, and every write first asks the encoder to make that frame the innermost.

struct JSONObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let encoder: JSONStreamEncoder
  let serial: Int
  var codingPath: [any CodingKey] { [] }

  private func member(_ key: Key) { encoder.beginMember(key.stringValue, in: serial) }

  mutating func encodeNil(forKey key: Key) throws {
    member(key)
    encoder.writeNull()
  }
  mutating func encode(_ value: Bool, forKey key: Key) throws {
    member(key)
    encoder.writeBool(value)
  }
  mutating func encode(_ value: String, forKey key: Key) throws {
    member(key)
    encoder.writeString(value)
  }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    member(key)
    try encoder.writeDouble(value)
  }
  mutating func encode(_ value: Int, forKey key: Key) throws {
    member(key)
    encoder.writeInteger(value)
  }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    member(key)
    try encoder.write(value)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    member(key)
    return encoder.keyedContainer(in: encoder.openNested())
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    member(key)
    return encoder.unkeyedContainer(in: encoder.openNested())
  }

  mutating func superEncoder() -> any Encoder {
    encoder.beginMember("super", in: serial)
    return JSONNestedEncoder(encoder: encoder, serial: encoder.openNested())
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    member(key)
    return JSONNestedEncoder(encoder: encoder, serial: encoder.openNested())
  }
}

struct JSONArrayContainer: UnkeyedEncodingContainer {
  let encoder: JSONStreamEncoder
  let serial: Int
  var codingPath: [any CodingKey] { [] }
  var count: Int { encoder.itemCount(in: serial) }

  mutating func encodeNil() throws {
    encoder.beginItem(in: serial)
    encoder.writeNull()
  }
  mutating func encode(_ value: Bool) throws {
    encoder.beginItem(in: serial)
    encoder.writeBool(value)
  }
  mutating func encode(_ value: String) throws {
    encoder.beginItem(in: serial)
    encoder.writeString(value)
  }
  mutating func encode(_ value: Double) throws {
    encoder.beginItem(in: serial)
    try encoder.writeDouble(value)
  }
  mutating func encode(_ value: Int) throws {
    encoder.beginItem(in: serial)
    encoder.writeInteger(value)
  }
  mutating func encode<T: Encodable>(_ value: T) throws {
    encoder.beginItem(in: serial)
    try encoder.write(value)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    encoder.beginItem(in: serial)
    return encoder.keyedContainer(in: encoder.openNested())
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    encoder.beginItem(in: serial)
    return encoder.unkeyedContainer(in: encoder.openNested())
  }

  mutating func superEncoder() -> any Encoder {
    encoder.beginItem(in: serial)
    return JSONNestedEncoder(encoder: encoder, serial: encoder.openNested())
  }
}

/// Where scalars end up: `Int8.encode(to:)`, `Float.encode(to:)` and the like call the
/// overloads for their own type, so every one is written here.
struct JSONSingleContainer: SingleValueEncodingContainer {
  let encoder: JSONStreamEncoder
  let serial: Int
  var codingPath: [any CodingKey] { [] }

  private func single() { encoder.beginSingle(in: serial) }

  mutating func encodeNil() throws {
    single()
    encoder.writeNull()
  }
  mutating func encode(_ value: Bool) throws {
    single()
    encoder.writeBool(value)
  }
  mutating func encode(_ value: String) throws {
    single()
    encoder.writeString(value)
  }
  mutating func encode(_ value: Double) throws {
    single()
    try encoder.writeDouble(value)
  }
  mutating func encode(_ value: Float) throws {
    single()
    try encoder.writeFloat(value)
  }
  mutating func encode(_ value: Int) throws { integer(value) }
  mutating func encode(_ value: Int8) throws { integer(value) }
  mutating func encode(_ value: Int16) throws { integer(value) }
  mutating func encode(_ value: Int32) throws { integer(value) }
  mutating func encode(_ value: Int64) throws { integer(value) }
  mutating func encode(_ value: UInt) throws { integer(value) }
  mutating func encode(_ value: UInt8) throws { integer(value) }
  mutating func encode(_ value: UInt16) throws { integer(value) }
  mutating func encode(_ value: UInt32) throws { integer(value) }
  mutating func encode(_ value: UInt64) throws { integer(value) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    single()
    try encoder.write(value)
  }

  private func integer(_ value: some BinaryInteger) {
    single()
    encoder.writeInteger(value)
  }
}

/// The encoder `superEncoder()` returns: its containers write into the nested frame opened
/// for it.
final class JSONNestedEncoder: Encoder {
  let encoder: JSONStreamEncoder
  let serial: Int
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(encoder: JSONStreamEncoder, serial: Int) {
    self.encoder = encoder
    self.serial = serial
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    encoder.keyedContainer(in: serial)
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer { encoder.unkeyedContainer(in: serial) }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    encoder.singleValueContainer(in: serial)
  }
}

/// Writes a `JSONMembers` value's members straight into the encoder's bytes.
struct StreamMemberWriter<Key: CodingKey>: JSONMemberWriter {
  let encoder: JSONStreamEncoder
  let serial: Int

  private func member(_ key: Key) { encoder.beginMember(key.stringValue, in: serial) }

  mutating func write(_ value: String, for key: Key) throws {
    member(key)
    encoder.writeString(value)
  }
  mutating func write(_ value: String?, for key: Key) throws {
    member(key)
    if let value { encoder.writeString(value) } else { encoder.writeNull() }
  }
  mutating func write(_ value: Int, for key: Key) throws {
    member(key)
    encoder.writeInteger(value)
  }
  mutating func write(_ value: Int?, for key: Key) throws {
    member(key)
    if let value { encoder.writeInteger(value) } else { encoder.writeNull() }
  }
  mutating func write(_ value: Double, for key: Key) throws {
    member(key)
    try encoder.writeDouble(value)
  }
  mutating func write(_ value: Double?, for key: Key) throws {
    member(key)
    if let value { try encoder.writeDouble(value) } else { encoder.writeNull() }
  }
  mutating func write(_ value: Bool, for key: Key) throws {
    member(key)
    encoder.writeBool(value)
  }
  mutating func write(_ value: [String], for key: Key) throws {
    member(key)
    encoder.writeStrings(value)
  }
  mutating func write<Value: RawRepresentable<String> & Encodable>(_ value: Value, for key: Key)
    throws
  {
    member(key)
    encoder.writeString(value.rawValue)
  }
  mutating func write<Value: JSONMembers>(_ value: Value, for key: Key) throws {
    member(key)
    try encoder.writeObject(value)
  }
  mutating func write<Value: JSONMembers>(_ value: Value?, for key: Key) throws {
    member(key)
    if let value { try encoder.writeObject(value) } else { encoder.writeNull() }
  }
  mutating func write<Value: JSONMembers>(_ values: [Value], for key: Key) throws {
    member(key)
    try encoder.writeObjects(values)
  }
  mutating func write(ifPresent value: String?, for key: Key) throws {
    guard let value else { return }
    member(key)
    encoder.writeString(value)
  }
  mutating func write<Value: JSONMembers>(ifPresent value: Value?, for key: Key) throws {
    guard let value else { return }
    member(key)
    try encoder.writeObject(value)
  }
}

extension JSONStreamEncoder {
  /// One frame of the stack: a value being encoded, or a nested container.
  struct Frame {
    enum Kind { case unused, object, array, single }
    var kind = Kind.unused
    let serial: Int
    /// Opened by `nestedContainer`/`superEncoder`: closed when its parent writes again.
    let isNested: Bool
    /// Where this object's members start in `members`.
    let memberBase: Int
    /// Members or items written.
    var count = 0
    /// Whether the members so far came in key order.
    var ordered = true
  }

  /// A member of an object: where it starts (its name's opening quote) and where its name ends.
  struct Member {
    var start: Int
    var nameEnd: Int
    /// Where its value ends (while reordering).
    var end = 0

    /// Whether its name sorts before `other`'s, both in `buffer`.
    func precedes(_ other: Member, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
      UnsafeBufferPointer(rebasing: buffer[(start + 1)..<nameEnd]).lexicographicallyPrecedes(
        UnsafeBufferPointer(rebasing: buffer[(other.start + 1)..<other.nameEnd]))
    }
  }
}

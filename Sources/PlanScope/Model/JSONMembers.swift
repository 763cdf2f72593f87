/// A model type whose JSON members are listed once, for both ways of encoding it: straight
/// into `CanonicalJSONEncoder`'s bytes (every output; records are encoded on the workers' hot
/// path, where going through `Encoder` containers cost seven times as much), and through any
/// other `Encoder` (its `encode(to:)` calls `encodeMembers(to:)`; the tests hold the first way
/// to what Foundation's `JSONEncoder` writes by the second).
///
/// List members in the order the JSON shows them (snake_case names in UTF-8 order): the
/// encoder checks the order and only then has to move members around.
protocol JSONMembers: Encodable {
  /// The member names (the type's `CodingKeys`, converted to snake_case by the encoder).
  associatedtype MemberKey: CodingKey
  /// Writes each member.
  func writeMembers(to writer: inout some JSONMemberWriter<MemberKey>) throws
}

extension JSONMembers {
  /// Encodes the members through `encoder`: directly when it is `CanonicalJSONEncoder`'s,
  /// else through a keyed container.
  func encodeMembers(to encoder: any Encoder) throws {
    if let stream = encoder as? JSONStreamEncoder { return try stream.writeMembers(of: self) }
    var writer = ContainerMemberWriter(container: encoder.container(keyedBy: MemberKey.self))
    try writeMembers(to: &writer)
  }
}

/// Where a `JSONMembers` value writes its members. `nil` is written as `null`, except by the
/// `ifPresent` methods, which leave the member out (as `encodeIfPresent` does).
protocol JSONMemberWriter<Key> {
  associatedtype Key: CodingKey
  mutating func write(_ value: String, for key: Key) throws
  mutating func write(_ value: String?, for key: Key) throws
  mutating func write(_ value: Int, for key: Key) throws
  mutating func write(_ value: Int?, for key: Key) throws
  mutating func write(_ value: Double, for key: Key) throws
  mutating func write(_ value: Double?, for key: Key) throws
  mutating func write(_ value: Bool, for key: Key) throws
  mutating func write(_ value: [String], for key: Key) throws
  /// An enum by its raw value.
  mutating func write<Value: RawRepresentable<String> & Encodable>(_ value: Value, for key: Key)
    throws
  mutating func write<Value: JSONMembers>(_ value: Value, for key: Key) throws
  mutating func write<Value: JSONMembers>(_ value: Value?, for key: Key) throws
  mutating func write<Value: JSONMembers>(_ values: [Value], for key: Key) throws
  mutating func write(ifPresent value: String?, for key: Key) throws
  mutating func write<Value: JSONMembers>(ifPresent value: Value?, for key: Key) throws
}

/// Writes members into a keyed container of any `Encoder`.
struct ContainerMemberWriter<Key: CodingKey>: JSONMemberWriter {
  var container: KeyedEncodingContainer<Key>

  mutating func write(_ value: String, for key: Key) throws {
    try container.encode(value, forKey: key)
  }
  mutating func write(_ value: String?, for key: Key) throws {
    try container.encode(value, forKey: key)
  }
  mutating func write(_ value: Int, for key: Key) throws { try container.encode(value, forKey: key) }
  mutating func write(_ value: Int?, for key: Key) throws {
    try container.encode(value, forKey: key)
  }
  mutating func write(_ value: Double, for key: Key) throws {
    try container.encode(value, forKey: key)
  }
  mutating func write(_ value: Double?, for key: Key) throws {
    try container.encode(value, forKey: key)
  }
  mutating func write(_ value: Bool, for key: Key) throws { try container.encode(value, forKey: key) }
  mutating func write(_ value: [String], for key: Key) throws {
    try container.encode(value, forKey: key)
  }
  mutating func write<Value: RawRepresentable<String> & Encodable>(_ value: Value, for key: Key)
    throws
  {
    try container.encode(value, forKey: key)
  }
  mutating func write<Value: JSONMembers>(_ value: Value, for key: Key) throws {
    try container.encode(value, forKey: key)
  }
  mutating func write<Value: JSONMembers>(_ value: Value?, for key: Key) throws {
    try container.encode(value, forKey: key)
  }
  mutating func write<Value: JSONMembers>(_ values: [Value], for key: Key) throws {
    try container.encode(values, forKey: key)
  }
  mutating func write(ifPresent value: String?, for key: Key) throws {
    try container.encodeIfPresent(value, forKey: key)
  }
  mutating func write<Value: JSONMembers>(ifPresent value: Value?, for key: Key) throws {
    try container.encodeIfPresent(value, forKey: key)
  }
}

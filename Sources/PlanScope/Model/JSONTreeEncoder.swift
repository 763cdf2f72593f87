import Foundation

/// The `Encoder` behind `CanonicalJSONEncoder`: turns a value into a `JSONValue` tree.
final class JSONTreeEncoder: Encoder {
  private unowned let owner: CanonicalJSONEncoder
  var codingPath: [any CodingKey] = []
  var userInfo: [CodingUserInfoKey: Any] { [:] }
  /// What was encoded (null until something is).
  private(set) var value: JSONValue = .null

  init(owner: CanonicalJSONEncoder) { self.owner = owner }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    let box: JSONObjectBox
    if case .object(let existing) = value {
      box = existing
    } else {
      box = JSONObjectBox()
      value = .object(box)
    }
    return KeyedEncodingContainer(ObjectContainer<Key>(encoder: self, box: box))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    let box: JSONArrayBox
    if case .array(let existing) = value {
      box = existing
    } else {
      box = JSONArrayBox()
      value = .array(box)
    }
    return ArrayContainer(encoder: self, box: box)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }

  /// The key as written.
  func key(_ key: some CodingKey) -> JSONKey { owner.key(key.stringValue) }

  /// The tree of any encodable value: scalars directly, the rest through a nested encoder.
  func box<T: Encodable>(_ value: T) throws -> JSONValue {
    // Comparing metatypes is cheap, a failed dynamic cast is not: only scalars (optional or
    // not) try the casts; model structs and arrays go straight to a nested encoder.
    let isScalar =
      T.self == String.self || T.self == Int.self || T.self == Double.self || T.self == Bool.self
    let isOptionalScalar =
      T.self == String?.self || T.self == Int?.self || T.self == Double?.self
      || T.self == Bool?.self
    if isScalar || isOptionalScalar {
      // A cast to the wrapped type succeeds on a non-nil optional.
      switch value {
      case let text as String: return .string(text)
      case let number as Int: return .number(String(number))
      case let number as Double: return try Self.number(number)
      case let flag as Bool: return .bool(flag)
      default: if isOptionalScalar { return .null }
      }
    }
    if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
      throw EncodingError.invalidValue(
        value, .init(codingPath: codingPath, debugDescription: "not part of the dataset model"))
    }
    let nested = JSONTreeEncoder(owner: owner)
    try value.encode(to: nested)
    return nested.value
  }

  /// A double as `JSONEncoder` writes it: integral values without `.0`.
  static func number(_ value: Double) throws -> JSONValue {
    guard value.isFinite else {
      throw EncodingError.invalidValue(
        value, .init(codingPath: [], debugDescription: "non-finite number"))
    }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    return .number(text)
  }

  fileprivate func set(_ newValue: JSONValue) { value = newValue }
}

private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let encoder: JSONTreeEncoder
  let box: JSONObjectBox
  var codingPath: [any CodingKey] { encoder.codingPath }

  func add(_ value: JSONValue, _ key: Key) {
    box.members.append((encoder.key(key), value))
  }

  mutating func encodeNil(forKey key: Key) throws { add(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { add(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { add(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    add(try JSONTreeEncoder.number(value), key)
  }
  mutating func encode(_ value: Int, forKey key: Key) throws { add(.number(String(value)), key) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    add(try encoder.box(value), key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let nested = JSONTreeEncoder(owner: encoderOwner)
    add(.nested(nested), key)
    return nested.container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let nested = JSONTreeEncoder(owner: encoderOwner)
    add(.nested(nested), key)
    return nested.unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder { encoder }
  mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }

  private var encoderOwner: CanonicalJSONEncoder { encoder.ownerEncoder }
}

private struct ArrayContainer: UnkeyedEncodingContainer {
  let encoder: JSONTreeEncoder
  let box: JSONArrayBox
  var codingPath: [any CodingKey] { encoder.codingPath }
  var count: Int { box.items.count }

  mutating func encodeNil() throws { box.items.append(.null) }
  mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
  mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
  mutating func encode(_ value: Double) throws {
    box.items.append(try JSONTreeEncoder.number(value))
  }
  mutating func encode(_ value: Int) throws { box.items.append(.number(String(value))) }
  mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try encoder.box(value)) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = JSONTreeEncoder(owner: encoder.ownerEncoder)
    box.items.append(.nested(nested))
    return nested.container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = JSONTreeEncoder(owner: encoder.ownerEncoder)
    box.items.append(.nested(nested))
    return nested.unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder { encoder }
}

private struct SingleContainer: SingleValueEncodingContainer {
  let encoder: JSONTreeEncoder
  var codingPath: [any CodingKey] { encoder.codingPath }

  mutating func encodeNil() throws { encoder.set(.null) }
  mutating func encode(_ value: Bool) throws { encoder.set(.bool(value)) }
  mutating func encode(_ value: String) throws { encoder.set(.string(value)) }
  mutating func encode(_ value: Double) throws { encoder.set(try JSONTreeEncoder.number(value)) }
  mutating func encode(_ value: Int) throws { encoder.set(.number(String(value))) }
  mutating func encode<T: Encodable>(_ value: T) throws { encoder.set(try encoder.box(value)) }
}

extension JSONTreeEncoder {
  /// The encoder that owns the key cache.
  fileprivate var ownerEncoder: CanonicalJSONEncoder { owner }
}

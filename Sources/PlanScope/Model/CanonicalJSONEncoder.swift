import Foundation

/// Writes `Encodable` values as the dataset's JSON, byte for byte what
/// `DatasetCoding.encoder()` (Foundation's `JSONEncoder` with sorted keys, snake_case keys and
/// unescaped slashes) writes, pretty-printed or compact, several times faster.
///
/// Foundation's encoder boxes every value and converts every key on every call; records are
/// encoded twice per document (dataset and state), which made JSON a tenth of a run. This one
/// builds a light tree, converts each key once per encoder (asking `JSONEncoder` itself, so
/// the conversion cannot drift) and writes straight into a byte buffer, already indented for
/// where the value goes in `dataset.json`. Dates, `Data` and URLs, which Foundation encodes
/// specially, are not part of the model and are refused.
///
/// Not thread-safe: each writer keeps its own.
public final class CanonicalJSONEncoder {
  /// Pretty-printed (two-space indents, `"key" : value`) or compact.
  public let pretty: Bool
  private var snakeCase: [String: JSONKey] = [:]

  /// Creates an encoder.
  public init(pretty: Bool) { self.pretty = pretty }

  /// The JSON of `value`; with `indent`, every line after the first is indented that many
  /// more spaces (for nesting the text inside a larger document).
  /// - Throws: `EncodingError` for non-finite numbers and unsupported values.
  public func encode<T: Encodable>(_ value: T, indent: Int = 0) throws -> String {
    let tree = JSONTreeEncoder(owner: self)
    try value.encode(to: tree)
    var writer = JSONTextWriter(pretty: pretty)
    writer.write(tree.value, depth: 0, indent: indent)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  /// The pretty JSON of `value` (later lines indented `indent` more spaces) and its compact
  /// JSON, from one traversal of the value (the encoder's `pretty` setting is not used).
  /// - Throws: `EncodingError` for non-finite numbers and unsupported values.
  public func encodeBoth<T: Encodable>(_ value: T, indent: Int) throws -> (
    pretty: String, compact: String
  ) {
    let tree = JSONTreeEncoder(owner: self)
    try value.encode(to: tree)
    var pretty = JSONTextWriter(pretty: true)
    pretty.write(tree.value, depth: 0, indent: indent)
    var compact = JSONTextWriter(pretty: false)
    compact.write(tree.value, depth: 0, indent: 0)
    return (
      String(decoding: pretty.bytes, as: UTF8.self), String(decoding: compact.bytes, as: UTF8.self)
    )
  }

  /// The key as written: `docNumber` → `"doc_number"`.
  func key(_ name: String) -> JSONKey {
    if let known = snakeCase[name] { return known }
    let converted = Self.convert(name)
    var writer = JSONTextWriter(pretty: false)
    writer.write(.string(converted), depth: 0, indent: 0)
    let key = JSONKey(name: Array(converted.utf8), quoted: writer.bytes)
    snakeCase[name] = key
    return key
  }

  /// Asks `JSONEncoder` how it converts `name` to snake_case.
  private static func convert(_ name: String) -> String {
    let probe = DatasetCoding.encoder()
    probe.outputFormatting = [.withoutEscapingSlashes]
    guard let data = try? probe.encode(KeyProbe(name: name)),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Int],
      let converted = object.keys.first
    else { return name }
    return converted
  }
}

/// An object with one member named `name`.
private struct KeyProbe: Encodable {
  var name: String
  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    try container.encode(0, forKey: Key(stringValue: name))
  }
}

/// A JSON value being built.
enum JSONValue {
  case null
  case bool(Bool)
  /// A number already written as text.
  case number(String)
  case string(String)
  case object(JSONObjectBox)
  case array(JSONArrayBox)
  /// A value still being encoded by a nested encoder.
  case nested(JSONTreeEncoder)

  /// The value with nested encoders resolved.
  var resolved: JSONValue {
    if case .nested(let encoder) = self { return encoder.value }
    return self
  }
}

/// An object's members in insertion order, sorted by key the first time it is written (a
/// record is written twice: pretty and compact).
final class JSONObjectBox {
  var members: [(key: JSONKey, value: JSONValue)] = []
  private var isSorted = false

  /// The members in the order `JSONEncoder` writes them (by the key's UTF-8).
  var sortedMembers: [(key: JSONKey, value: JSONValue)] {
    if !isSorted {
      members.sort { $0.key.name.lexicographicallyPrecedes($1.key.name) }
      isSorted = true
    }
    return members
  }
}

/// A member name, converted, quoted and escaped once per encoder.
struct JSONKey {
  /// The converted name's UTF-8 (`doc_number`), which orders members.
  let name: [UInt8]
  /// What is written (`"doc_number"`).
  let quoted: [UInt8]
}

/// An array's items.
final class JSONArrayBox {
  var items: [JSONValue] = []
}

/// Writes a value tree as JSON bytes.
struct JSONTextWriter {
  let pretty: Bool
  private(set) var bytes: [UInt8] = []

  init(pretty: Bool) {
    self.pretty = pretty
    bytes.reserveCapacity(16_384)
  }

  mutating func write(_ value: JSONValue, depth: Int, indent: Int) {
    switch value.resolved {
    case .null: append("null")
    case .bool(let flag): append(flag ? "true" : "false")
    case .number(let text): append(text)
    case .string(let text): writeString(text)
    case .object(let box):
      let members = box.sortedMembers
      bytes.append(UInt8(ascii: "{"))
      for (index, member) in members.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(depth + 1, indent)
        bytes.append(contentsOf: member.key.quoted)
        append(pretty ? " : " : ":")
        write(member.value, depth: depth + 1, indent: indent)
      }
      closing(empty: members.isEmpty, depth: depth, indent: indent)
      bytes.append(UInt8(ascii: "}"))
    case .array(let box):
      bytes.append(UInt8(ascii: "["))
      for (index, item) in box.items.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(depth + 1, indent)
        write(item, depth: depth + 1, indent: indent)
      }
      closing(empty: box.items.isEmpty, depth: depth, indent: indent)
      bytes.append(UInt8(ascii: "]"))
    case .nested: break
    }
  }

  /// Before a closing bracket: a newline and the indent (an empty container in pretty output
  /// is `[`, a blank line, `]`, the blank line unindented, as `JSONEncoder` writes it).
  private mutating func closing(empty: Bool, depth: Int, indent: Int) {
    guard pretty else { return }
    if empty { bytes.append(UInt8(ascii: "\n")) }
    newline(depth, indent)
  }

  private mutating func newline(_ depth: Int, _ indent: Int) {
    guard pretty else { return }
    Self.appendNewline(indent: depth * 2 + indent, to: &bytes)
  }

  /// Appends a line break and `indent` spaces (pretty output).
  static func appendNewline(indent: Int, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\n"))
    var count = indent
    while count > 0 {
      let run = min(count, spaces.count)
      bytes.append(contentsOf: spaces[..<run])
      count -= run
    }
  }

  private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

  private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

  /// Writes `text` quoted and escaped.
  private mutating func writeString(_ text: String) { Self.appendString(text, to: &bytes) }

  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends `text` quoted and escaped as `JSONEncoder` writes it: runs without anything to
  /// escape are copied whole.
  static func appendString(_ text: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var start = 0
      for index in utf8.indices {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
          continue
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        escape(byte, to: &bytes)
        start = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private static func escape(_ byte: UInt8, to bytes: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
    case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
    case 0x0A: bytes.append(contentsOf: "\\n".utf8)
    case 0x0D: bytes.append(contentsOf: "\\r".utf8)
    case 0x09: bytes.append(contentsOf: "\\t".utf8)
    case 0x08: bytes.append(contentsOf: "\\b".utf8)
    case 0x0C: bytes.append(contentsOf: "\\f".utf8)
    default:
      bytes.append(contentsOf: "\\u00".utf8)
      bytes.append(hex[Int(byte >> 4)])
      bytes.append(hex[Int(byte & 0xF)])
    }
  }
}

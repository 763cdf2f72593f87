import Foundation

/// The one JSON encoder of every output (`dataset.json`, the state database, JSON lines,
/// `shard.json`, `extract` and `diff`): any `Encodable` value as deterministic JSON, byte for
/// byte what Foundation's `JSONEncoder` writes with sorted keys, snake_case keys and unescaped
/// slashes, pretty-printed (`"key" : value`, two-space indents) or compact.
///
/// Values are written in one pass into a reused byte buffer, compact (`JSONStreamEncoder`);
/// an object's members are reordered only when its `encode(to:)` does not already give them
/// in key order (the model's types do). The pretty form is laid out from the compact bytes
/// (`JSONLayout`), so a record's `dataset.json` element and its state form come from one
/// encoding. Dates, `Data`, URLs and decimals, which `JSONEncoder` encodes specially, are not
/// part of the model and are refused.
///
/// Not thread-safe: each thread keeps its own (it reuses its buffers from value to value).
public final class CanonicalJSONEncoder {
  /// Pretty-printed (two-space indents, `"key" : value`) or compact.
  public let pretty: Bool
  private let stream = JSONStreamEncoder()

  /// Creates an encoder.
  public init(pretty: Bool) { self.pretty = pretty }

  /// The JSON of `value`; pretty with `indent`, every line after the first is indented that
  /// many more spaces (for nesting the text inside a larger document).
  /// - Throws: `EncodingError` for non-finite numbers and unsupported values.
  public func encode<T: Encodable>(_ value: T, indent: Int = 0) throws -> String {
    try stream.encode(value)
    return stream.bytes.withUnsafeBufferPointer { compact in
      pretty
        ? JSONLayout.pretty(compact, indent: indent)
        : String(decoding: compact, as: UTF8.self)
    }
  }

  /// The pretty JSON of `value` (later lines indented `indent` more spaces) and its compact
  /// JSON, from one encoding (the encoder's `pretty` setting is not used).
  /// - Throws: `EncodingError` for non-finite numbers and unsupported values.
  public func encodeBoth<T: Encodable>(_ value: T, indent: Int) throws -> (
    pretty: String, compact: String
  ) {
    try stream.encode(value)
    return stream.bytes.withUnsafeBufferPointer { compact in
      (
        JSONLayout.pretty(compact, indent: indent),
        String(decoding: compact, as: UTF8.self)
      )
    }
  }
}

/// Lays compact JSON out as `JSONEncoder`'s `.prettyPrinted` does: a line per member and
/// item, two spaces per level, `"key" : value`, and an empty container as its opening
/// bracket, a blank line and its closing bracket.
enum JSONLayout {
  /// The pretty form of `source` (valid compact JSON, as `JSONStreamEncoder` writes it), every
  /// line after the first indented `indent` more spaces.
  static func pretty(_ source: UnsafeBufferPointer<UInt8>, indent: Int) -> String {
    var out = JSONBytes(capacity: source.count * 2 + 64)
    defer { out.deallocate() }
    do {
      var depth = 0
      var index = 0
      let end = source.count
      while index < end {
        let byte = source[index]
        switch byte {
        case UInt8(ascii: "\""):
          // Copy the string through its closing quote; a backslash escapes the next byte.
          var last = index + 1
          while last < end {
            let next = source[last]
            if next == UInt8(ascii: "\"") { break }
            last += next == UInt8(ascii: "\\") ? 2 : 1
          }
          out.append(contentsOf: UnsafeBufferPointer(rebasing: source[index...min(last, end - 1)]))
          index = last + 1
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          out.append(byte)
          let closing = byte + 2  // `}` and `]` follow `{` and `[` by two in ASCII
          if index + 1 < end, source[index + 1] == closing {
            out.append(UInt8(ascii: "\n"))
            newline(depth, indent, &out)
            out.append(closing)
            index += 2
          } else {
            depth += 1
            newline(depth, indent, &out)
            index += 1
          }
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
          newline(depth, indent, &out)
          out.append(byte)
          index += 1
        case UInt8(ascii: ","):
          out.append(byte)
          newline(depth, indent, &out)
          index += 1
        case UInt8(ascii: ":"):
          out.append(UInt8(ascii: " "))
          out.append(UInt8(ascii: ":"))
          out.append(UInt8(ascii: " "))
          index += 1
        default:
          out.append(byte)
          index += 1
        }
      }
    }
    return out.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
  }

  /// A line break and the indent of `depth`.
  private static func newline(_ depth: Int, _ indent: Int, _ out: inout JSONBytes) {
    out.append(UInt8(ascii: "\n"))
    var count = depth * 2 + indent
    while count > 0 {
      let run = min(count, spaces.count)
      spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<run])) }
      count -= run
    }
  }

  private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)
}

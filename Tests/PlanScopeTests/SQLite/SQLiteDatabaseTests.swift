import Foundation
import Testing

@testable import PlanScope

/// Values bound in place must come back exactly, including the empty string (not NULL), text
/// with NUL and non-ASCII scalars, a long text, a text bridged from Foundation, and blobs (an
/// empty one is a zero-length blob, not NULL; NUL bytes kept).
private let boundValues: [(String, SQLiteValue)] = [
  ("null", .null),
  ("integer", .integer(-42)),
  ("real", .real(0.04)),
  ("empty text", .text("")),
  ("ASCII", .text("a")),
  ("Chinese", .text("农膜回收率达到85%以上")),
  ("NUL inside", .text("a\u{0}b")),
  ("long", .text(String(repeating: "化学需氧量、氨氮减排量", count: 20_000))),
  ("bridged", .text(NSString(string: "天津市").appending("（2023-2025年）"))),
  ("empty blob", .blob([])),
  ("blob", .blob([0x78, 0x01, 0x00, 0xFF, 0x00])),
]

@Test(arguments: boundValues.map(\.0))
func boundValuesRoundTrip(_ name: String) throws {
  let folder = try ScratchFolder()
  let database = try SQLiteDatabase(path: folder.url.appendingPathComponent("t.sqlite").path)
  try database.execute("CREATE TABLE t (position INTEGER, value)")
  // Each row shares its statement with the rows before it: a value left bound would leak into
  // the next row, and a buffer freed after its step would corrupt the stored value.
  try database.run(
    "INSERT INTO t VALUES (?,?)",
    rows: boundValues.enumerated().map { [.integer(Int64($0.offset)), $0.element.1] })
  let expected = try #require(boundValues.first { $0.0 == name }?.1)
  let position = Int64(try #require(boundValues.firstIndex { $0.0 == name }))
  let stored = try database.query(
    "SELECT value, typeof(value) FROM t WHERE position = ?", [.integer(position)])
  let type: String
  switch expected {
  case .null: type = "null"
  case .integer: type = "integer"
  case .real: type = "real"
  case .text: type = "text"
  case .blob: type = "blob"
  }
  #expect(stored.first?.last == .text(type))
  if case .text(let text) = expected {
    // Compared by length and bytes: `query` reads text up to its first NUL.
    let bytes = try database.query(
      "SELECT length(CAST(value AS BLOB)), value = ? FROM t WHERE position = ?",
      [.text(text), .integer(position)])
    #expect(bytes.first == [.integer(Int64(text.utf8.count)), .integer(1)])
  } else {
    #expect(stored.first?.first == expected)
  }
}

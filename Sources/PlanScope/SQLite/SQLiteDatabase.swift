import CSQLite

/// Why a database operation failed.
public enum SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
  /// SQLite returned an error code.
  case failed(path: String, operation: String, message: String)

  /// A one-line reason.
  public var description: String {
    switch self {
    case .failed(let path, let operation, let message): "\(path): sqlite \(operation): \(message)"
    }
  }
}

/// A value bound to a statement parameter or read from a column.
public enum SQLiteValue: Sendable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])
}

/// A thin wrapper over the SQLite C API (Debian's libsqlite3): open, execute, query.
///
/// The only file that imports `CSQLite`; no pointer leaves it. Not thread-safe: one
/// connection per writer.
package final class SQLiteDatabase {
  private var handle: OpaquePointer?
  private var statements: [String: OpaquePointer] = [:]
  /// The database file.
  let path: String

  /// Opens (creating if needed, unless `readOnly`) the database at `path`.
  /// - Throws: `SQLiteError`.
  init(path: String, readOnly: Bool = false) throws {
    self.path = path
    let flags =
      (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
      | SQLITE_OPEN_NOMUTEX
    if sqlite3_open_v2(path, &handle, flags, nil) != SQLITE_OK {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close(handle)
      handle = nil
      throw SQLiteError.failed(path: path, operation: "open", message: message)
    }
    sqlite3_busy_timeout(handle, 5000)
  }

  deinit {
    for statement in statements.values { sqlite3_finalize(statement) }
    sqlite3_close(handle)
  }

  /// Runs one or more statements without results.
  /// - Throws: `SQLiteError`.
  package func execute(_ sql: String) throws {
    var error: UnsafeMutablePointer<CChar>?
    if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
      let message = error.map { String(cString: $0) } ?? "unknown error"
      sqlite3_free(error)
      throw SQLiteError.failed(path: path, operation: "execute", message: message)
    }
  }

  /// Runs one statement for each row of parameters (inside the caller's transaction).
  /// - Throws: `SQLiteError`.
  func run(_ sql: String, rows: [[SQLiteValue]]) throws {
    guard !rows.isEmpty else { return }
    let statement = try cachedStatement(sql)
    for row in rows {
      // Reset and unbind as soon as it ran: a kept statement would otherwise hold on to its
      // last values until its next use.
      defer { release(statement) }
      let code = try withBindings(row[...], to: statement, from: 1) { sqlite3_step(statement) }
      if code != SQLITE_DONE { throw failure("step") }
    }
  }

  /// Runs a query and returns every row.
  /// - Throws: `SQLiteError`.
  func query(_ sql: String, _ parameters: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
    let statement = try cachedStatement(sql)
    defer { release(statement) }
    return try withBindings(parameters[...], to: statement, from: 1) {
      try rows(of: statement)
    }
  }

  /// Steps `statement` to its end, collecting its rows.
  private func rows(of statement: OpaquePointer?) throws -> [[SQLiteValue]] {
    var rows: [[SQLiteValue]] = []
    while true {
      let code = sqlite3_step(statement)
      if code == SQLITE_DONE { break }
      guard code == SQLITE_ROW else { throw failure("step") }
      var row: [SQLiteValue] = []
      for column in 0..<sqlite3_column_count(statement) {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
        case SQLITE_NULL: row.append(.null)
        case SQLITE_BLOB:
          let count = Int(sqlite3_column_bytes(statement, column))
          let bytes = sqlite3_column_blob(statement, column).map {
            Array(UnsafeRawBufferPointer(start: $0, count: count))
          }
          row.append(.blob(bytes ?? []))
        default:
          let text = sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
          row.append(.text(text))
        }
      }
      rows.append(row)
    }
    return rows
  }

  /// A prepared statement for `sql`, kept for the connection's lifetime (statements run once
  /// per document would otherwise be compiled once per document).
  private func cachedStatement(_ sql: String) throws -> OpaquePointer? {
    if let statement = statements[sql] {
      sqlite3_reset(statement)
      return statement
    }
    let statement = try prepare(sql)
    if let statement { statements[sql] = statement }
    return statement
  }

  private func prepare(_ sql: String) throws -> OpaquePointer? {
    var statement: OpaquePointer?
    if sqlite3_prepare_v2(handle, sql, -1, &statement, nil) != SQLITE_OK {
      throw failure("prepare")
    }
    return statement
  }

  /// `SQLITE_TRANSIENT`: SQLite copies the value before the call returns.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  /// Resets `statement` and clears its parameters.
  private func release(_ statement: OpaquePointer?) {
    sqlite3_reset(statement)
    sqlite3_clear_bindings(statement)
  }

  /// Binds `values` to the parameters of `statement` numbered from `index` on and runs `body`
  /// while they are bound. Text is bound in place (`SQLITE_STATIC`, with its length) and
  /// `body` runs while its bytes are borrowed, so SQLite does not copy a plan's text before
  /// storing it. One stack frame per parameter.
  /// - Throws: `SQLiteError` when a value cannot be bound, or what `body` throws.
  private func withBindings<Result>(
    _ values: ArraySlice<SQLiteValue>, to statement: OpaquePointer?, from index: Int32,
    _ body: () throws -> Result
  ) throws -> Result {
    guard let value = values.first else { return try body() }
    let rest = values.dropFirst()
    let code: Int32
    switch value {
    case .null: code = sqlite3_bind_null(statement, index)
    case .integer(let number): code = sqlite3_bind_int64(statement, index, number)
    case .real(let number): code = sqlite3_bind_double(statement, index, number)
    case .blob(let bytes):
      code = bytes.withUnsafeBytes { raw in
        // A null pointer would bind NULL: an empty blob is bound as a zero-length one.
        raw.baseAddress.map {
          sqlite3_bind_blob64(statement, index, $0, UInt64(raw.count), Self.transient)
        } ?? sqlite3_bind_zeroblob(statement, index, 0)
      }
    case .text(var text):
      return try text.withUTF8 { bytes in
        // An empty buffer may have no address, and a null pointer would bind NULL, not '':
        // SQLite copies an empty literal instead (SQLITE_TRANSIENT).
        let bound =
          bytes.baseAddress.map { base in
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
              sqlite3_bind_text64(
                statement, index, $0, UInt64(bytes.count), nil, UInt8(SQLITE_UTF8))
            }
          } ?? sqlite3_bind_text(statement, index, "", 0, Self.transient)
        if bound != SQLITE_OK { throw failure("bind") }
        return try withBindings(rest, to: statement, from: index + 1, body)
      }
    }
    if code != SQLITE_OK { throw failure("bind") }
    return try withBindings(rest, to: statement, from: index + 1, body)
  }

  private func failure(_ operation: String) -> SQLiteError {
    SQLiteError.failed(
      path: path, operation: operation, message: String(cString: sqlite3_errmsg(handle)))
  }
}

extension SQLiteValue {
  /// Text, or nil.
  init(_ text: String?) { self = text.map { .text($0) } ?? .null }
  /// Integer, or nil.
  init(_ number: Int?) { self = number.map { .integer(Int64($0)) } ?? .null }
  /// Real, or nil.
  init(_ number: Double?) { self = number.map { .real($0) } ?? .null }

  /// The text of a text value.
  var text: String? {
    if case .text(let value) = self { return value }
    return nil
  }

  /// The bytes of a blob value.
  var blob: [UInt8]? {
    if case .blob(let value) = self { return value }
    return nil
  }

  /// The integer of an integer value.
  var integer: Int64? {
    if case .integer(let value) = self { return value }
    return nil
  }
}

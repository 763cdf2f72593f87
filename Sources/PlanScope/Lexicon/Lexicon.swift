import Foundation

/// Why a lexicon could not be loaded.
public enum LexiconError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file is missing or unreadable.
  case unreadable(name: String, path: String)
  /// A row is malformed.
  case malformedRow(name: String, line: Int, reason: String)

  /// A one-line reason.
  public var description: String {
    switch self {
    case .unreadable(let name, let path): "lexicon \(name): cannot read \(path)"
    case .malformedRow(let name, let line, let reason): "lexicon \(name), line \(line): \(reason)"
    }
  }
}

/// One lexicon: the rows of a UTF-8 TSV file, header lines (`# format:` …) kept apart.
///
/// Lexicons are data a domain reader can extend: T→S dictionaries, department suffixes,
/// units, role words. They load from the bundle, or from `--lexicons DIR` when given.
public struct Lexicon: Sendable, Hashable {
  /// Which lexicon this is.
  public var name: LexiconName
  /// The `# key: value` header lines, in order.
  public var header: [String]
  /// The data rows, each split on TAB.
  public var rows: [[String]]

  /// Parses TSV text.
  /// - Throws: `LexiconError.malformedRow` for a row whose column count differs from the first.
  public init(name: LexiconName, text: String) throws {
    self.name = name
    var header: [String] = []
    var rows: [[String]] = []
    var lineNumber = 0
    // "\r\n" is one Character: split on both so CRLF files read like LF ones.
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      if line.isEmpty { continue }
      if line.hasPrefix("#") {
        header.append(String(line))
        continue
      }
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      if let first = rows.first, first.count != columns.count {
        throw LexiconError.malformedRow(
          name: name.rawValue, line: lineNumber,
          reason: "expected \(first.count) columns, found \(columns.count)")
      }
      rows.append(columns)
    }
    self.header = header
    self.rows = rows
  }

  /// Loads a lexicon from `directory`, or from the bundled resources when nil.
  /// - Throws: `LexiconError`.
  public static func load(_ name: LexiconName, from directory: URL? = nil) throws -> Lexicon {
    let base = directory ?? bundledDirectory
    let url = base.appendingPathComponent(name.fileName)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw LexiconError.unreadable(name: name.rawValue, path: url.path)
    }
    return try Lexicon(name: name, text: String(decoding: data, as: UTF8.self))
  }

  /// Where the bundled lexicons live.
  public static var bundledDirectory: URL {
    Bundle.module.resourceURL?.appendingPathComponent("Lexicons")
      ?? URL(fileURLWithPath: "Lexicons")
  }

  /// A fingerprint of the lexicons in `directory` (or the bundled ones): SHA-256 over every
  /// file's name and bytes. A record extracted under another fingerprint is stale.
  public static func fingerprint(of directory: URL? = nil) -> String {
    let base = directory ?? bundledDirectory
    var bytes: [UInt8] = []
    for name in LexiconName.allCases.map(\.fileName).sorted() {
      bytes += Array(name.utf8) + [0]
      bytes +=
        FileManager.default.contents(atPath: base.appendingPathComponent(name).path).map {
          [UInt8]($0)
        } ?? []
    }
    return SHA256.hexDigest(bytes)
  }

  /// The first column of every row.
  public var keys: [String] { rows.map { $0.first ?? "" } }
}

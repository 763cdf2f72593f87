import Foundation

/// Where each document's bytes are in a generation's outputs: the index an incremental run
/// splices unchanged documents from (`.data-…/.index`, never published).
///
/// One line per document in path order, tab-separated, with `\`, tab and newline escaped:
/// path, SHA-256 of the input, document key, the key it is a copy of (empty when none), the
/// digest of its output bytes, then a byte range `start-end` in each spliced file
/// (`dataset.json` and the CSV exports, in `RunWriter.splicedFiles` order). The first line names
/// the format and the pipeline fingerprint the bytes were made with; an index of another
/// fingerprint or format is not used.
public struct GenerationIndex: Sendable {
  /// The index's file name inside a generation folder.
  static let fileName = ".index"
  private static let format = "planscope-generation-index 1"

  /// One document's place in the outputs.
  public struct Entry: Sendable, Hashable {
    /// The corpus path.
    public var path: String
    /// SHA-256 of the input bytes.
    public var sha256: String
    /// The document key (`text/<key>.txt`).
    public var key: String
    /// The key of the earlier document with the same bytes, if any.
    public var duplicateOf: String?
    /// FNV-1a of the document's output bytes (part of the generation's name).
    public var digest: UInt64
    /// The byte range of the document in each spliced file.
    public var ranges: [Range<Int>]
  }

  /// The pipeline fingerprint the outputs were made with.
  public let fingerprint: String
  /// Entries by the UTF-8 bytes of their path (NFC and NFD spellings are two documents).
  private let entries: [[UInt8]: Entry]
  /// A document key for each input SHA-256 (any of them: the same bytes give the same texts).
  private let keysByContent: [String: String]

  private init(fingerprint: String, entries: [[UInt8]: Entry]) {
    self.fingerprint = fingerprint
    self.entries = entries
    var keys: [String: String] = [:]
    for entry in entries.values { keys[entry.sha256] = entry.key }
    keysByContent = keys
  }

  /// The key of a document of the generation whose input had this SHA-256, if any.
  public func key(content sha256: String) -> String? { keysByContent[sha256] }

  /// Every entry, in no particular order.
  var allEntries: Dictionary<[UInt8], Entry>.Values { entries.values }

  /// The entry of `path`, if the generation has it.
  public func entry(_ path: String) -> Entry? { entries[Array(path.utf8)] }

  /// The end of the last range in each file (what each file must hold at least).
  var rangeEnds: [Int] {
    var ends: [Int] = []
    for entry in entries.values {
      if ends.isEmpty { ends = Array(repeating: 0, count: entry.ranges.count) }
      for (number, range) in entry.ranges.enumerated() where number < ends.count {
        ends[number] = max(ends[number], range.upperBound)
      }
    }
    return ends
  }

  /// Reads the index of `generation`; nil when it has none, it cannot be read, or it was made
  /// with another format (the run then writes every document anew).
  static func load(from generation: URL, files: Int) -> GenerationIndex? {
    load(file: generation.appendingPathComponent(fileName).path, files: files)
  }

  /// Reads the index in the file at `path` (see `load(from:files:)`).
  static func load(file path: String, files: Int) -> GenerationIndex? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
    guard let head = lines.first, lines.count >= 2, lines.last?.isEmpty == true else { return nil }
    let header = String(decoding: head, as: UTF8.self).split(
      separator: "\t", omittingEmptySubsequences: false)
    guard header.count == 2, header[0] == format else { return nil }
    var entries: [[UInt8]: Entry] = [:]
    entries.reserveCapacity(lines.count)
    for line in lines.dropFirst().dropLast() {
      let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map(unescape)
      guard fields.count == 5 + files, let digest = UInt64(fields[4], radix: 16) else { return nil }
      var ranges: [Range<Int>] = []
      for field in fields[5...] {
        let bounds = field.split(separator: "-")
        guard bounds.count == 2, let start = Int(bounds[0]), let end = Int(bounds[1]),
          start <= end
        else { return nil }
        ranges.append(start..<end)
      }
      let entry = Entry(
        path: fields[0], sha256: fields[1], key: fields[2],
        duplicateOf: fields[3].isEmpty ? nil : fields[3], digest: digest, ranges: ranges)
      entries[Array(entry.path.utf8)] = entry
    }
    return GenerationIndex(fingerprint: String(header[1]), entries: entries)
  }

  /// The index file's first line.
  static func header(fingerprint: String) -> String {
    "\(format)\t\(escape(fingerprint))\n"
  }

  /// The index line of `entry`.
  static func line(_ entry: Entry) -> String {
    ([entry.path, entry.sha256, entry.key, entry.duplicateOf ?? "", String(entry.digest, radix: 16)]
      .map(escape) + entry.ranges.map { "\($0.lowerBound)-\($0.upperBound)" })
      .joined(separator: "\t") + "\n"
  }

  private static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A }) else {
      return text
    }
    return text.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n")
  }

  private static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
    guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
    var out: [UInt8] = []
    var escaped = false
    for byte in bytes {
      if escaped {
        out.append(byte == UInt8(ascii: "t") ? 0x09 : byte == UInt8(ascii: "n") ? 0x0A : byte)
        escaped = false
      } else if byte == 0x5C {
        escaped = true
      } else {
        out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// A document found unchanged before it was read: the same size and modification time as the
/// state recorded, and the same bytes (by SHA-256) as the published generation's entry, made
/// by the same pipeline. Its outputs are spliced from that generation.
public struct UnchangedDocument: Sendable, Hashable {
  /// Its entry in the published generation's index.
  public var entry: GenerationIndex.Entry
  /// The file's size and modification time now.
  public var stamp: FileStamp?
}

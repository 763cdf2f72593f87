import Foundation

/// A list of input paths (a manifest file, or paths on standard input), resolved against a
/// root folder: each path is reported as written (`source.path`), so a manifest of paths
/// relative to the corpus folder gives the same records as `planscope run <corpus>`.
public enum Manifest {
  /// The files named by `text`, one path per line (blank lines skipped, a final `\r` dropped,
  /// a leading `./` removed), each once, sorted by path. Paths are compared as bytes, like
  /// file names: the NFC and NFD spellings of one name are two files, both kept.
  public static func files(from text: String, root: URL) -> [CorpusFile] {
    // Not `Set<String>`: String equality is canonical equivalence, which merges NFC and NFD.
    var seen = Set<[UInt8]>()
    var paths: [String] = []
    // "\r\n" is one Character, so lines are split on both.
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      var path = Substring(line)
      while path.hasPrefix("./") { path = path.dropFirst(2) }
      guard !path.isEmpty else { continue }
      if seen.insert(Array(path.utf8)).inserted { paths.append(String(path)) }
    }
    return paths.sorted(by: DocumentOrder.precedes).map { path in
      let url =
        path.hasPrefix("/")
        ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
      return CorpusFile(url: url, path: path)
    }
  }
}

/// One of N deterministic shards of a path list: a path belongs to shard
/// `SHA-256(path)[0..<8] as a big-endian integer mod N`, so the assignment needs no
/// coordination, is the same on every machine, and adding files never moves others.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  /// Zero-based index (Kubernetes' `$JOB_COMPLETION_INDEX`).
  public let index: Int
  /// Number of shards.
  public let count: Int

  /// Parses `I/N` with 0 ≤ I < N.
  /// - Throws: `ShardError.invalid`.
  public init(parsing text: String) throws {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0,
      (0..<count).contains(index)
    else { throw ShardError.invalid(text) }
    self.init(index: index, count: count)
  }

  /// Shard `index` of `count` (callers check the range).
  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// `I/N`.
  public var description: String { "\(index)/\(count)" }

  /// Whether `path` belongs to this shard.
  public func contains(_ path: String) -> Bool {
    Self.bucket(of: path, count: count) == index
  }

  /// The shard of `path` among `count`.
  public static func bucket(of path: String, count: Int) -> Int {
    let digest = SHA256.digest(Array(path.utf8))
    let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return Int(value % UInt64(count))
  }
}

/// A malformed `--shard` value.
public enum ShardError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Not `I/N` with 0 ≤ I < N.
  case invalid(String)
  /// The shard outputs given to a merge are not one complete split.
  case incomplete(String)

  /// A one-line reason.
  public var description: String {
    switch self {
    case .invalid(let text):
      "--shard \(text): expected I/N with 0 ≤ I < N (I is zero-based, like JOB_COMPLETION_INDEX)"
    case .incomplete(let reason): "cannot merge: \(reason)"
    }
  }
}

/// What a shard run writes next to its `shard.jsonl` (`shard.json`), so a merge can tell that
/// every shard of a split is there.
public struct ShardInfo: Codable, Sendable, Hashable {
  /// The shard's zero-based index.
  public var index: Int
  /// The number of shards of the split.
  public var count: Int
  /// Lines written.
  public var documents: Int

  /// Creates the info of a finished shard.
  public init(shard: Shard, documents: Int) {
    index = shard.index
    count = shard.count
    self.documents = documents
  }

  /// Checks that `shards` are exactly shards 0..<N of one split.
  /// - Throws: `ShardError.incomplete` naming what is missing or mixed.
  public static func checkComplete(_ shards: [ShardInfo]) throws {
    guard let count = shards.first?.count else { return }
    if let other = shards.first(where: { $0.count != count }) {
      throw ShardError.incomplete("shards of \(count) and of \(other.count) are mixed")
    }
    let indexes = shards.map(\.index).sorted()
    let missing = Set(0..<count).subtracting(indexes).sorted()
    if !missing.isEmpty {
      throw ShardError.incomplete(
        "missing shard(s) \(missing.map { "\($0)/\(count)" }.joined(separator: ", "))")
    }
    if indexes.count != count { throw ShardError.incomplete("a shard is given twice") }
  }
}

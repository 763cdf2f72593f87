import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The output folder: the only place planscope writes files.
///
/// A run's outputs live in a generation folder `.data-<hash>` published through the link
/// `.current`; the names users read (`dataset.json`, `text/`, …) are links into `.current`, so
/// one rename switches all of them together. Other files (`digest.md`) are written to a
/// temporary file in the same folder and renamed over the target, so a crash leaves either
/// the previous complete file or the new one, never half of one.
public struct OutputDirectory: Sendable {
  /// The folder.
  public let url: URL

  /// Wraps a folder (created on first write).
  public init(_ url: URL) { self.url = url }

  /// Writes `contents` to `relativePath` atomically.
  /// - Throws: `OutputError.writeFailed`.
  public func write(_ contents: String, to relativePath: String) throws {
    try write(Data(contents.utf8), to: relativePath)
  }

  /// Writes bytes to `relativePath` atomically (temporary file, fsync, rename).
  /// - Throws: `OutputError.writeFailed`.
  public func write(_ data: Data, to relativePath: String) throws {
    let target = url.appendingPathComponent(relativePath)
    let folder = target.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw OutputError.writeFailed(path: folder.path, reason: "cannot create folder")
    }
    let temporary = folder.appendingPathComponent(
      ".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
      throw OutputError.writeFailed(path: temporary.path, reason: "cannot create file")
    }
    do {
      let handle = try FileHandle(forWritingTo: temporary)
      try handle.write(contentsOf: data)
      try handle.synchronize()
      try handle.close()
      if rename(temporary.path, target.path) != 0 {
        throw OutputError.writeFailed(path: target.path, reason: String(cString: strerror(errno)))
      }
    } catch let error as OutputError {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw OutputError.writeFailed(path: target.path, reason: String(describing: error))
    }
  }

  /// Writes the outputs of a run from documents in memory (see `RunWriter`, which streams).
  /// - Throws: `OutputError`, `SQLiteError` or an encoding error.
  public func writeRun(
    dataset: Dataset, documents: [ProcessedDocument], comparison: ComparisonMarkdownWriter
  ) throws {
    let byPath = Dictionary(
      documents.map { ($0.record.source.path, $0) }, uniquingKeysWith: { first, _ in first })
    let writer = try RunWriter(directory: self, comparison: comparison)
    for record in dataset.documents {
      var document =
        byPath[record.source.path] ?? ProcessedDocument(record: record, text: "", original: "")
      document.record = record
      try writer.add(document)
    }
    let previous = currentGenerationName
    removeGenerations(except: Set([try writer.commit()] + (previous.map { [$0] } ?? [])))
  }

  // MARK: - Generations

  /// The names a run publishes at the top of the folder, each a symbolic link into the
  /// current generation.
  static let publishedNames = [
    "comparison.html", "comparison.md", "dataset.json", "dataset.sqlite", "deadlines.csv",
    "documents.csv", "metadata.yml", "responsibilities.csv", "targets.csv", "text",
  ]

  /// The symbolic link naming the current generation.
  static let currentLink = ".current"

  /// A staging folder for a run's outputs; stale staging folders of killed runs (the caller
  /// holds the output lock, so no other run is writing) are removed first. It is the
  /// generation before the current one, renamed, when there is one (`recycled`): its files
  /// are written over and its texts kept where they are still right (`RunWriter`), which
  /// spares freeing a generation's blocks and allocating them again, and linking every
  /// text anew. Else it is a new folder.
  /// - Throws: `OutputError.writeFailed`.
  func makeStaging() throws -> (url: URL, recycled: Bool) {
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw OutputError.writeFailed(path: url.path, reason: "cannot create folder")
    }
    removeStaleStaging()
    try checkPublishedNames()
    let staging = url.appendingPathComponent(
      ".staging-\(ProcessInfo.processInfo.processIdentifier)")
    let current = currentGenerationName
    let older = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
      .filter { $0.hasPrefix(".data-") && $0 != current }.sorted()
    var recycled = false
    for name in older {
      let path = url.appendingPathComponent(name).path
      if !recycled, rename(path, staging.path) == 0 {
        recycled = true
        // Made anew by the run: a link here would stand in the new database's way.
        unlink(staging.appendingPathComponent("dataset.sqlite").path)
      } else {
        Self.removeTree(path)
      }
    }
    let text = staging.appendingPathComponent("text").path
    guard mkdir(staging.path, 0o755) == 0 || errno == EEXIST,
      mkdir(text, 0o755) == 0 || errno == EEXIST
    else {
      throw OutputError.writeFailed(path: staging.path, reason: String(cString: strerror(errno)))
    }
    return (staging, recycled)
  }

  /// The folder name of the current generation (`.data-…`), if a run has committed one.
  public var currentGenerationName: String? { currentGeneration?.lastPathComponent }

  /// Removes what killed runs left: staging folders and merge spools. Only for a caller
  /// holding the output lock (no other run is writing).
  public func removeStaleStaging() {
    // Also the standard-input spool of an interrupted `merge` (never this process's own).
    let ownSpool = ".merge-stdin-\(ProcessInfo.processInfo.processIdentifier).jsonl"
    for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    where name.hasPrefix(".staging-")
      || (name.hasPrefix(".merge-stdin-") && name.hasSuffix(".jsonl") && name != ownSpool)
    {
      Self.removeTree(url.appendingPathComponent(name).path)
    }
  }

  /// The folder of the current generation, if a run has committed one.
  var currentGeneration: URL? {
    let link = url.appendingPathComponent(Self.currentLink)
    guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)
    else { return nil }
    return url.appendingPathComponent(target)
  }

  /// Publishes a complete staging folder as generation `.data-<name>`: one `rename(2)` of the
  /// `.current` link switches every output at once, so a reader (or a run killed at any
  /// moment) sees either all previous outputs or all new ones. Older generations are removed
  /// afterwards.
  /// - Throws: `OutputError.writeFailed`.
  @discardableResult func commit(staging: URL, name: String) throws -> String {
    let generationName = ".data-\(name)"
    let generation = url.appendingPathComponent(generationName)
    if currentGeneration?.lastPathComponent == generationName {
      // Identical outputs are already published. The new index replaces theirs: it may come
      // from another pipeline (an upgrade that changed no output), and an index of an earlier
      // one would keep the next run from splicing anything.
      rename(
        staging.appendingPathComponent(GenerationIndex.fileName).path,
        generation.appendingPathComponent(GenerationIndex.fileName).path)
      Self.removeTree(staging.path)
    } else {
      try? FileManager.default.removeItem(at: generation)
      try move(staging, to: generation)
      syncFolder(url)
      try replaceLink(Self.currentLink, target: generationName)
    }
    for name in Self.publishedNames {
      try publish(name)
    }
    syncFolder(url)
    return generationName
  }

  /// Removes every generation but those named in `kept` (the published one and the one
  /// before it, which the next run recycles: what a reader opened in a removed one stays
  /// readable until closed).
  func removeGenerations(except kept: Set<String>) {
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    where entry.hasPrefix(".data-") && !kept.contains(entry) {
      Self.removeTree(url.appendingPathComponent(entry).path)
    }
  }

  /// The names in the folder at `path` (none when it cannot be read).
  static func names(in path: String) -> [String] {
    guard let folder = opendir(path) else { return [] }
    defer { closedir(folder) }
    var names: [String] = []
    while let entry = readdir(folder) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// Removes the folder at `path` and everything in it, without following links (a
  /// generation holds a file per plan and two links per text: `FileManager` took a quarter of
  /// a second per 5,000 plans). What cannot be removed stays.
  static func removeTree(_ path: String) {
    guard let folder = opendir(path) else {
      unlink(path)
      return
    }
    var folders: [String] = []
    while let entry = readdir(folder) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
      if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
        var info = stat()
        isFolder =
          fstatat(dirfd(folder), name, &info, AT_SYMLINK_NOFOLLOW) == 0
          && (info.st_mode & S_IFMT) == S_IFDIR
      }
      if isFolder {
        folders.append(name)
      } else {
        unlinkat(dirfd(folder), name, 0)
      }
    }
    closedir(folder)
    for name in folders { removeTree(path + "/" + name) }
    rmdir(path)
  }

  /// Makes `name` a link to `.current/name`; an entry planscope did not write is never
  /// replaced (`checkWritable` refused it before the run; this catches one made meanwhile).
  private func publish(_ name: String) throws {
    let path = url.appendingPathComponent(name).path
    let target = "\(Self.currentLink)/\(name)"
    if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == target { return }
    var status = stat()
    if lstat(path, &status) == 0 { throw OutputSafetyError.foreignEntry(path: path) }
    try replaceLink(name, target: target)
  }

  /// Atomically points the link `name` at `target` (a new link renamed over the old entry).
  private func replaceLink(_ name: String, target: String) throws {
    let temporary = url.appendingPathComponent(
      ".\(name).link-\(ProcessInfo.processInfo.processIdentifier)")
    unlink(temporary.path)
    guard symlink(target, temporary.path) == 0 else {
      throw OutputError.writeFailed(path: temporary.path, reason: String(cString: strerror(errno)))
    }
    try move(temporary, to: url.appendingPathComponent(name))
  }

  private func move(_ source: URL, to target: URL) throws {
    if rename(source.path, target.path) != 0 {
      throw OutputError.writeFailed(path: target.path, reason: String(cString: strerror(errno)))
    }
  }

  /// Flushes a folder's entries (new names, renames) to disk.
  private func syncFolder(_ folder: URL) {
    let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }
}

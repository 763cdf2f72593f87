import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The two files a generation's `dataset.sqlite` lives in: `.dataset-0.sqlite` and
/// `.dataset-1.sqlite` in the output folder, each generation's `dataset.sqlite` a link to one.
///
/// A database of a large corpus is most of a generation's bytes, and copying it for every run
/// made a run that changed one plan cost a tenth of a cold one. So the database is not copied:
/// the current generation's slot is never written, and a run fills the other one. A cold run
/// moves its new database there; a run that splices updates the other slot in place, in one
/// transaction. That slot holds an earlier generation (its `.dataset-N.index`, a copy of that
/// generation's index, says which documents with which output digests), so only documents
/// whose outputs differ from it are written: processed ones as usual, unchanged ones copied
/// from the current generation's database.
///
/// While a run writes a slot, `.dataset-N.pending` marks it, until the run's sync has made
/// the file durable and its index says what it holds; so the database is written without a
/// journal. A slot found marked (a run was killed or failed while writing it), without an
/// index, or with one of another pipeline, is not trusted: it is first replaced by a copy of
/// the current generation's database (a clone where the file system can).
struct DatabaseSlots {
  /// The output folder.
  let folder: URL

  /// The database file of `slot`.
  static func file(_ slot: Int) -> String { ".dataset-\(slot).sqlite" }
  /// What `slot` holds: the index of the generation it was last written for.
  static func indexFile(_ slot: Int) -> String { ".dataset-\(slot).index" }
  /// The mark of a slot being written.
  static func pendingFile(_ slot: Int) -> String { ".dataset-\(slot).pending" }
  /// Where a generation's `dataset.sqlite` link points for `slot`.
  static func linkTarget(_ slot: Int) -> String { "../" + file(slot) }

  /// The path of `name` in the output folder.
  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  /// The slot whose file `generation`'s `dataset.sqlite` links to; nil when it is a file of
  /// its own (a generation of an earlier version) or missing.
  static func slot(of generation: URL) -> Int? {
    guard
      let target = try? FileManager.default.destinationOfSymbolicLink(
        atPath: generation.appendingPathComponent("dataset.sqlite").path)
    else { return nil }
    return (0..<2).first { linkTarget($0) == target }
  }

  /// The slot a new generation is written to: the one `current` does not use.
  static func next(after current: URL?) -> Int {
    current.flatMap(slot(of:)) == 0 ? 1 : 0
  }

  /// The index of what `slot` holds, when it can be trusted: not marked as being written, its
  /// database there, its index made by the pipeline with `fingerprint`.
  func contents(_ slot: Int, fingerprint: String, files: Int) -> GenerationIndex? {
    guard access(path(Self.pendingFile(slot)), F_OK) != 0,
      access(path(Self.file(slot)), F_OK) == 0,
      let index = GenerationIndex.load(file: path(Self.indexFile(slot)), files: files),
      index.fingerprint == fingerprint, !fingerprint.isEmpty
    else { return nil }
    return index
  }

  /// Marks `slot` as being written, until `complete` (a run killed meanwhile leaves it
  /// untrusted).
  /// - Throws: `OutputError.writeFailed`.
  func markPending(_ slot: Int) throws {
    let mark = path(Self.pendingFile(slot))
    let descriptor = open(mark, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw OutputError.writeFailed(path: mark, reason: String(cString: strerror(errno)))
    }
    close(descriptor)
  }

  /// Replaces `slot`'s database by a copy of the database at `source` (marked first).
  /// - Throws: `OutputError.writeFailed`.
  func replace(_ slot: Int, withCopyOf source: String) throws {
    try markPending(slot)
    let temporary = path(Self.file(slot) + ".copy")
    unlink(temporary)
    try DatasetSQLiteBuilder.copy(source, to: temporary)
    try move(temporary, into: slot)
  }

  /// Moves the new database at `database` into `slot` (marked first).
  /// - Throws: `OutputError.writeFailed`.
  func install(_ database: String, into slot: Int) throws {
    try markPending(slot)
    try move(database, into: slot)
  }

  /// Renames `source` over `slot`'s database; a journal beside it goes first (one left by
  /// an earlier version must not be played back into another database).
  private func move(_ source: String, into slot: Int) throws {
    let target = path(Self.file(slot))
    unlink(target + "-journal")
    guard rename(source, target) == 0 else {
      throw OutputError.writeFailed(path: target, reason: String(cString: strerror(errno)))
    }
  }

  /// Records that `slot`'s database holds the documents of the generation index at `index`
  /// (linked, not copied: the index is finished).
  /// - Throws: `OutputError.writeFailed`.
  func setIndex(of slot: Int, to index: String) throws {
    let indexPath = path(Self.indexFile(slot))
    let temporary = indexPath + ".new"
    unlink(temporary)
    guard Glibc.link(index, temporary) == 0, rename(temporary, indexPath) == 0 else {
      throw OutputError.writeFailed(path: indexPath, reason: String(cString: strerror(errno)))
    }
  }

  /// Records that `slot`'s database, complete, holds the documents of the generation index
  /// at `index` (linked, not copied: the index is finished) and clears its mark; `link`
  /// becomes the generation's link to it.
  /// - Throws: `OutputError.writeFailed`.
  func complete(_ slot: Int, index: String, link: String) throws {
    try setIndex(of: slot, to: index)
    unlink(link)
    guard symlink(Self.linkTarget(slot), link) == 0 else {
      throw OutputError.writeFailed(path: link, reason: String(cString: strerror(errno)))
    }
    unlink(path(Self.pendingFile(slot)))
  }
}

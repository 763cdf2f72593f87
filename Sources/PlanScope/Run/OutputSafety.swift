import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Why planscope refuses to write or publish an output folder: each protects the user's own
/// files or the last good dataset. The command line exits 2 with the message.
public enum OutputSafetyError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The folder holds files and no planscope output (no `.current`, no lock).
  case foreignFolder(path: String, examples: [String])
  /// A name planscope publishes exists and is not planscope's link.
  case foreignEntry(path: String)
  /// The corpus is inside the output folder, or the output inside the corpus.
  case overlap(corpus: String, output: String)
  /// The run found no document to publish.
  case noDocuments(corpus: String, skipped: Int, failed: Int)
  /// A generation is published but its documents cannot be counted.
  case unreadablePublished(path: String)
  /// The run would drop more of the published documents than allowed.
  case shrink(previous: Int, kept: Int, lost: Int, limit: Double)

  /// A one-line reason with what to do.
  public var description: String {
    switch self {
    case .foreignFolder(let path, let examples):
      "\(path) is not empty and holds no planscope output (found \(examples.joined(separator: ", "))); planscope never writes into a folder it did not create: choose an empty or new folder, or pass --force to add its outputs beside these files"
    case .foreignEntry(let path):
      "\(path) exists and was not written by planscope; it is never replaced: move it away, or choose another output folder"
    case .overlap(let corpus, let output):
      "the corpus (\(corpus)) and the output folder (\(output)) overlap: one is inside the other, so a run could read its own outputs or overwrite its inputs; choose separate folders, or pass --force"
    case .noDocuments(let corpus, let skipped, let failed):
      "refusing to publish: no document was read from \(corpus) (\(skipped) skipped, \(failed) failed) — is the folder mounted, and are the plans .txt or .docx? The published outputs are unchanged; pass --allow-shrink to publish an empty dataset"
    case .unreadablePublished(let path):
      "refusing to publish: the published outputs in \(path) cannot be read, so the run cannot tell how many documents it would drop; pass --allow-shrink to publish anyway"
    case .shrink(let previous, let kept, let lost, let limit):
      "refusing to publish: \(lost) of the \(previous) published documents would disappear (\(kept) kept), more than --max-shrink \(limit) allows — a missing folder or unmounted share? The published outputs are unchanged; pass --allow-shrink to publish anyway"
    }
  }
}

extension PublishPolicy {
  /// Throws when a run that read `current` documents (of paths `kept` ∩ previous) should not
  /// replace a generation of `previous` documents.
  /// - Throws: `OutputSafetyError.noDocuments` or `.shrink`.
  func check(
    current: Int, previous: Int, lost: Int, corpus: String, skipped: Int, failed: Int
  ) throws {
    guard !allowShrink else { return }
    if current == 0 {
      throw OutputSafetyError.noDocuments(corpus: corpus, skipped: skipped, failed: failed)
    }
    if previous > 0, Double(lost) > maxShrink * Double(previous) {
      throw OutputSafetyError.shrink(
        previous: previous, kept: previous - lost, lost: lost, limit: maxShrink)
    }
  }
}

extension OutputDirectory {
  /// Whether the folder is one planscope writes: missing, empty, or holding its lock or its
  /// `.current` link.
  public var isPlanScopeOutput: Bool {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
      return true  // missing: created on first write
    }
    // `.current` counts only as planscope's link to a generation, not as a user's file.
    let current = url.appendingPathComponent(Self.currentLink).path
    let isGenerationLink =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: current))?.hasPrefix(".data-")
      ?? false
    return entries.isEmpty || isGenerationLink || entries.contains(OutputLock.fileName)
  }

  /// Refuses a non-empty folder planscope did not create (unless `force`), and any name it
  /// publishes that is not its own link (always: planscope never replaces a user's file).
  /// - Throws: `OutputSafetyError.foreignFolder` or `.foreignEntry`.
  public func checkWritable(force: Bool, alsoChecking extraNames: [String] = []) throws {
    if !force && !isPlanScopeOutput {
      let entries = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
        .sorted()
      throw OutputSafetyError.foreignFolder(
        path: url.path, examples: Array(entries.prefix(3)) + (entries.count > 3 ? ["…"] : []))
    }
    try checkPublishedNames()
    // A forced run into someone's folder must not open their `state.sqlite` either.
    if force && !isPlanScopeOutput {
      for name in extraNames where FileManager.default.fileExists(atPath: entry(name)) {
        throw OutputSafetyError.foreignEntry(path: entry(name))
      }
    }
  }

  /// Throws when a published name exists and is not a link to `.current/<name>`.
  /// - Throws: `OutputSafetyError.foreignEntry`.
  func checkPublishedNames() throws {
    for name in Self.publishedNames {
      let path = entry(name)
      var status = stat()
      guard lstat(path, &status) == 0 else { continue }
      if (try? FileManager.default.destinationOfSymbolicLink(atPath: path))
        != "\(Self.currentLink)/\(name)"
      {
        throw OutputSafetyError.foreignEntry(path: path)
      }
    }
  }

  /// The paths of the documents the current generation holds (its `dataset.sqlite`, else its
  /// `dataset.json`), or nil when nothing is published.
  /// - Throws: `OutputSafetyError.unreadablePublished` when a generation is published but
  ///   neither file can be read (the shrink check must not pass for lack of a count).
  public func publishedPaths() throws -> Set<[UInt8]>? {
    guard let generation = currentGeneration else { return nil }
    if let database = try? SQLiteDatabase(
      path: generation.appendingPathComponent("dataset.sqlite").path, readOnly: true),
      let rows = try? database.query("SELECT path FROM documents")
    {
      return Set(rows.compactMap { $0.first?.text.map { Array($0.utf8) } })
    }
    // A fresh clone has no dataset.sqlite (it is not committed); dataset.json says the same.
    if let dataset = try? DatasetFile.load(generation.appendingPathComponent("dataset.json").path) {
      return Set(dataset.documents.map { Array($0.source.path.utf8) })
    }
    throw OutputSafetyError.unreadablePublished(path: generation.path)
  }

  private func entry(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Refuses a corpus inside the output folder or an output folder inside the corpus (the
  /// same folder too), comparing real paths (links resolved).
  /// - Throws: `OutputSafetyError.overlap`.
  public static func checkSeparate(corpus: URL, output: URL) throws {
    let input = RealPath.components(corpus)
    let target = RealPath.components(output)
    func contains(_ folder: [String], _ path: [String]) -> Bool {
      path.count >= folder.count && Array(path.prefix(folder.count)) == folder
    }
    if contains(input, target) || contains(target, input) {
      throw OutputSafetyError.overlap(corpus: corpus.path, output: output.path)
    }
  }
}

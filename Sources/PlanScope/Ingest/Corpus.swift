import Foundation

/// One input file of a corpus: where it is and the path it is reported under.
public struct CorpusFile: Sendable, Hashable {
  /// The file on disk.
  public var url: URL
  /// Path relative to the corpus root, `/`-separated (`source.path`).
  public var path: String

  /// Creates a corpus file.
  public init(url: URL, path: String) {
    self.url = url
    self.path = path
  }
}

/// Finds the plans under a corpus folder: every `.txt` and `.docx`, recursively, hidden files
/// and folders skipped, sorted by path so the order never depends on the file system.
public struct Corpus: Sendable {
  /// The corpus root.
  public let root: URL

  /// Wraps a corpus root (a folder, or a single file).
  public init(root: URL) { self.root = root }

  /// The input files, sorted by relative path.
  /// - Throws: `IngestError.unreadableFile` when the root does not exist.
  public func files() throws -> [CorpusFile] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
      throw IngestError.unreadableFile(path: root.path, reason: "no such file or folder")
    }
    if !isDirectory.boolValue {
      return [CorpusFile(url: root, path: root.lastPathComponent)]
    }
    guard
      let enumerator = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey],
        options: [.skipsHiddenFiles])
    else {
      throw IngestError.unreadableFile(path: root.path, reason: "cannot list folder")
    }
    let rootComponents = root.standardizedFileURL.pathComponents
    var files: [CorpusFile] = []
    for case let url as URL in enumerator {
      let ext = url.pathExtension.lowercased()
      guard DocumentLoader.supportedExtensions.contains(ext) else { continue }
      let isRegular = (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) ?? false
      guard isRegular else { continue }
      let components = url.standardizedFileURL.pathComponents
      let relative = components.dropFirst(rootComponents.count).joined(separator: "/")
      files.append(CorpusFile(url: url, path: relative))
    }
    return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
  }
}

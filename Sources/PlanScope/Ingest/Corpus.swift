import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One input file of a corpus: where it is and the path it is reported under.
public struct CorpusFile: Sendable, Hashable {
  /// What a run does with a file it found.
  public enum Disposition: Sendable, Hashable {
    /// Read it.
    case read
    /// Do not read it; list it in the dataset's `skipped`.
    case skip(SkippedFile)
    /// Report it as failed (an unreadable folder, a named input that is not a regular file).
    case fail(String)
  }

  /// The file on disk.
  public var url: URL
  /// Path relative to the corpus root, `/`-separated (`source.path`).
  public var path: String
  /// Whether the file is read, skipped or a failure.
  public var disposition: Disposition

  /// Creates a corpus file.
  public init(url: URL, path: String, disposition: Disposition = .read) {
    self.url = url
    self.path = path
    self.disposition = disposition
  }
}

/// Finds the plans under a corpus folder: every `.txt` and `.docx`, recursively, hidden files
/// and folders skipped, sorted by path (UTF-8 bytes) so the order never depends on the file
/// system.
///
/// Nothing found is dropped without a word: files planscope cannot read (other formats,
/// FIFOs and devices, links to folders, names that are not UTF-8, paths over `PATH_MAX`) come
/// back as `.skip`, and folders that cannot be listed as `.fail`. The root may be a symbolic
/// link to a folder (it is followed); links inside the corpus are followed only to regular
/// files. Names are compared as bytes, so NFC and NFD spellings of one name are two files.
public struct Corpus: Sendable {
  /// The corpus root.
  public let root: URL

  /// Wraps a corpus root (a folder, or a single file).
  public init(root: URL) { self.root = root }

  /// The entries found, sorted by relative path.
  /// - Throws: `IngestError.unreadableFile` when the root does not exist or cannot be listed.
  public func files() throws -> [CorpusFile] {
    var status = stat()
    guard stat(root.path, &status) == 0 else {
      throw IngestError.unreadableFile(path: root.path, reason: "no such file or folder")
    }
    if (status.st_mode & S_IFMT) != S_IFDIR {
      let name = root.lastPathComponent
      guard (status.st_mode & S_IFMT) == S_IFREG else {
        return [CorpusFile(url: root, path: name, disposition: .fail(Self.notRegular(name)))]
      }
      return [CorpusFile(url: root, path: name)]
    }
    let descriptor = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw IngestError.unreadableFile(
        path: root.path, reason: "cannot list folder: \(String(cString: strerror(errno)))")
    }
    var walker = Walker(rootPath: Array(root.path.utf8), rootURL: root)
    walker.walk(descriptor, relative: [])
    return walker.found.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
  }

  static func notRegular(_ path: String) -> String {
    "\(path): not a regular file (a FIFO, socket or device is never read)"
  }
}

/// The recursive walk over directory descriptors (`openat`, so depth is not bounded by
/// `PATH_MAX`; a path over it is reported, not opened).
private struct Walker {
  let rootPath: [UInt8]
  let rootURL: URL
  var found: [CorpusFile] = []

  init(rootPath: [UInt8], rootURL: URL) {
    self.rootPath = rootPath
    self.rootURL = rootURL
  }

  /// Lists the folder open as `descriptor` (closed here), at `relative` below the root.
  mutating func walk(_ descriptor: Int32, relative: [UInt8]) {
    guard let directory = fdopendir(descriptor) else {
      close(descriptor)
      fail(relative, errno)
      return
    }
    defer { closedir(directory) }
    var names: [[UInt8]] = []
    while true {
      errno = 0
      guard let entry = readdir(directory) else {
        if errno != 0 { fail(relative, errno) }
        break
      }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        Array(raw.prefix(while: { $0 != 0 }))
      }
      // Hidden files and folders (and . and ..) are not part of a corpus.
      guard let first = name.first, first != UInt8(ascii: ".") else { continue }
      names.append(name)
    }
    for name in names {
      visit(name, in: dirfd(directory), relative: relative)
    }
  }

  private mutating func visit(_ name: [UInt8], in parent: Int32, relative: [UInt8]) {
    let childRelative = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
    let path = Self.display(childRelative)
    let fileExtension = Self.fileExtension(of: name)
    var status = stat()
    let cName = name.map { CChar(bitPattern: $0) } + [0]
    guard fstatat(parent, cName, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
      found.append(file(path, .fail("\(path): cannot read: \(String(cString: strerror(errno)))")))
      return
    }
    var type = status.st_mode & S_IFMT
    var isLink = false
    if type == S_IFLNK {
      isLink = true
      var target = stat()
      guard fstatat(parent, cName, &target, 0) == 0 else {
        skip(path, .symbolicLink, fileExtension, "broken symbolic link")
        return
      }
      type = target.st_mode & S_IFMT
      if type == S_IFDIR {
        skip(
          path, .symbolicLink, fileExtension,
          "symbolic link to a folder: not followed (links can loop); link the files, or give the folder as the corpus"
        )
        return
      }
    }
    guard String(validating: childRelative, as: UTF8.self) != nil else {
      skip(
        path, .nameNotUTF8, fileExtension,
        type == S_IFDIR
          ? "folder name is not valid UTF-8: none of its files were read; rename it"
          : "file name is not valid UTF-8; rename it")
      return
    }
    if type == S_IFDIR {
      let child = openat(parent, cName, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
      guard child >= 0 else {
        fail(childRelative, errno)
        return
      }
      walk(child, relative: childRelative)
      return
    }
    guard DocumentLoader.supportedExtensions.contains(fileExtension) else {
      found.append(file(path, .skip(.unsupported(path: path, fileExtension: fileExtension))))
      return
    }
    guard type == S_IFREG else {
      skip(
        path, .notRegularFile, fileExtension,
        "\(isLink ? "links to " : "")not a regular file (FIFO, socket or device): never read")
      return
    }
    // The loader opens files by path: one the system cannot name is reported, not opened.
    if rootPath.count + 1 + childRelative.count >= Int(PATH_MAX) {
      skip(
        path, .pathTooLong, fileExtension,
        "path longer than the system limit of \(PATH_MAX) bytes: move it higher up")
      return
    }
    found.append(file(path, .read))
  }

  private func file(_ path: String, _ disposition: CorpusFile.Disposition) -> CorpusFile {
    CorpusFile(url: rootURL.appendingPathComponent(path), path: path, disposition: disposition)
  }

  private mutating func skip(
    _ path: String, _ reason: SkippedFile.Reason, _ fileExtension: String, _ detail: String
  ) {
    found.append(
      file(
        path,
        .skip(
          SkippedFile(path: path, reason: reason, fileExtension: fileExtension, detail: detail))))
  }

  private mutating func fail(_ relative: [UInt8], _ error: Int32) {
    let path = relative.isEmpty ? "." : Self.display(relative)
    found.append(
      file(path, .fail("\(path)/: cannot read folder: \(String(cString: strerror(error)))")))
  }

  /// The bytes as text: UTF-8 where valid, other bytes as `\xNN`.
  static func display(_ bytes: [UInt8]) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    var result = ""
    var index = 0
    while index < bytes.count {
      var parser = Unicode.UTF8.ForwardParser()
      var iterator = bytes[index...].makeIterator()
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        result.unicodeScalars.append(Unicode.UTF8.decode(encoded))
        index += encoded.count
      default:
        result += "\\x" + String(bytes[index], radix: 16, uppercase: true).leftPadded(to: 2)
        index += 1
      }
    }
    return result
  }

  /// `pdf` for `plan.PDF`; empty without a dot.
  static func fileExtension(of name: [UInt8]) -> String {
    guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0 else { return "" }
    return String(decoding: name[(dot + 1)...], as: UTF8.self).lowercased()
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Absolute paths with symbolic links resolved, for telling whether two names are one folder.
enum RealPath {
  /// The components of `url` with links resolved as far as the path exists (an output folder
  /// may not exist yet: its missing tail is kept as written).
  static func components(_ url: URL) -> [String] {
    var existing = url.standardizedFileURL
    var missing: [String] = []
    while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1
    {
      missing.insert(existing.lastPathComponent, at: 0)
      existing.deleteLastPathComponent()
    }
    let resolved: String = existing.path.withCString { pointer in
      guard let real = realpath(pointer, nil) else { return existing.path }
      defer { free(real) }
      return String(cString: real)
    }
    return URL(fileURLWithPath: resolved).pathComponents + missing
  }

  /// The resolved path as one string.
  static func string(_ url: URL) -> String {
    let parts = components(url)
    return parts.first == "/"
      ? "/" + parts.dropFirst().joined(separator: "/") : parts.joined(separator: "/")
  }
}

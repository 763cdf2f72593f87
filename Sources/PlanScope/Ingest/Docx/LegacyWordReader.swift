import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads Word 97–2003 (`.doc`), WPS (`.wps`) and RTF files by converting them to DOCX with
/// LibreOffice (`soffice --headless --convert-to docx`) and reading that with `DocxReader`.
///
/// LibreOffice is optional (not in `make setup`): without `soffice` on `PATH` each such file
/// fails alone with a message naming what to install. Each conversion runs in a profile of
/// its own (conversions may run in parallel) within `timeout` seconds, and converted files
/// are cached by the input's SHA-256 under `$XDG_CACHE_HOME/planscope/converted` (else
/// `~/.cache/…`), so a file is converted once whatever the output folder.
public struct LegacyWordReader: DocumentReader {
  private let docx: DocxReader
  private let format: SourceFormat
  /// Seconds one conversion may take (default 120).
  public var timeout: Double = 120

  /// A reader of `format` (`.doc`, `.wps` or `.rtf`) with the DOCX reader's limits.
  public init(format: SourceFormat, limits: IngestLimits = IngestLimits()) {
    self.format = format
    docx = DocxReader(limits: limits)
  }

  /// Converts and reads one file.
  /// - Throws: `IngestError.conversionFailed`, or what `DocxReader` throws for the result.
  public func read(_ input: DocumentInput) throws -> SourceDocument {
    let sha256 = SHA256.hexDigest(input.bytes)
    let cached = Self.cacheFolder?.appendingPathComponent("\(sha256).docx")
    let converted: [UInt8]
    if let cached, let bytes = FileManager.default.contents(atPath: cached.path) {
      converted = [UInt8](bytes)
    } else {
      converted = try convert(input)
      if let cached { Self.store(converted, at: cached) }
    }
    var document = try docx.read(DocumentInput(path: input.path, bytes: converted))
    document.source.format = format
    return document
  }

  /// The `soffice` executable on `PATH`, if LibreOffice is installed.
  static var soffice: URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("soffice")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }

  private func convert(_ input: DocumentInput) throws -> [UInt8] {
    guard let soffice = Self.soffice else {
      throw IngestError.conversionFailed(
        path: input.path,
        reason:
          ".\(format.rawValue) needs LibreOffice to be read: install it (apt-get install libreoffice-writer-nogui) or convert the file with `soffice --headless --convert-to docx`"
      )
    }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent(
      "planscope-convert-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    do {
      try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
      let source = work.appendingPathComponent("input.\(format.rawValue)")
      try Data(input.bytes).write(to: source)
      let status = try Self.runConverter(
        soffice,
        [
          "-env:UserInstallation=\(work.appendingPathComponent("profile").absoluteString)",
          "--headless", "--norestore", "--convert-to", "docx", "--outdir", work.path, source.path,
        ], timeout: timeout, path: input.path)
      let output = work.appendingPathComponent("input.docx")
      guard status == 0,
        let bytes = FileManager.default.contents(atPath: output.path)
      else {
        throw IngestError.conversionFailed(
          path: input.path,
          reason:
            "LibreOffice could not convert it (exit \(status)): damaged or not a .\(format.rawValue) file"
        )
      }
      return [UInt8](bytes)
    } catch let error as IngestError {
      throw error
    } catch {
      throw IngestError.conversionFailed(path: input.path, reason: "conversion failed: \(error)")
    }
  }

  /// Runs `executable` in a process group of its own, with SIGINT and SIGTERM back at their
  /// defaults (planscope ignores them to report an interruption, and ignored signals survive
  /// `exec`), output to /dev/null; past `timeout` seconds the whole group (soffice's wrapper
  /// script and soffice.bin) is killed. Returns the exit status.
  /// - Throws: `IngestError.conversionFailed`.
  static func runConverter(_ executable: URL, _ arguments: [String], timeout: Double, path: String)
    throws -> Int32
  {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGTERM)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ)
    guard spawned == 0 else {
      throw IngestError.conversionFailed(
        path: path, reason: "cannot start LibreOffice: \(String(cString: strerror(spawned)))")
    }
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
      if Date() > deadline {
        kill(-pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        throw IngestError.conversionFailed(
          path: path, reason: "LibreOffice took more than \(Int(timeout)) s to convert it")
      }
      usleep(20_000)
    }
    // Exited normally: its status; killed by a signal: 128 + the signal, like a shell.
    return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  }

  /// Where converted files are kept, if a cache folder can be had.
  static var cacheFolder: URL? {
    let environment = ProcessInfo.processInfo.environment
    let base =
      environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
      ?? environment["HOME"].map { URL(fileURLWithPath: $0).appendingPathComponent(".cache") }
    return base?.appendingPathComponent("planscope/converted")
  }

  /// Stores a converted file (temporary file, then rename: readers never see half of one).
  private static func store(_ bytes: [UInt8], at url: URL) {
    let folder = url.deletingLastPathComponent()
    guard
      (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true))
        != nil
    else { return }
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
    guard (try? Data(bytes).write(to: temporary)) != nil else { return }
    if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
  }
}

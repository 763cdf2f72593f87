/// Why a file could not be read. Each case names the file; the batch goes on with the others.
public enum IngestError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file system refused (missing file, permissions).
  case unreadableFile(path: String, reason: String)
  /// The file has more bytes than `IngestLimits.maxInputBytes`.
  case inputTooLarge(path: String, size: Int, limit: Int)
  /// The file's text has more UTF-8 bytes than `IngestLimits.maxTextBytes`.
  case textTooLarge(path: String, size: Int, limit: Int)
  /// The file holds NUL bytes or other binary content, not text.
  case binaryContent(path: String)
  /// The extension is neither `.txt` nor `.docx`.
  case unsupportedFormat(path: String)
  /// A FIFO, socket, device or folder where a file was expected: never read.
  case notRegularFile(path: String)
  /// The document took longer than the per-document time budget.
  case timeBudgetExceeded(path: String, seconds: Double, stage: String)
  /// The HTML page could not be parsed.
  case unreadableHtml(path: String, reason: String)
  /// The PDF could not be opened, or has no text layer.
  case unreadablePdf(path: String, reason: String)
  /// A format read through a converter that is missing or failed.
  case conversionFailed(path: String, reason: String)
  /// The DOCX package or its XML is broken or hostile.
  case unreadableDocx(path: String, reason: DocxError)

  /// The path of the failed file.
  public var path: String {
    switch self {
    case .unreadableFile(let path, _), .inputTooLarge(let path, _, _),
      .textTooLarge(let path, _, _), .binaryContent(let path), .unsupportedFormat(let path),
      .notRegularFile(let path),
      .timeBudgetExceeded(let path, _, _), .unreadableHtml(let path, _), .unreadablePdf(let path, _),
      .conversionFailed(let path, _),
      .unreadableDocx(let path, _):
      path
    }
  }

  /// `path: reason`, for the command line.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason): "\(path): cannot read file: \(reason)"
    case .inputTooLarge(let path, let size, let limit):
      "\(path): input too large: \(size) bytes exceeds the limit of \(limit) bytes"
    case .textTooLarge(let path, let size, let limit):
      "\(path): text too large: \(size) bytes of text exceed the limit of \(limit) bytes"
    case .binaryContent(let path): "\(path): binary content (NUL bytes), not a text file"
    case .unsupportedFormat(let path):
      "\(path): unsupported format (expected .txt or .docx): \(SkippedFile.conversionHint(for: Self.fileExtension(path)))"
    case .notRegularFile(let path):
      "\(path): not a regular file (a FIFO, socket, device or folder is never read)"
    case .timeBudgetExceeded(let path, let seconds, let stage):
      "\(path): took longer than the time budget of \(Self.seconds(seconds)) per document (during \(stage)); raise it with --max-seconds, or report the file"
    case .unreadableDocx(let path, let reason): "\(path): \(reason)"
    case .unreadableHtml(let path, let reason): "\(path): cannot read HTML: \(reason)"
    case .unreadablePdf(let path, let reason): "\(path): cannot read PDF: \(reason)"
    case .conversionFailed(let path, let reason): "\(path): \(reason)"
    }
  }

  static func fileExtension(_ path: String) -> String {
    guard let name = path.split(separator: "/").last, let dot = name.lastIndex(of: "."),
      dot != name.startIndex
    else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}

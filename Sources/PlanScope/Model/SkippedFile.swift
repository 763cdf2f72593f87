/// A file of the corpus that planscope did not read, and why (`skipped` in the dataset), so a
/// folder of PDFs never yields an empty dataset without a word.
public struct SkippedFile: Codable, Sendable, Hashable {
  /// Why a file was not read.
  public enum Reason: String, Codable, Sendable, Hashable, CaseIterable {
    /// An extension planscope has no reader for (`.pdf`, `.doc`, `.wps`, `.mht` …).
    case unsupportedFormat = "unsupported_format"
    /// A FIFO, socket or device: reading one could block or never end.
    case notRegularFile = "not_regular_file"
    /// A symbolic link to a folder (not followed: links can loop) or to nothing.
    case symbolicLink = "symbolic_link"
    /// A file name that is not valid UTF-8 (it could not be reported faithfully).
    case nameNotUTF8 = "name_not_utf8"
    /// A path longer than the system allows a program to open (`PATH_MAX`).
    case pathTooLong = "path_too_long"
  }

  /// Path relative to the corpus root, `/`-separated; bytes that are not UTF-8 are written
  /// as `\xNN`.
  public var path: String
  /// Why it was not read.
  public var reason: Reason
  /// The file's extension, lowercased, without the dot (`pdf`; empty when it has none).
  public var fileExtension: String
  /// A one-line explanation with what to do (`convert it to .docx: soffice …`).
  public var detail: String

  /// Creates an entry.
  public init(path: String, reason: Reason, fileExtension: String, detail: String) {
    self.path = path
    self.reason = reason
    self.fileExtension = fileExtension
    self.detail = detail
  }

  /// An unsupported file, with how to convert its format when a converter is known.
  public static func unsupported(path: String, fileExtension: String) -> SkippedFile {
    SkippedFile(
      path: path, reason: .unsupportedFormat, fileExtension: fileExtension,
      detail: conversionHint(for: fileExtension))
  }

  /// How to turn a file of this extension into one planscope reads.
  public static func conversionHint(for fileExtension: String) -> String {
    switch fileExtension {
    case "odt", "wpt", "dot", "docm", "dotx":
      "not read: convert with `soffice --headless --convert-to docx FILE`"
    case "mht", "mhtml":
      "web archives are not read: save the page as .html"
    case "":
      "no extension: planscope reads .txt, .docx and .html (rename a text file to .txt)"
    default:
      "planscope reads .txt, .docx and .html"
    }
  }
}

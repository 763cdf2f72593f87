/// A warning about one document: damaged text, undecodable bytes, unknown structure.
///
/// Diagnostics never stop a document; failures are typed errors instead.
/// Encoded into the dataset's `warnings` as `{ "code", "message", "span"? }`.
public struct Diagnostic: Codable, Sendable, Hashable {
  /// What kind of problem this is.
  public enum Code: String, Codable, Sendable, CaseIterable {
    /// Bytes that did not decode in the detected encoding became U+FFFD.
    case undecodableBytes = "undecodable_bytes"
    /// The encoding was guessed (no BOM, not UTF-8) and another read the bytes almost as well.
    case encodingUncertain = "encoding_uncertain"
    /// U+FFFD or `?` inside a run of CJK characters (mojibake from a lossy converter).
    case damagedText = "damaged_text"
    /// A DOCX part that could not be read completely (the rest of the document was kept).
    case unreadablePart = "unreadable_part"
    /// A document with text but no outline headings, so no task structure.
    case unknownStructure = "unknown_structure"
  }

  /// The kind of problem.
  public var code: Code
  /// A human-readable explanation.
  public var message: String
  /// Where it is, in the normalized text, when known.
  public var span: SourceSpan?

  /// Creates a diagnostic.
  public init(code: Code, message: String, span: SourceSpan? = nil) {
    self.code = code
    self.message = message
    self.span = span
  }

  enum CodingKeys: String, CodingKey { case code, message, span }

  public func encode(to encoder: any Encoder) throws { try encodeMembers(to: encoder) }
}

extension Diagnostic: JSONMembers {
  typealias MemberKey = CodingKeys

  func writeMembers(to writer: inout some JSONMemberWriter<CodingKeys>) throws {
    try writer.write(code, for: .code)
    try writer.write(message, for: .message)
    try writer.write(ifPresent: span, for: .span)
  }
}

/// An append-only list of diagnostics passed `inout` through the stages.
public struct Diagnostics: Sendable, Hashable {
  /// Everything reported so far, in order.
  public private(set) var items: [Diagnostic] = []

  /// An empty list.
  public init() {}

  /// Adds one diagnostic.
  public mutating func report(_ diagnostic: Diagnostic) { items.append(diagnostic) }

  /// Adds one diagnostic.
  public mutating func report(_ code: Diagnostic.Code, _ message: String, span: SourceSpan? = nil) {
    items.append(Diagnostic(code: code, message: message, span: span))
  }

  /// Adds several diagnostics.
  public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

  /// Whether nothing was reported.
  public var isEmpty: Bool { items.isEmpty }
}

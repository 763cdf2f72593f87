/// The kind of numbering label that opens a section (标题序号).
///
/// Ranks order the kinds from outermost to innermost; a label closes every open
/// section of the same or a deeper rank.
public enum LabelKind: String, Codable, Sendable, CaseIterable {
  /// 第一章: chapter.
  case chapter
  /// 第一节: part of a chapter.
  case part
  /// 第一条: article (rules and measures numbered as articles).
  case article
  /// 壹、贰、参、: the level above 一、 in Taiwan's plans (大写 numerals).
  case capitalIdeographic = "capital_ideographic"
  /// 一、: top-level heading.
  case ideographic
  /// （一） or (一): second-level heading.
  case parenthesizedIdeographic = "parenthesized_ideographic"
  /// 1． 1. 1、: third-level item.
  case decimal
  /// （1） or (1): fourth-level item.
  case parenthesizedDecimal = "parenthesized_decimal"
  /// ① ②: fifth-level item.
  case circled
  /// 专栏1: a box (text box or tab-indented block) under the section that holds it.
  case box
  /// `1<TAB>建设现代农业产业园<TAB>市农业农村局…`: a numbered row of a task-division table.
  case tableRow = "table_row"

  /// Nesting rank: smaller is outer.
  public var rank: Int {
    switch self {
    case .chapter: 0
    case .part: 1
    case .article: 2
    case .capitalIdeographic: 3
    case .ideographic: 4
    case .parenthesizedIdeographic: 5
    case .decimal, .tableRow: 6
    case .parenthesizedDecimal: 7
    case .circled: 8
    case .box: 9
    }
  }
}

/// One node of the outline: a numbered heading or item (task), or a 专栏 box.
public struct Section: Codable, Sendable, Hashable {
  /// Position in document order (0-based).
  public var index: Int
  /// The kind of label.
  public var kind: LabelKind
  /// Labels from the outermost section down to this one, as written: `["二、", "（一）"]`.
  public var path: [String]
  /// The title: the heading text, or an inline title up to the first 。
  public var title: String
  /// Span of the label and title in the normalized text.
  public var span: SourceSpan
  /// Span of everything the section says itself, from its label to the next label of any level.
  public var body: SourceSpan
  /// Index of the enclosing section, if any.
  public var parent: Int?
  /// Length of the numbering label at the start of `span`, in scalars.
  public var labelLength: Int

  /// Creates a section.
  public init(
    index: Int, kind: LabelKind, path: [String], title: String, span: SourceSpan,
    body: SourceSpan, parent: Int?, labelLength: Int = 0
  ) {
    self.labelLength = labelLength
    self.index = index
    self.kind = kind
    self.path = path
    self.title = title
    self.span = span
    self.body = body
    self.parent = parent
  }

  /// The label of this section (last element of `path`).
  public var label: String { path.last ?? "" }
}

/// A normalized document with its section tree.
///
/// Produced by `Outliner`; the input of every extractor.
public struct OutlinedDocument: Sendable, Hashable {
  /// The normalized document.
  public var document: Document
  /// Every section in document order.
  public var sections: [Section]
  /// Span of the text before the first section (title block, notice, preamble).
  public var preamble: SourceSpan

  /// Creates an outlined document.
  public init(document: Document, sections: [Section], preamble: SourceSpan) {
    self.document = document
    self.sections = sections
    self.preamble = preamble
  }
}

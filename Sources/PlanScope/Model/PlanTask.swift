/// A department's part in one task (责任分工).
///
/// 牵头 is `.lead`, 配合/参与/协同 is `.support`, 负责/按职责分工负责 (or no role word)
/// is `.responsible`.
public struct Responsibility: Codable, Sendable, Hashable {
  /// The role a department plays.
  public enum Role: String, Codable, Sendable, CaseIterable {
    /// 牵头: lead department.
    case lead
    /// 配合: supporting department.
    case support
    /// 负责 / 按职责分工负责: responsible department.
    case responsible
  }

  /// The department as written (Simplified), with a distributed prefix restored.
  public var name: String
  /// The full official name where known (`天津市发展和改革委员会`), else nil.
  public var canonical: String?
  /// The role.
  public var role: Role
  /// Where the name was found.
  public var span: SourceSpan?
  /// The named extraction rule that produced it (`responsibility.label_line`); see
  /// `ResponsibilityRule`.
  public var rule: String?

  /// Creates a responsibility.
  public init(
    name: String, canonical: String?, role: Role, span: SourceSpan?, rule: String? = nil
  ) {
    self.name = name
    self.canonical = canonical
    self.role = role
    self.span = span
    self.rule = rule
  }

  enum CodingKeys: String, CodingKey { case name, canonical, role, span, rule }

  public func encode(to encoder: any Encoder) throws { try encodeMembers(to: encoder) }
}

extension Responsibility: JSONMembers {
  typealias MemberKey = CodingKeys

  func writeMembers(to writer: inout some JSONMemberWriter<CodingKeys>) throws {
    try writer.write(canonical, for: .canonical)
    try writer.write(name, for: .name)
    try writer.write(role, for: .role)
    try writer.write(ifPresent: rule, for: .rule)
    try writer.write(ifPresent: span, for: .span)
  }
}

/// A numbered heading or item of a plan (任务; `Task` in the schema), with the departments assigned to it.
public struct PlanTask: Codable, Sendable, Hashable {
  /// Id within the document by outline position: `t/二、/（一）` (`t` for the preamble; see
  /// `FactID`).
  public var id: String
  /// Numbering labels from the outermost heading down: `["二、", "（一）"]`.
  public var path: [String]
  /// The heading or inline title.
  public var title: String
  /// Departments responsible for this item, each once.
  public var departments: [Responsibility]
  /// Span of label and title.
  public var span: SourceSpan

  /// Creates a task.
  public init(
    id: String, path: [String], title: String, departments: [Responsibility], span: SourceSpan
  ) {
    self.id = id
    self.path = path
    self.title = title
    self.departments = departments
    self.span = span
  }

  enum CodingKeys: String, CodingKey { case id, path, title, departments, span }

  public func encode(to encoder: any Encoder) throws { try encodeMembers(to: encoder) }
}

extension PlanTask: JSONMembers {
  typealias MemberKey = CodingKeys

  func writeMembers(to writer: inout some JSONMemberWriter<CodingKeys>) throws {
    try writer.write(departments, for: .departments)
    try writer.write(id, for: .id)
    try writer.write(path, for: .path)
    try writer.write(span, for: .span)
    try writer.write(title, for: .title)
  }
}

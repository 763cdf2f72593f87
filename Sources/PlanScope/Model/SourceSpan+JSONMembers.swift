// `SourceSpan` lives in the text toolkit with a synthesized `Codable`; here it also lists its
// members for the encoder's direct path (a span sits in every task, target and deadline).
extension SourceSpan: JSONMembers {
  /// The members' names, as the synthesized `CodingKeys` has them.
  enum MemberKey: String, CodingKey { case start, end }

  func writeMembers(to writer: inout some JSONMemberWriter<MemberKey>) throws {
    try writer.write(end, for: .end)
    try writer.write(start, for: .start)
  }
}

/// Identifiers of a record's facts: a letter and the 1-based position, at least three digits
/// (`g001` target, `d012` deadline, `t007` task).
enum FactID {
  /// The identifier of the fact at 0-based `index` of its list.
  static func make(_ prefix: String, _ index: Int) -> String {
    let number = String(index + 1)
    return prefix + String(repeating: "0", count: max(0, 3 - number.count)) + number
  }
}

/// Identifiers of a record's facts by their place in the outline, so an edit renames only the
/// facts of the sections it touches: a letter, the labels of the task path, then for targets
/// and deadlines the 1-based position among the facts of that task.
///
/// `t/二、/（一）` is a task, `g/二、/（一）#2` the second target in it, `d#1` the first deadline
/// of the preamble, `t` the preamble itself. A path that occurs twice (numbering restarted)
/// gets `~2` on its second occurrence (`t/一、~2`); facts under such a path are numbered across
/// all its occurrences.
enum FactID {
  /// Assigns ids to `facts` (in document order) from their paths.
  static func assign<Fact>(
    _ facts: inout [Fact], prefix: String, path: KeyPath<Fact, [String]>,
    id: WritableKeyPath<Fact, String>
  ) {
    var ordinals: [[String]: Int] = [:]
    for index in facts.indices {
      let labels = facts[index][keyPath: path]
      let ordinal = (ordinals[labels] ?? 0) + 1
      ordinals[labels] = ordinal
      facts[index][keyPath: id] = prefix + segments(labels) + "#" + String(ordinal)
    }
  }

  /// The ids of tasks with these paths (in document order): the path alone, with `~N` on the
  /// Nth occurrence of a repeated one.
  static func tasks(_ paths: [[String]]) -> [String] {
    var seen: [[String]: Int] = [:]
    return paths.map { labels in
      let occurrence = (seen[labels] ?? 0) + 1
      seen[labels] = occurrence
      return "t" + segments(labels) + (occurrence > 1 ? "~" + String(occurrence) : "")
    }
  }

  private static func segments(_ labels: [String]) -> String {
    labels.map { "/" + $0 }.joined()
  }
}

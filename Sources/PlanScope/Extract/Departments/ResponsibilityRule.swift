/// The named rules that assign a department to a task (`rule` in the dataset).
/// `planscope extract --explain` lists them with the facts they produced.
public enum ResponsibilityRule: String, Sendable, CaseIterable {
  /// A parenthetical after the item: `（市发展改革委牵头，市财政局配合）`.
  case parenthetical = "responsibility.parenthetical"
  /// A label line: `牵头单位：市水务局`, `责任单位：…`.
  case labelLine = "responsibility.label_line"
  /// A task-division table's 牵头单位/责任单位 column (TAB or `|` cells).
  case tableColumn = "responsibility.table_column"
  /// A table cell with its own role words (`市金融办牵头，各相关单位配合`).
  case tableCell = "responsibility.table_cell"
  /// A default stated for the items that follow: `以下各项任务责任单位均含各市县人民政府`.
  case defaultForFollowing = "responsibility.default_following"
  /// Running text that opens with a body's name (`市发展改革委要加强组织协调…`), for items
  /// without an explicit assignment.
  case runningText = "responsibility.running_text"
}

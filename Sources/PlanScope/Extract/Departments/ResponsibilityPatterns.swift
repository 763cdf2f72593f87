/// Named patterns for `ResponsibilityExtractor`. Each has rows in `Cases/responsibilities.json`.
struct ResponsibilityPatterns: Sendable {
  /// The rule that the first listed body leads: “各项任务列第一位者为牵头单位”.
  let firstListedLeads = ScalarPattern(#"列(?:在)?第一位的?(?:者|单位|部门)?(?:为|是)牵头"#)

  /// A default assignment for the tasks that follow: “以下各项任务责任单位均含…”, “以下均需…”.
  let defaultForFollowing = ScalarPattern(#"以下(?:各项|均|任务|各)"#)

  /// An assignment line label: “牵头单位：”, “责任单位:”, “配合部门：”.
  /// (Found by scanning back from each colon, not by a regex over the whole body.)
  let assignmentLabels: Set<String> = [
    "牵头单位", "牵头部门", "责任单位", "责任部门", "配合单位", "配合部门", "参与单位", "协办单位", "主办单位",
  ]

  /// Words after a sentence-initial body that make it the lead in running text:
  /// “市发展改革局加强组织协调，会同有关部门…”, “市发展改革委牵头”.
  let inferredLeadCues = scalars(["牵头", "会同", "统筹", "组织协调", "负总责", "加强组织协调", "加强统筹", "总牵头"])

  /// Characters that end most bodies' names; one near a clause's start is worth a name search.
  let strongSuffixes = ScalarBitmap("署局厅委办部室组".unicodeScalars)

  /// Words right after a sentence-initial body that show it acts (not a topic noun):
  /// “市发展改革委要…”, “市生态环境局、…等部门按照职能分工…”.
  let actingCues = scalars([
    "要", "应", "将", "会", "负责", "牵头", "会同", "统筹", "加强", "按照", "按", "依", "组织", "做好", "抓好",
    "落实", "推动", "指导", "督促", "建立", "制定", "完成", "推行", "开展", "每季度", "每年", "定期",
  ])

  /// Modal verbs skipped before an inferred lead cue (“市发展改革委要牵头…”), in this order.
  let modals: [Unicode.Scalar] = ["要", "应", "将"]
  /// “负责”: the body answers for the task whatever cue came first.
  let answersFor = Array("负责".unicodeScalars)
  /// “会同”: the bodies named next support.
  let together = Array("会同".unicodeScalars)
}

/// Words as scalar arrays, compared against slices of a sentence.
private func scalars(_ words: [String]) -> [[Unicode.Scalar]] {
  words.map { Array($0.unicodeScalars) }
}

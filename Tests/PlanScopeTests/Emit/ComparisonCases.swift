import Foundation
import Testing

@testable import PlanScope

/// A synthetic dataset for the comparison tests, named by what it exercises.
struct ComparisonCase: Sendable, CustomTestStringConvertible {
  let id: String
  let records: [DocumentRecord]

  var testDescription: String { id }

  /// Every case: each section alone, all of them together, and one large enough that the
  /// spilled streams cross their megabyte chunks.
  static let all: [ComparisonCase] = [
    ComparisonCase(id: "empty", records: []),
    ComparisonCase(id: "one-plan", records: [tianjin]),
    ComparisonCase(id: "shared-families", records: [tianjin, chongqing, sichuan]),
    ComparisonCase(id: "family-repeated-in-one-plan-only", records: [sichuan, bare]),
    ComparisonCase(id: "same-id-twice", records: [tianjin, tianjinCopy, bare]),
    ComparisonCase(id: "leadership-without-departments", records: [sichuan, bare]),
    ComparisonCase(id: "hostile-cells", records: [hostile, tianjin]),
    ComparisonCase(
      id: "all-sections", records: [tianjin, chongqing, sichuan, tianjinCopy, hostile, bare]),
    ComparisonCase(id: "large", records: large(3000)),
  ]

  // MARK: - Records

  /// Targets in two shared families, leads and supports, dated and relative deadlines.
  static let tianjin = record(
    "a/tianjin.txt", id: "1c34065b2889c3a6", title: "天津市清洁生产推行工作方案（2023-2025年）",
    jurisdiction: "天津市", period: Period(start: 2023, end: 2025),
    targets: [("单位GDP能耗", 13.5), ("万元GDP用水量", 16), ("清洁生产审核企业", 300)],
    departments: [
      [("市发展改革委", .lead), ("市生态环境局", .support)], [("市工业和信息化局", .lead)], [],
    ],
    deadlines: [
      deadline("到2025年底", kind: .by, date: "2025-12-31", at: 40),
      deadline("2024年6月", kind: .by, date: "2024-06-30", at: 10),
      deadline("三年内", kind: .relative, duration: "P3Y", at: 60),
    ])

  /// The same document (same id) under another path, as a copied file would be.
  static let tianjinCopy: DocumentRecord = {
    var copy = tianjin
    copy.source.path = "z/copy-of-tianjin.txt"
    return copy
  }()

  /// Shares both families with Tianjin (one through another wording), plus recurring deadlines.
  static let chongqing = record(
    "b/chongqing.txt", id: "2212589756333db1", title: "重庆市“十四五”清洁生产推行工作方案",
    jurisdiction: "重庆市", period: Period(start: 2021, end: 2025),
    targets: [("单位国内生产总值能耗", 14), ("万元地区生产总值用水量", 16), ("新增充电桩", 5000)],
    departments: [[("市生态环境局", .lead), ("市财政局", .responsible)], [("市财政局", .support)]],
    deadlines: [
      deadline("每年", kind: .recurring, recurrence: "P1Y", at: 5),
      deadline("2025年", kind: .in, date: "2025-12-31", at: 30),
    ],
    warnings: [Diagnostic(code: .unknownStructure, message: "第三部分没有编号")])

  /// One family twice in one plan only (no table of its own), no departments.
  static let sichuan = record(
    "c/sichuan.txt", id: "012e143c79ca3774", title: "四川省清洁生产审核实施方案（2021—2023年）",
    jurisdiction: "四川省", period: Period(start: 2021, end: 2023),
    targets: [("农膜回收率", 85), ("农膜回收率", 90), ("单位GDP能耗", 13)],
    deadlines: [deadline("2023年底前", kind: .by, date: "2023-12-31", at: 3)])

  /// Nothing but a path.
  static let bare = record("d/bare.txt", id: "4d8ac03b010a5d4c", title: nil)

  /// Pipes, backslashes, tabs, line breaks and long text in every kind of cell.
  static let hostile = record(
    "e/hostile|plan.txt", id: "not-a-hex-id", title: "长标题|含竖线\\反斜杠\n换行\t制表" + repeated("很长", 40),
    targets: [("单位|GDP\n能耗" + repeated("长", 50), 1.25), ("单位GDP能耗", 2)],
    departments: [[("某某\n办公室|" + repeated("长", 30), .responsible)]],
    deadlines: [
      deadline("两年\n之内|", kind: .relative, at: 9),
      deadline("每季度", kind: .recurring, at: 1),
      deadline("2026年", kind: .on, date: "2026-01-01", at: 2),
    ],
    warnings: [
      Diagnostic(
        code: .damagedText, message: "乱码|\n" + repeated("坏", 120),
        span: SourceSpan(start: 3, end: 9))
    ])

  /// `count` plans over a few families, functions and deadlines.
  static func large(_ count: Int) -> [DocumentRecord] {
    let departments = ["市发展改革委", "市生态环境局", "市财政局", "市商务局", "市水务局"]
    let indicators = ["单位GDP能耗", "万元GDP用水量", "农膜回收率", "充电桩", "专属指标"]
    return (0..<count).map { index in
      record(
        "large/\(String(index + 100_000)).txt", id: String(format: "%016llx", index * 7919),
        title: "计划\(index)", jurisdiction: index % 3 == 0 ? nil : "城市\(index % 17)",
        period: index % 5 == 0 ? nil : Period(start: 2021, end: 2025 + index % 3),
        targets: (0..<4).map { (indicators[(index + $0) % 5] + ($0 == 3 ? "\(index)" : ""), 1.5) },
        departments: [
          [(departments[index % 5], .lead), (departments[(index + 2) % 5], .support)],
          index % 4 == 0 ? [] : [(departments[(index + 1) % 5], .responsible)],
        ],
        deadlines: [deadline("\(2024 + index % 3)年", kind: .by, date: "2025-06-30", at: index)],
        warnings: index % 9 == 0 ? [Diagnostic(code: .unknownStructure, message: "第\(index)项")] : [])
    }
  }

  // MARK: - Builders

  private static func repeated(_ text: String, _ times: Int) -> String {
    String(repeating: text, count: times)
  }

  private static func deadline(
    _ text: String, kind: Deadline.Kind, date: String? = nil, duration: String? = nil,
    recurrence: String? = nil, at start: Int
  ) -> Deadline {
    Deadline(
      id: "d\(start)", path: ["一、", "（一）"], text: text, kind: kind, date: date,
      duration: duration, recurrence: recurrence, span: SourceSpan(start: start, end: start + 4))
  }

  private static func record(
    _ path: String, id: String, title: String?, jurisdiction: String? = nil,
    period: Period? = nil, targets: [(String, Double)] = [],
    departments: [[(String, Responsibility.Role)]] = [], deadlines: [Deadline] = [],
    warnings: [Diagnostic] = []
  ) -> DocumentRecord {
    DocumentRecord(
      id: id, source: SourceInfo(path: path, sha256: id, format: .text), title: title,
      jurisdiction: jurisdiction, period: period, script: .simplified,
      tasks: departments.enumerated().map { index, assigned in
        PlanTask(
          id: "k\(index)", path: ["一、", "（\(index + 1)）"], title: "任务\(index)",
          departments: assigned.map {
            Responsibility(name: $0.0, canonical: nil, role: $0.1, span: nil)
          },
          span: SourceSpan(start: index * 10, end: index * 10 + 8))
      },
      targets: targets.enumerated().map { index, target in
        Target(
          id: "t\(index)", path: ["一、"], indicator: target.0, value: target.1,
          unit: index % 2 == 0 ? "%" : "个", comparator: index % 3 == 0 ? .atLeast : .range,
          change: index % 2 == 0 ? .decrease : .level, baselineYear: index == 0 ? 2020 : nil,
          targetYear: index % 2 == 0 ? 2025 : nil, scope: index == 1 ? "规模以上|工业" : nil,
          quote: "到2025年，" + target.0 + "下降\(target.1)%，这是一个相当长的引用原文片段",
          span: SourceSpan(start: index, end: index + 5))
      },
      deadlines: deadlines, warnings: warnings)
  }
}

import Foundation
import Testing

@testable import PlanScope

/// Documents are keyed by path and facts by their place in the outline, so an edit changes
/// only what it touched: `diff -r`, daff or git pair the versions of a plan.

private let before = """
  丙市塑料污染治理方案
  一、主要目标
  到2025年，快递包装回收率达到60%。
  二、重点任务
  （一）减少一次性用品。到2024年底，餐饮外卖一次性餐具用量下降30%。市商务局牵头。
  （二）加强回收。再生资源回收网点达到200个。市供销社负责。
  """

/// `before` with a target added to the first task of 二、.
private let after = before.replacingOccurrences(
  of: "餐饮外卖一次性餐具用量下降30%。",
  with: "餐饮外卖一次性餐具用量下降30%，可降解塑料袋使用比例达到50%。")

private let other = """
  丁县节水方案
  一、目标
  到2025年，农田灌溉水有效利用系数达到0.58。
  """

private func run(_ plan: String, in work: borrowing ScratchFolder, as name: String) throws
  -> [String: Data]
{
  try work.write("\(name)/corpus/a.txt", Array(plan.utf8))
  try work.write("\(name)/corpus/b.txt", Array(other.utf8))
  let output = work.url.appendingPathComponent("\(name)/out")
  let result = try CommandLineTool.run([
    "run", work.url.appendingPathComponent("\(name)/corpus").path, "-o", output.path, "-q",
  ])
  #expect(result.status == 0, "\(result.standardError)")
  return try publishedFiles(output)
}

private func lines(_ data: Data?) -> [String] {
  String(decoding: data ?? Data(), as: UTF8.self).components(separatedBy: "\r\n")
}

@Test func anEditChangesOnlyTheRowsAndFilesItTouched() throws {
  let work = try ScratchFolder()
  let old = try run(before, in: work, as: "v1")
  let new = try run(after, in: work, as: "v2")

  // Same file names: text files are named by the path's key, not the content's hash.
  #expect(Set(old.keys) == Set(new.keys))
  let key = DocumentRecord.key(path: "a.txt")
  #expect(new["text/\(key).txt"] != old["text/\(key).txt"], "the edited plan's text changed")
  let otherKey = DocumentRecord.key(path: "b.txt")
  #expect(new["text/\(otherKey).txt"] == old["text/\(otherKey).txt"])

  // targets.csv by id: the new target is the only new id, and targets outside the edited
  // sentence read as before but for their offsets (spans move with the text).
  let oldTargets = rowsByID(old["targets.csv"])
  let newTargets = rowsByID(new["targets.csv"])
  #expect(Set(newTargets.keys).subtracting(oldTargets.keys) == ["\(key):g/二、/（一）#2"])
  #expect(Set(oldTargets.keys).isSubset(of: newTargets.keys))
  for (id, row) in oldTargets where id != "\(key):g/二、/（一）#1" {
    #expect(newTargets[id] == row, "\(id) is unchanged")
  }

  // documents.csv: the edited plan keeps its key; its content id and counts follow its bytes.
  let oldRow = lines(old["documents.csv"]).first { $0.hasPrefix(key + ",") }
  let newRow = lines(new["documents.csv"]).first { $0.hasPrefix(key + ",") }
  #expect(oldRow != nil && newRow != nil && oldRow != newRow)
  #expect(rowsByID(old["responsibilities.csv"]) == rowsByID(new["responsibilities.csv"]))
  #expect(rowsByID(old["deadlines.csv"]) == rowsByID(new["deadlines.csv"]))
}

/// The rows of a fact export by document key and fact id (the first and fourth fields), without
/// their span columns. The test's texts hold no commas inside fields.
private func rowsByID(_ data: Data?) -> [String: [String]] {
  var rows: [String: [String]] = [:]
  for line in lines(data).dropFirst() where !line.isEmpty {
    let fields = line.components(separatedBy: ",")
    rows[fields[0] + ":" + fields[3]] = Array(fields.dropLast(2))
  }
  return rows
}

@Test func factIDsFollowTheOutline() {
  #expect(
    FactID.tasks([[], ["一、"], ["一、", "（一）"], ["一、"], ["二、"]]) == [
      "t", "t/一、", "t/一、/（一）", "t/一、~2", "t/二、",
    ])
  struct Fact {
    var path: [String]
    var id = ""
  }
  var facts = [Fact(path: ["一、"]), Fact(path: []), Fact(path: ["一、"]), Fact(path: ["二、", "1．"])]
  FactID.assign(&facts, prefix: "g", path: \.path, id: \.id)
  #expect(facts.map(\.id) == ["g/一、#1", "g#1", "g/一、#2", "g/二、/1．#1"])
}

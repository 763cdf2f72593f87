import ArgumentParser
import Foundation
import PlanScope

struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract:
      "Print the facts found in a snippet as JSON.",
    discussion: """
      For asking "why wasn't this found?": `quantities` lists every number
      expression the number layer saw, whether or not it became a target.
      `--explain` prints, instead of the JSON, one line per fact with the rule that
      produced it, and the numbers no rule took.

      Example:
        planscope extract --text "到2025年，农膜回收率达到85%以上。（市农业农村委牵头）"
      """
  )

  @Option(help: "The snippet (Simplified or Traditional).")
  var text: String?

  @Option(help: "A .txt or .docx file to read instead of --text.")
  var file: String?

  @Option(help: "Folder of lexicon TSV files overriding the bundled ones.")
  var lexicons: String?

  @Flag(help: "Show the rules that produced each fact, and the numbers no rule took, as text.")
  var explain = false

  func validate() throws {
    if (text == nil) == (file == nil) {
      throw ValidationError("give exactly one of --text or --file")
    }
  }

  func run() throws {
    do {
      let pipeline = try Pipeline.standard(lexicons: lexicons.map { URL(fileURLWithPath: $0) })
      var snippet = text ?? ""
      if let file {
        snippet = try pipeline.load(URL(fileURLWithPath: file), as: file).text
      }
      let report = pipeline.report(snippet: snippet)
      if explain {
        FileHandle.standardOutput.write(Data(Self.explanation(of: report).utf8))
        return
      }
      let text = try DatasetCoding.encoder().encode(report)
      FileHandle.standardOutput.write(Data((text + "\n").utf8))
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(1)
    }
  }
}

extension ExtractCommand {
  /// One line per fact: its rule, what it says and the words it came from.
  static func explanation(of report: SnippetReport) -> String {
    var lines: [String] = []
    lines.append("targets (\(report.targets.count))")
    for target in report.targets {
      let range =
        target.valueMax.map { "\(number(target.value))–\(number($0))" } ?? number(target.value)
      let year = target.targetYear.map { " by \($0)" } ?? ""
      let base = target.baselineYear.map { " vs \($0)" } ?? ""
      lines.append(
        "  \(target.id)  \(target.rule ?? "-")\(target.cue.map { " (cue \($0))" } ?? "")  \(target.indicator) \(target.comparator.rawValue) \(range)\(target.unit)"
          + " [\(target.change.rawValue)\(year)\(base)]  «\(target.quote)»")
    }
    lines.append("deadlines (\(report.deadlines.count))")
    for deadline in report.deadlines {
      let when = [deadline.start, deadline.date, deadline.duration, deadline.recurrence]
        .compactMap { $0 }.joined(separator: " ")
      lines.append(
        "  \(deadline.id)  \(deadline.rule ?? "-")  \(deadline.kind.rawValue) \(when)  «\(deadline.text)»"
      )
    }
    lines.append("departments (\(report.departments.count))")
    for department in report.departments {
      lines.append(
        "  \(department.path.joined())  \(department.rule ?? "-")  \(department.name) \(department.role.rawValue)"
      )
    }
    let taken = Set(report.targets.map(\.span.end))
    let left = report.quantities.filter { quantity in
      !report.targets.contains {
        $0.span.start <= quantity.span.start && quantity.span.end <= $0.span.end
      }
        && !taken.contains(quantity.span.end)
    }
    lines.append("numbers no target rule took (\(left.count))")
    for quantity in left {
      lines.append("  «\(quantity.text)» \(number(quantity.value))\(quantity.unit)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A value without a trailing `.0`.
  private static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}

import ArgumentParser
import Foundation
import PlanScope

struct DiffCommand: ParsableCommand {
  enum Format: String, ExpressibleByArgument { case markdown, json }

  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Review what changed between two runs (targets, roles, deadlines).",
    discussion: """
      OLD and NEW are dataset.json files or output folders. Documents pair by source
      path (else by title), so an edited plan shows as changed. Exit status: 0 no
      changes, 1 changes, 2 error (like diff(1)).

      Example:
        planscope diff last-week/output output
        planscope diff old.json new.json --format json > changes.json
      """
  )

  @Argument(help: "The earlier dataset.json or output folder.")
  var old: String

  @Argument(help: "The later dataset.json or output folder.")
  var new: String

  @Option(help: "markdown or json.")
  var format: Format = .markdown

  func run() throws {
    let changes: DatasetChanges
    do {
      changes = DatasetDiffer().diff(try DatasetFile.load(old), try DatasetFile.load(new))
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
    switch format {
    case .markdown:
      let text = ChangesMarkdownWriter().write(changes, heading: "Changes from \(old) to \(new)")
      FileHandle.standardOutput.write(Data(text.utf8))
    case .json:
      let text = (try? DatasetCoding.encoder().encode(changes)) ?? "{}"
      FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
    if !changes.isEmpty { throw ExitCode(1) }
  }
}

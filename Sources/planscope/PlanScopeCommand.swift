import ArgumentParser
import Foundation
import PlanScope

@main
struct PlanScopeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "planscope",
    abstract: "Turn Chinese government policy plans into a reviewable dataset.",
    discussion: """
      Example:
        planscope run corpus -o output     # read every .txt/.docx under corpus/
        planscope text plan.docx           # what the reader extracted from a file
      """,
    version: Pipeline.version,
    subcommands: [
      RunCommand.self, MergeCommand.self, TextCommand.self, ExtractCommand.self, DiffCommand.self,
      DigestCommand.self, BenchCommand.self,
    ]
  )
}

/// Prints a line on standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

import ArgumentParser
import Foundation
import PlanScope

struct TextCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "text",
    abstract:
      "Print what the reader extracted from one file, before cleanup.",
    discussion: """
      For inspecting inputs: the detected encoding and any warnings go to stderr.

      Example:
        planscope text corpus/003_b9e0d298701c9523.txt | head
      """
  )

  @Argument(help: "A .txt or .docx file.")
  var file: String

  func run() throws {
    let url = URL(fileURLWithPath: file)
    do {
      let source = try DocumentLoader().load(url, as: file)
      FileHandle.standardOutput.write(Data(source.text.utf8))
      for diagnostic in source.diagnostics {
        printError("planscope: warning: \(file): \(diagnostic.message)")
      }
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(1)
    }
  }
}

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
      let data = try DatasetCoding.encoder().encode(pipeline.report(snippet: snippet))
      FileHandle.standardOutput.write(data + Data("\n".utf8))
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(1)
    }
  }
}

import ArgumentParser
import Foundation
import PlanScope

struct DigestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "digest",
    abstract:
      "Write the weekly digest: new and changed plans, deadlines due.",
    discussion: """
      Reads the state database `planscope run` keeps and writes Markdown to
      OUTPUT/digest.md (or --output). Prints nothing on success, so cron mails only
      failures.

      Example (crontab, Mondays 06:00):
        0 6 * * 1  cd /srv/plans && planscope run corpus -o output -q &&
                   planscope digest --days 7 output
      """
  )

  @Argument(help: "The output folder of `planscope run`.")
  var folder: String = "output"

  @Option(help: "First day of the window, YYYY-MM-DD.")
  var since: String?

  @Option(help: "Window length in days, ending today.")
  var days: Int = 7

  @Option(help: "Report deadlines due within this many days.")
  var horizonDays: Int = 28

  @Option(help: "The day the digest is for, YYYY-MM-DD (default: today, UTC).")
  var today: String?

  @Option(help: "State database (default: FOLDER/state.sqlite).")
  var state: String?

  @Option(
    name: .shortAndLong,
    help: "Where to write the Markdown (default: FOLDER/digest.md; - for stdout).")
  var output: String?

  func run() throws {
    do {
      let now = try today.map { try day($0) } ?? Date()
      let start = try since.map { try day($0) } ?? now.addingTimeInterval(-Double(days) * 86_400)
      let folderURL = URL(fileURLWithPath: folder)
      let statePath = state ?? folderURL.appendingPathComponent("state.sqlite").path
      guard FileManager.default.fileExists(atPath: statePath) else {
        throw ValidationError("\(statePath): no state database; run `planscope run` first")
      }
      let lock = try OutputLock(folder: folderURL)
      let store = try StateStore(path: statePath, fingerprint: nil)
      let digest = DigestBuilder().build(
        entries: try store.entries(), since: start, now: now, horizonDays: horizonDays)
      let text = DigestMarkdownWriter().write(digest)
      if output == "-" {
        FileHandle.standardOutput.write(Data(text.utf8))
      } else if let output {
        try OutputDirectory(URL(fileURLWithPath: output).deletingLastPathComponent())
          .write(text, to: URL(fileURLWithPath: output).lastPathComponent)
      } else {
        try OutputDirectory(folderURL).write(text, to: "digest.md")
      }
      withExtendedLifetime(lock) {}
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
  }

  private func day(_ text: String) throws -> Date {
    guard let date = DigestBuilder.date(fromDay: text) else {
      throw ValidationError("\(text): expected a day as YYYY-MM-DD")
    }
    return date
  }
}

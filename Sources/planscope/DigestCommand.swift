import ArgumentParser
import Foundation
import PlanScope

struct DigestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "digest",
    abstract:
      "Write the weekly digest: new and changed plans, deadlines due.",
    discussion: """
      Reads the state database `planscope run` keeps, prints the digest as
      Markdown on standard output (cron mails it) and keeps a dated copy in
      OUTPUT/digests/DAY.md; -o FILE writes FILE only. The window is the --days
      calendar days that end today, so weekly digests never overlap.

      Example (crontab, Mondays 06:00; a run whose failed files exit 1 still gets
      its digest, a fatal error, exit 2, does not):
        0 6 * * 1  cd /srv/plans && { planscope run corpus -o output -q;
                   [ $? -le 1 ] && planscope digest output --days 7; }
      """
  )

  @Argument(help: "The output folder of `planscope run`.")
  var folder: String = "output"

  @Option(help: "First day of the window, YYYY-MM-DD (instead of --days).")
  var since: String?

  @Option(help: "Window length in calendar days, ending today (default: 7).")
  var days: Int?

  @Option(help: "Report deadlines due within this many days.")
  var horizonDays: Int = 28

  @Option(help: "The day the digest is for, YYYY-MM-DD (default: today, UTC).")
  var today: String?

  @Option(help: "State database (default: FOLDER/state.sqlite).")
  var state: String?

  @Option(
    name: .shortAndLong,
    help: "Write the Markdown to FILE only (default: stdout and FOLDER/digests/DAY.md).")
  var output: String?

  func validate() throws {
    if since != nil && days != nil {
      throw ValidationError("give --since or --days, not both (they both set the window's start)")
    }
    if let days, days <= 0 { throw ValidationError("--days \(days): expected 1 or more") }
    if horizonDays < 0 {
      throw ValidationError("--horizon-days \(horizonDays): expected 0 or more")
    }
  }

  func run() throws {
    do {
      let now = try today.map { try day($0) } ?? Date()
      let start =
        try since.map { try day($0) } ?? DigestBuilder.windowStart(days: days ?? 7, endingOn: now)
      if start > now { throw ValidationError("--since \(since ?? ""): after --today") }
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
        // Cron mails standard output; the dated copy keeps every week's digest.
        FileHandle.standardOutput.write(Data(text.utf8))
        try OutputDirectory(folderURL.appendingPathComponent("digests"))
          .write(text, to: "\(digest.today).md")
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

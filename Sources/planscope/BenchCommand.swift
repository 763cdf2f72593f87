import ArgumentParser
import Foundation
import PlanScope
import PlanScopeBench

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Benchmark planscope on generated corpora against opencc and pandoc.",
    discussion: """
      Generates corpora from the seed plans (deterministic; reused from --work when
      unchanged), times each stage in-process, runs `planscope run` and the
      reference tools (opencc -c t2s, pandoc -f docx -t plain) on the same bytes,
      and prints a Markdown report with PASS/FAIL per goal (also kept as
      WORK/report.md). Progress goes to stderr. The defaults are the issue's sizes
      (tens of minutes today); --quick takes a minute or two.

      Example:
        planscope bench --quick
        planscope bench --small-files 2000 --memory-corpus-mb 100,1000 > bench.md
      """
  )

  @Flag(help: "Small corpora for a smoke run (explicit sizes still win).")
  var quick = false

  @Option(help: "Work folder for corpora and outputs.")
  var work = ".build/bench"

  @Option(help: "Folder of seed plans (*.txt) the corpora are cut from.")
  var seeds = "corpus"

  @Option(help: "Seed of the corpus generator.")
  var seed: UInt64?

  @Option(help: "Plans of 5–50 KB in the many-small-files corpus (default 5000).")
  var smallFiles: Int?

  @Option(help: "Very large plans (default 3).")
  var largeFiles: Int?

  @Option(help: "Size of each very large plan in MB (default 20).")
  var largeMb: Int?

  @Option(help: "MB of plan text in the generated DOCX (default 5).")
  var docxMb: Int?

  @Option(help: "Plans in the corpus re-run with the state cache (default 20000).")
  var cachedFiles: Int?

  @Option(help: "Comma-separated corpus sizes in MB for peak memory (default 100,400).")
  var memoryCorpusMb: String?

  @Option(help: "The planscope executable to run end to end (default: this one).")
  var planscope: String?

  func validate() throws {
    let sizes = [smallFiles, largeFiles, largeMb, docxMb, cachedFiles].compactMap { $0 }
    if sizes.contains(where: { $0 < 0 }) { throw ValidationError("sizes must not be negative") }
    if smallFiles == 0 || cachedFiles == 0 {
      throw ValidationError("--small-files and --cached-files need at least one plan")
    }
    if let memoryCorpusMb, parsedMemorySizes(memoryCorpusMb) == nil {
      throw ValidationError("--memory-corpus-mb takes sizes like 100,400")
    }
  }

  func run() throws {
    var options = quick ? BenchOptions.quick : BenchOptions()
    options.workFolder = URL(fileURLWithPath: work)
    options.seedCorpus = URL(fileURLWithPath: seeds)
    if let seed { options.seed = seed }
    if let smallFiles { options.smallFiles = smallFiles }
    if let largeFiles { options.largeFiles = largeFiles }
    if let largeMb { options.largeMB = largeMb }
    if let docxMb { options.docxMB = docxMb }
    if let cachedFiles { options.cachedFiles = cachedFiles }
    if let sizes = memoryCorpusMb.flatMap(parsedMemorySizes) { options.memoryCorpusMB = sizes }
    guard let executable = planscope.map({ URL(fileURLWithPath: $0) }) ?? Bundle.main.executableURL
    else {
      printError("planscope: error: cannot tell where this executable is; pass --planscope")
      throw ExitCode(2)
    }
    let suite = BenchSuite(options: options, planscope: executable) { printError("bench: " + $0) }
    do {
      let report = try suite.run()
      FileHandle.standardOutput.write(Data(BenchMarkdownWriter().write(report).utf8))
    } catch {
      printError("planscope: error: \(error)")
      throw ExitCode(2)
    }
  }

  private func parsedMemorySizes(_ text: String) -> [Int]? {
    let sizes = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
    return sizes.compactMap { $0 }
  }
}

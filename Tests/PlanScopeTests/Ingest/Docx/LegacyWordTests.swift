import Foundation
import Testing

@testable import PlanScope

/// Runs `planscope arguments…` with `environment` only.
private func planscope(_ arguments: [String], environment: [String: String]) throws -> (
  status: Int32, output: String, error: String
) {
  let process = Process()
  process.executableURL = CommandLineTool.url
  process.arguments = arguments
  // The sanitizer settings of `make check-asan` reach the child (its leak suppressions).
  let inherited = ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }
  process.environment = environment.merging(inherited) { own, _ in own }
  let output = Pipe()
  let error = Pipe()
  process.standardOutput = output
  process.standardError = error
  try process.run()
  let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  let err = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, out, err)
}

@Test func aDocWithoutLibreOfficeFailsNamingWhatToInstall() throws {
  let work = try ScratchFolder()
  try work.write("old.doc", [0xD0, 0xCF, 0x11, 0xE0] + Array(repeating: 0, count: 60))
  let result = try planscope(
    ["text", work.url.appendingPathComponent("old.doc").path],
    environment: [
      "PATH": "/nonexistent", "XDG_CACHE_HOME": work.url.appendingPathComponent("cache").path,
    ])
  #expect(result.status == 1)
  #expect(result.error.contains("old.doc: .doc needs LibreOffice to be read"))
  #expect(result.error.contains("libreoffice-writer-nogui"))
}

@Test func docWpsAndRtfAreReadThroughLibreOfficeAndCachedByContent() throws {
  guard let soffice = LegacyWordReader.soffice else { return }  // LibreOffice is optional
  let work = try ScratchFolder()
  try work.write("plan.docx", try FixturePaths.bytes("Fixtures/docx/04_table_tasks.docx"))
  // Word 97 made from the DOCX fixture by LibreOffice itself.
  let convert = Process()
  convert.executableURL = soffice
  convert.arguments = [
    "-env:UserInstallation=\(work.url.appendingPathComponent("profile").absoluteString)",
    "--headless", "--convert-to", "doc", "--outdir", work.url.path,
    work.url.appendingPathComponent("plan.docx").path,
  ]
  convert.standardOutput = FileHandle.nullDevice
  convert.standardError = FileHandle.nullDevice
  try convert.run()
  convert.waitUntilExit()
  let doc = work.url.appendingPathComponent("plan.doc")
  #expect(FileManager.default.fileExists(atPath: doc.path))
  let cache = work.url.appendingPathComponent("cache")
  let environment = [
    "PATH": soffice.deletingLastPathComponent().path + ":/usr/bin:/bin",
    "XDG_CACHE_HOME": cache.path,
    "HOME": work.url.path,
  ]
  let original = try DocumentLoader().load(
    work.url.appendingPathComponent("plan.docx"), as: "plan.docx"
  ).text
  let first = try planscope(["text", doc.path], environment: environment)
  #expect(first.status == 0)
  let cells: [Substring] = original.components(separatedBy: "\n").flatMap { line in
    line.components(separatedBy: "\t").map { Substring($0) }
  }.filter { $0.count >= 4 }
  #expect(!cells.isEmpty)
  for cell in cells { #expect(first.output.contains(cell), "\(cell)") }
  // The converted file is cached by content: read again without LibreOffice on PATH.
  let cached = try FileManager.default.contentsOfDirectory(
    atPath: cache.appendingPathComponent("planscope/converted").path)
  #expect(cached.count == 1 && cached[0].hasSuffix(".docx"))
  let again = try planscope(
    ["text", doc.path], environment: ["PATH": "/nonexistent", "XDG_CACHE_HOME": cache.path])
  #expect(again.status == 0 && again.output == first.output)

  // RTF written by hand: Unicode escapes for the Chinese.
  let rtf =
    #"{\rtf1\ansi\deff0{\fonttbl{\f0 SimSun;}}\f0 \u19968?\u12289?\u30446?\u26631?\par \u21040?2025\u24180?\u65292?\u35206?\u30422?\u29575?\u36798?\u21040?90%\u12290?\par}"#
  try work.write("plan.rtf", Array(rtf.utf8))
  let rich = try planscope(
    ["text", work.url.appendingPathComponent("plan.rtf").path], environment: environment)
  #expect(rich.status == 0)
  #expect(rich.output.contains("一、目标") && rich.output.contains("覆盖率达到90%"))
  // A .doc that is a zip is read as DOCX, without LibreOffice.
  try work.write("saved-as.doc", try FixturePaths.bytes("Fixtures/docx/04_table_tasks.docx"))
  let zipped = try planscope(
    ["text", work.url.appendingPathComponent("saved-as.doc").path],
    environment: ["PATH": "/nonexistent"])
  #expect(zipped.status == 0 && zipped.output == original)
}

import Foundation
import Testing

@testable import PlanScope

// comparison.html as a browser sees it: the seed corpus, a copy of one plan and a plan with
// markup in its title are published by a run, rendered by headless Chromium (a screenshot for
// the test log, the DOM for the assertions), and checked against what the dataset says.

/// The seed corpus as a run processes it, plus a copy of its first plan under another path
/// and a plan whose title and path hold markup.
private func seedDocuments() throws -> [ProcessedDocument] {
  let golden = try #require(try GoldenCase.all().first { $0.name == "seed-corpus" })
  let pipeline = try Shared.pipeline()
  var documents: [ProcessedDocument] = []
  for input in try golden.inputs() {
    var diagnostics = Diagnostics()
    documents.append(
      ProcessedDocument(
        pipeline.run(try pipeline.load(input.url, as: input.path), diagnostics: &diagnostics)))
  }
  var copy = documents[0]
  copy.record.source.path = "zz/copy of " + copy.record.source.path
  var hostile = documents[1]
  hostile.record.source.path = "zz/<b>hostile</b>.txt"
  hostile.record.source.sha256 = String(repeating: "e", count: 64)
  hostile.record.title = "<script>alert('x')</script> & \"计划\""
  hostile.record.jurisdiction = "<i>某市</i>"
  return documents + [copy, hostile]
}

/// `chromium` (Debian) or `chromium-browser` on PATH.
private func chromium() -> URL? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  for folder in path.split(separator: ":") {
    for name in ["chromium", "chromium-browser"] {
      let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
  }
  return nil
}

/// Runs headless Chromium on `page` with `arguments`; its standard output. A stuck browser
/// is killed after two minutes (`timeout`), which fails the test rather than hanging it.
private func runChromium(_ browser: URL, _ arguments: [String], page: URL, profile: URL) throws
  -> String
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
  let options: [String] = [
    "120", browser.path, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
    "--user-data-dir=\(profile.path)",
  ]
  process.arguments = options + arguments + [page.absoluteString]
  let output = Pipe()
  process.standardOutput = output
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  #expect(
    process.terminationStatus == 0, "chromium \(arguments) exited with \(process.terminationStatus)"
  )
  return String(decoding: data, as: UTF8.self)
}

/// Text as a serialized DOM shows it in an element (only `&`, `<` and `>` escaped).
private func domText(_ text: String) -> String {
  text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;")
}

/// Non-overlapping occurrences of `needle` in `text`.
private func count(_ needle: String, in text: String) -> Int {
  text.components(separatedBy: needle).count - 1
}

/// The parts of `dom` between each `open` and the next `close`.
private func elements(_ dom: String, open: String, close: String) -> [String] {
  dom.components(separatedBy: open).dropFirst().map {
    $0.components(separatedBy: close).first ?? ""
  }
}

@Test func comparisonPageRendersInHeadlessChromium() throws {
  guard let browser = chromium() else {
    Issue.record(
      """
      chromium is not installed: `make test` installs it (the Makefile's TEST_PACKAGES), \
      or run `apt-get install -y chromium fonts-wqy-microhei`
      """)
    return
  }
  let documents = try seedDocuments()
  let lexicon = try ComparisonLexicon.standard()
  let out = try ScratchFolder()
  let dataset = Dataset(records: documents.map(\.record))
  try OutputDirectory(out.url).writeRun(
    dataset: dataset, documents: documents, comparison: ComparisonMarkdownWriter(lexicon: lexicon))
  let page = out.url.appendingPathComponent("comparison.html")
  let profile = out.url.appendingPathComponent(".chromium-profile")

  // A screenshot for the test log (and for a person to look at), then the DOM.
  let shots = FileManager.default.temporaryDirectory.appendingPathComponent(
    "planscope-comparison-html")
  try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
  let screenshot = shots.appendingPathComponent("comparison.png")
  try? FileManager.default.removeItem(at: screenshot)
  _ = try runChromium(
    browser, ["--window-size=1280,3000", "--screenshot=\(screenshot.path)"], page: page,
    profile: profile)
  print("comparison.html screenshot: \(screenshot.path)")
  let png = try Data(contentsOf: screenshot)
  #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot")
  let dom = try runChromium(browser, ["--dump-dom"], page: page, profile: profile)
  try FileManager.default.removeItem(at: profile)
  #expect(dom.contains("<h1>Plan comparison</h1>"))

  // What the dataset says: copies aside, the indicator families in two plans or more, and
  // per family and unit the targets a chart shows.
  var firstWithContent: [String: String] = [:]
  var originals: [DocumentRecord] = []
  var copies: [DocumentRecord] = []
  for record in dataset.documents {
    if firstWithContent[record.source.sha256] == nil {
      firstWithContent[record.source.sha256] = record.key
      originals.append(record)
    } else {
      copies.append(record)
    }
  }
  #expect(copies.count == 1)
  var plansOf: [String: Set<String>] = [:]
  var bars: [String: Int] = [:]
  for record in originals {
    for target in record.targets {
      let family = lexicon.family(of: target.indicator)
      plansOf[family, default: []].insert(record.key)
      bars["\(family)|\(target.normalized.unit)", default: 0] += 1
    }
  }
  let shared = Set(plansOf.filter { $0.value.count >= 2 }.keys)
  #expect(shared.count >= 5, "the seed corpus shares several families")

  // An <svg> per family and unit, a bar per target in it (the copy's targets not again).
  let charts = elements(dom, open: "<svg class=\"chart\"", close: "</svg>")
  let expectedCharts = bars.filter { shared.contains(String($0.key.split(separator: "|")[0])) }
  #expect(charts.count == expectedCharts.count)
  var charted: Set<String> = []
  for chart in charts {
    let family = elements(chart, open: "data-family=\"", close: "\"").first ?? ""
    let unit = elements(chart, open: "data-unit=\"", close: "\"").first ?? ""
    charted.insert(family)
    #expect(
      count("<rect class=\"bar", in: chart) == bars["\(family)|\(unit)"],
      "bars of \(family) in \(unit)")
  }
  #expect(charted == shared)

  // Plans labelled by title and jurisdiction; the copy flagged once, with its original.
  for record in originals where !record.targets.isEmpty {
    let title = domText(record.title ?? record.source.path)
    #expect(dom.contains(title), "plans table names \(title)")
  }
  for record in originals
  where shared.contains(where: { family in
    record.targets.contains { lexicon.family(of: $0.indicator) == family }
  }) {
    let label = domText(ComparisonMarkdownWriter.label(record))
    #expect(dom.contains(">\(label)</td>"), "a target row labelled \(label)")
  }
  let copyRows = elements(dom, open: "<tr class=\"copy\"", close: "</tr>")
  #expect(copyRows.count == 1)
  #expect(copyRows.first?.contains("copy of <a href=\"#plan-\(originals[0].key)\"") == true)

  // Every source link opens a published text at the quote.
  let links = elements(dom, open: "href=\"text/", close: "\"")
  let quoted = links.filter { $0.contains(".txt#:~:text=") }
  #expect(quoted.count == expectedCharts.values.reduce(0, +), "a quote link per charted target")
  for link in links {
    let file = String(link.prefix { $0 != "#" })
    #expect(
      FileManager.default.fileExists(atPath: out.url.appendingPathComponent("text/" + file).path),
      "text/\(file) is published")
  }

  // Markup in the data stays text.
  #expect(!dom.contains("<script"))
  #expect(!dom.contains("<b>hostile"))
  #expect(!dom.contains("<i>某市"))
  #expect(dom.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"计划\""))
  #expect(count("<table>", in: dom) == count("</table>", in: dom))
}

@Test func comparisonPageIsSelfContainedAndDeterministic() throws {
  let writer = ComparisonMarkdownWriter(lexicon: try ComparisonLexicon.standard())
  let records = ComparisonCase.all.first { $0.id == "all-sections" }?.records ?? []
  let page = writer.writeHTML(Dataset(records: records))
  #expect(page == writer.writeHTML(Dataset(records: records.reversed())))
  #expect(page.hasPrefix("<!DOCTYPE html>\n"))
  for external in ["<script", "<link", "<img", "src=", "http://", "https://", "@import", "url("] {
    let allowed =
      external == "http://" ? count("xmlns=\"http://www.w3.org/2000/svg\"", in: page) : 0
    #expect(count(external, in: page) == allowed, "no \(external)")
  }
  // Hostile cells: pipes, line breaks and markup-like text escaped, never cut into tags.
  let hostile = ComparisonCase.hostile
  #expect(page.contains(ComparisonHTML.escape(hostile.title ?? "")))
  #expect(
    ComparisonHTML.escape("<a href=\"x\">'&'</a>")
      == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
}

import Foundation
import PlanScope

/// A generated corpus on disk: the folder given to `planscope run` and its files.
struct BenchCorpus {
  /// Name, counts and sizes for the report.
  var summary: CorpusSummary
  /// The folder (it holds exactly `files`).
  var root: URL
  /// The files, sorted by name.
  var files: [URL]
}

/// Every corpus of a benchmark run, generated (or reused) under the work folder.
///
/// Ordinary plans live once in `pool/` (`plan-0000000.txt`…); the many-small-files, cached and
/// memory corpora are folders of hard links to a prefix of the pool, so they share plans and
/// disk. Large plans and the Word file are generated into `pool-large/` and `pool-docx/`.
struct BenchCorpora {
  /// The many-small-files corpus.
  var small: BenchCorpus
  /// The very large plans (nil when none are asked for).
  var large: BenchCorpus?
  /// The Word file (nil without pandoc to write it).
  var docx: BenchCorpus?
  /// The same plans as one HTML page with portal chrome.
  var html: BenchCorpus?
  /// The Word file as a PDF (nil without LibreOffice to print it).
  var pdf: BenchCorpus?
  /// The corpus re-run with the state cache.
  var cached: BenchCorpus
  /// The peak-memory corpora, smallest first.
  var memory: [BenchCorpus]
  /// The many-small-files corpus as one file, for `opencc`.
  var smallConcatenated: URL

  /// Every corpus, for the report.
  var summaries: [CorpusSummary] {
    ([small, large, docx, html, pdf, cached].compactMap { $0 } + memory).map(\.summary)
  }

  /// Generates what is missing and links the corpus folders.
  /// - Throws: `BenchError`.
  static func build(
    options: BenchOptions, generator: BenchCorpusGenerator, workspace: BenchWorkspace,
    pandoc: URL?, log: (String) -> Void
  ) throws -> BenchCorpora {
    let pool = try Pool.fill(
      options: options, generator: generator, workspace: workspace, log: log)
    let small = try pool.corpus("small", count: options.smallFiles, workspace: workspace)
    let cached = try pool.corpus("cached", count: options.cachedFiles, workspace: workspace)
    let memory = try options.memoryCorpusMB.sorted().map { megabytes in
      try pool.corpus(
        "memory-\(megabytes)MB", count: pool.count(reaching: megabytes * 1_000_000),
        workspace: workspace)
    }
    let concatenated = workspace.url("reference/small-all.txt")
    try workspace.folder("reference")
    _ = try workspace.concatenate(small.files, into: concatenated)
    let word = try docx(
      options: options, generator: generator, workspace: workspace, pandoc: pandoc, log: log)
    return BenchCorpora(
      small: small,
      large: try large(options: options, generator: generator, workspace: workspace, log: log),
      docx: word,
      html: try html(options: options, generator: generator, workspace: workspace),
      pdf: try pdf(of: word, workspace: workspace, log: log),
      cached: cached, memory: memory, smallConcatenated: concatenated)
  }

  private static func large(
    options: BenchOptions, generator: BenchCorpusGenerator, workspace: BenchWorkspace,
    log: (String) -> Void
  ) throws -> BenchCorpus? {
    guard options.largeFiles > 0 else { return nil }
    let folder = try workspace.folder("pool-large")
    var files: [URL] = []
    var bytes = 0
    var traditional = 0
    var written = 0
    for number in 0..<options.largeFiles {
      log("generating large plan \(number + 1)/\(options.largeFiles) (\(options.largeMB) MB)")
      let plan = generator.largePlan(
        number, bytes: options.largeMB * 1_000_000, plans: options.smallFileBytes)
      let url = folder.appendingPathComponent("large-\(number).txt")
      if try workspace.store(plan.bytes, at: url) { written += 1 }
      files.append(url)
      bytes += plan.bytes.count
      if plan.traditional { traditional += 1 }
    }
    let root = try workspace.linkFolder("corpora/large", to: files[...])
    return BenchCorpus(
      summary: CorpusSummary(
        name: "large", files: files.count, bytes: bytes, traditionalFiles: traditional,
        written: written),
      root: root, files: files.map { root.appendingPathComponent($0.lastPathComponent) })
  }

  /// The DOCX's plans as one page: each line a paragraph, inside a portal's navigation,
  /// breadcrumbs and footer.
  private static func html(
    options: BenchOptions, generator: BenchCorpusGenerator, workspace: BenchWorkspace
  ) throws -> BenchCorpus? {
    guard options.docxMB > 0 else { return nil }
    let markdown = generator.docxMarkdown(
      textBytes: options.docxMB * 1_000_000, plans: options.smallFileBytes)
    var page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>方案</title></head><body>"
    page += "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/gk\">政务公开</a></div>"
    page += "<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; 政策文件</div><div class=\"content\">"
    for line in markdown.split(separator: "\n") where !line.isEmpty {
      page += "<p>" + line.replacingOccurrences(of: "&", with: "&amp;")
        .replacingOccurrences(of: "<", with: "&lt;") + "</p>\n"
    }
    page += "</div><div class=\"footer\">版权所有 网站地图</div></body></html>\n"
    try workspace.folder("pool-html")
    let file = workspace.url("pool-html/plans.html")
    let written = try workspace.store(Array(page.utf8), at: file) ? 1 : 0
    let root = try workspace.linkFolder("corpora/html", to: [file][...])
    return BenchCorpus(
      summary: CorpusSummary(
        name: "html", files: 1, bytes: page.utf8.count, traditionalFiles: nil, written: written),
      root: root, files: [root.appendingPathComponent(file.lastPathComponent)])
  }

  /// The Word file printed to PDF by LibreOffice (redone when the DOCX was rewritten).
  private static func pdf(of docx: BenchCorpus?, workspace: BenchWorkspace, log: (String) -> Void)
    throws -> BenchCorpus?
  {
    guard let docx, let soffice = ToolRunner.find("soffice") else { return nil }
    try workspace.folder("pool-pdf")
    let pdf = workspace.url("pool-pdf/plans.pdf")
    var written = 0
    if docx.summary.written > 0 || !FileManager.default.fileExists(atPath: pdf.path) {
      log("printing the DOCX to PDF with LibreOffice")
      try ToolRunner.capture(
        soffice,
        [
          "-env:UserInstallation=\(workspace.url("pool-pdf/profile").absoluteString)", "--headless",
          "--convert-to", "pdf", "--outdir", workspace.url("pool-pdf").path, docx.files[0].path,
        ])
      written = 1
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
    let root = try workspace.linkFolder("corpora/pdf", to: [pdf][...])
    return BenchCorpus(
      summary: CorpusSummary(name: "pdf", files: 1, bytes: size, traditionalFiles: nil, written: written),
      root: root, files: [root.appendingPathComponent(pdf.lastPathComponent)])
  }

  private static func docx(
    options: BenchOptions, generator: BenchCorpusGenerator, workspace: BenchWorkspace,
    pandoc: URL?, log: (String) -> Void
  ) throws -> BenchCorpus? {
    guard let pandoc, options.docxMB > 0 else { return nil }
    let folder = try workspace.folder("pool-docx")
    let markdown = generator.docxMarkdown(
      textBytes: options.docxMB * 1_000_000, plans: options.smallFileBytes)
    let source = folder.appendingPathComponent("plans.md")
    let docx = folder.appendingPathComponent("plans.docx")
    var written = 0
    if try workspace.store(Array(markdown.utf8), at: source)
      || !FileManager.default.fileExists(atPath: docx.path)
    {
      log("writing the DOCX with pandoc -f commonmark (\(options.docxMB) MB of text)")
      let partial = folder.appendingPathComponent("plans.partial.docx")
      // SOURCE_DATE_EPOCH pins the dates pandoc writes into docProps/core.xml.
      try ToolRunner.capture(
        pandoc, ["-f", "commonmark", "-t", "docx", source.path, "-o", partial.path],
        environment: ["SOURCE_DATE_EPOCH": "0"])
      workspace.remove("pool-docx/plans.docx")
      do {
        try FileManager.default.moveItem(at: partial, to: docx)
      } catch {
        throw BenchError.workspace(path: docx.path, reason: String(describing: error))
      }
      written = 1
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: docx.path)[.size] as? Int) ?? 0
    let root = try workspace.linkFolder("corpora/docx", to: [docx][...])
    return BenchCorpus(
      summary: CorpusSummary(
        name: "docx", files: 1, bytes: size, traditionalFiles: nil, written: written),
      root: root, files: [root.appendingPathComponent(docx.lastPathComponent)])
  }
}

/// The ordinary plans, generated in index order until every corpus is covered.
private struct Pool {
  var files: [URL] = []
  var sizes: [Int] = []
  var traditional: [Bool] = []
  var written: [Bool] = []

  static func fill(
    options: BenchOptions, generator: BenchCorpusGenerator, workspace: BenchWorkspace,
    log: (String) -> Void
  ) throws -> Pool {
    let folder = try workspace.folder("pool")
    let minimum = max(options.smallFiles, options.cachedFiles)
    let bytesNeeded = (options.memoryCorpusMB.max() ?? 0) * 1_000_000
    var pool = Pool()
    var total = 0
    log("generating ordinary plans (\(minimum)+ files, ≥ \(bytesNeeded / 1_000_000) MB)")
    while pool.files.count < minimum || total < bytesNeeded {
      let index = pool.files.count
      let plan = generator.plan(index, bytes: options.smallFileBytes)
      let url = folder.appendingPathComponent("plan-" + Self.padded(index) + ".txt")
      pool.written.append(try workspace.store(plan.bytes, at: url))
      pool.files.append(url)
      pool.sizes.append(plan.bytes.count)
      pool.traditional.append(plan.traditional)
      total += plan.bytes.count
    }
    return pool
  }

  /// The number of plans whose sizes add up to at least `bytes`.
  func count(reaching bytes: Int) -> Int {
    var total = 0
    for (index, size) in sizes.enumerated() {
      total += size
      if total >= bytes { return index + 1 }
    }
    return sizes.count
  }

  /// A corpus of the first `count` plans.
  func corpus(_ name: String, count: Int, workspace: BenchWorkspace) throws -> BenchCorpus {
    let root = try workspace.linkFolder("corpora/\(name)", to: files.prefix(count))
    return BenchCorpus(
      summary: CorpusSummary(
        name: name, files: count, bytes: sizes.prefix(count).reduce(0, +),
        traditionalFiles: traditional.prefix(count).filter { $0 }.count,
        written: written.prefix(count).filter { $0 }.count),
      root: root,
      files: files.prefix(count).map { root.appendingPathComponent($0.lastPathComponent) })
  }

  /// `42` → `0000042`.
  private static func padded(_ index: Int) -> String {
    let digits = String(index)
    return String(repeating: "0", count: max(0, 7 - digits.count)) + digits
  }
}

import Foundation
import PlanScope

/// Times each pipeline stage on its own, in-process on one thread, document by document.
///
/// Every document goes through the same stages as in `Pipeline.run` (read/decode, normalize,
/// outline, extraction), each timed on `ContinuousClock`; t2s is timed apart on the decoded
/// text (`ScriptConverter` from UTF-8 text to UTF-8 text, the job `opencc -c t2s` does) and
/// is also part of normalize. Documents stream: only what the writing stage needs is kept.
struct StageBench {
  /// The pipeline whose stages are timed.
  let pipeline: Pipeline
  /// The converter normalize uses (same lexicons).
  let converter: ScriptConverter
  /// For the writing stage.
  let comparison: ComparisonMarkdownWriter

  /// Times read/decode, t2s, normalize, outline and extraction over every file of `corpus`,
  /// then writing all of them into `output`.
  /// - Throws: the first `IngestError`, or the writing stage's error.
  func measure(_ corpus: BenchCorpus, output: URL) throws -> [StageResult] {
    let clock = ContinuousClock()
    var spent: [BenchStage: Duration] = [:]
    var bytes = 0
    var converted = 0
    var documents: [ProcessedDocument] = []
    for file in corpus.files {
      let start = clock.now
      let input = try pipeline.loader.input(file, as: file.lastPathComponent)
      let source = try pipeline.loader.read(input, format: DocumentLoader.format(of: file, bytes: input.bytes))
      let decoded = clock.now
      // Counting the output keeps the optimizer from dropping the conversion.
      converted += converter.convert(source.text).utf8.count
      let simplified = clock.now
      var diagnostics = Diagnostics()
      let document = pipeline.normalizer.normalize(source, diagnostics: &diagnostics)
      let normalized = clock.now
      let outline = pipeline.outliner.outline(document, diagnostics: &diagnostics)
      let outlined = clock.now
      let record = pipeline.extraction.extract(from: outline, diagnostics: &diagnostics)
      let extracted = clock.now
      spent[.readDecode, default: .zero] += decoded - start
      spent[.t2s, default: .zero] += simplified - decoded
      spent[.normalize, default: .zero] += normalized - simplified
      spent[.outline, default: .zero] += outlined - normalized
      spent[.extraction, default: .zero] += extracted - outlined
      bytes += input.bytes.count
      documents.append(ProcessedDocument(PipelineRun(outline: outline, record: record)))
    }
    let start = clock.now
    try OutputDirectory(output).writeRun(
      dataset: Dataset(records: documents.map(\.record)), documents: documents,
      comparison: comparison)
    spent[.writing] = clock.now - start
    spent[.fullTextIndex] = try measureFullTextIndex(documents.map(\.text), output: output)
    return Self.textStages.map { stage in
      StageResult(
        stage: stage, corpus: corpus.summary.name, basis: .input,
        throughput: Throughput(
          documents: documents.count, bytes: bytes,
          seconds: (spent[stage] ?? .zero).seconds))
    }
  }

  /// The stages `measure` times, in order.
  static let textStages: [BenchStage] = [
    .readDecode, .t2s, .normalize, .outline, .extraction, .writing, .fullTextIndex,
  ]

  /// Times `FullTextIndex` alone over `texts`, into a new database in `output` set up as
  /// `DatasetSQLiteBuilder` sets up dataset.sqlite: the part of writing that one thread must do
  /// whatever the number of jobs, since an FTS5 index has one writer.
  /// - Throws: `SQLiteError`.
  private func measureFullTextIndex(_ texts: [String], output: URL) throws -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    let database = try DatasetSQLiteBuilder.create(
      path: output.appendingPathComponent("full-text-index.sqlite").path,
      schema: FullTextIndex.schema)
    for (offset, text) in texts.enumerated() {
      try FullTextIndex.add(
        text, original: nil, key: String(offset + 1), row: Int64(offset + 1), to: database)
    }
    try database.execute("COMMIT")
    return clock.now - start
  }

  /// Times the DOCX reader (unzip, XML, numbering) on every file of `corpus`; megabytes count
  /// the extracted text, the basis on which pandoc is compared.
  /// - Throws: the first `IngestError`.
  func measureDocx(_ corpus: BenchCorpus) throws -> StageResult {
    try measureReader(corpus, format: .docx, stage: .docx)
  }

  /// Times the reader of `format` on every file of `corpus`; megabytes count the extracted
  /// text (the basis on which pandoc and pdftotext are compared).
  /// - Throws: the first `IngestError`.
  func measureReader(_ corpus: BenchCorpus, format: SourceFormat, stage: BenchStage) throws
    -> StageResult
  {
    let clock = ContinuousClock()
    var spent = Duration.zero
    var textBytes = 0
    for file in corpus.files {
      let input = try pipeline.loader.input(file, as: file.lastPathComponent)
      let start = clock.now
      let source = try pipeline.loader.read(input, format: format)
      spent += clock.now - start
      textBytes += source.text.utf8.count
    }
    return StageResult(
      stage: stage, corpus: corpus.summary.name, basis: .text,
      throughput: Throughput(
        documents: corpus.files.count, bytes: textBytes, seconds: spent.seconds))
  }
}

import Foundation
import Testing

@testable import PlanScope

/// Texts by name: empty, ASCII, both scripts, and 550 KB of repeated words.
private let zlibTexts = [
  "empty": "", "ASCII": "{}", "both scripts": "农膜回收率达到85%以上；化學需氧量減排量1.6萬噸",
  "550 KB": String(repeating: "到2025年，", count: 50_000),
]

@Test(arguments: zlibTexts.keys.sorted())
func zlibStreamsGiveBackTheirText(_ name: String) throws {
  let text = try #require(zlibTexts[name])
  let stream = Zlib.compress(text)
  #expect(stream.prefix(1) == [0x78], "a zlib header, so zlib.decompress reads it")
  #expect(Zlib.decompressText(stream) == text)
  if text.utf8.count > 10_000 { #expect(stream.count * 20 < text.utf8.count) }
}

@Test func zlibRejectsWhatIsNotOneWholeStreamWithinTheLimit() {
  let stream = Zlib.compress(String(repeating: "目标任务", count: 1_000))
  #expect(Zlib.decompressText(Array(stream.dropLast(5))) == nil, "cut short")
  #expect(Zlib.decompressText(stream + [0x00]) == nil, "bytes after the stream")
  #expect(Zlib.decompressText(Array("{\"a\":1}".utf8)) == nil, "not a zlib stream")
  #expect(Zlib.decompressText(stream, limit: 11_999) == nil, "12,000 bytes over a limit")
  #expect(Zlib.decompressText(stream, limit: 12_000)?.utf8.count == 12_000)
}

/// The state keeps records as zlib streams of their JSON, a fraction of its size, and reads
/// the JSON text of states written before that.
@Test func stateKeepsRecordsCompressedAndReadsOlderTextOnes() throws {
  let folder = try ScratchFolder()
  let path = folder.url.appendingPathComponent("state.sqlite").path
  let plan = "天津市节水方案\n一、目标\n到2025年，再生水利用率达到25%以上，农膜回收率达到85%以上。"
  let document = ProcessedDocument(try Shared.run(plan, path: "water.txt"))
  let json = try RecordEncoder().stateJSON(document.record)
  do {
    let store = try StateStore(path: path, fingerprint: "f1")
    try store.record([document], at: Date(timeIntervalSince1970: 1_700_000_000))
  }
  let database = try SQLiteDatabase(path: path)
  for table in ["cache", "documents"] {
    let stored = try #require(try database.query("SELECT record FROM \(table)").first?.first)
    let bytes = try #require(stored.blob, "\(table).record is a blob")
    #expect(bytes.count < json.utf8.count)
    #expect(Zlib.decompressText(bytes) == json)
  }
  // As a release before 2026-12-07 left it: JSON text.
  try database.run("UPDATE documents SET record = ?, previous_record = ?", rows: [[.text(json), .text(json)]])
  try database.run("UPDATE cache SET record = ?", rows: [[.text(json)]])
  let store = try StateStore(path: path, fingerprint: "f1")
  let entry = try #require(try store.entries().first)
  #expect(entry.record == document.record && entry.previous == document.record)
  store.texts = { _ in (document.text, document.original) }
  #expect(store.cached(sha256: document.record.source.sha256)?.record == document.record)
}

/// Workers compress a record's state form only for runs that keep a state; JSON lines and
/// shards (`keepsState: false`) skip it and still get the compact JSON.
@Test(arguments: [true, false])
func workersCompressTheStateFormOnlyForRunsThatKeepAState(keepsState: Bool) throws {
  let corpus = try ScratchFolder()
  try corpus.write("plan.txt", Array("一、目标\n到2025年，农膜回收率达到85%以上。\n".utf8))
  let files = try Corpus(root: corpus.url).files()
  let outcomes = BatchRunner(pipeline: try Shared.pipeline(), jobs: 1, keepsState: keepsState)
    .run(files)
  guard case .processed(let document) = try #require(outcomes.first) else {
    Issue.record("the plan is processed")
    return
  }
  let encoded = try #require(document.encoded)
  #expect((encoded.stateRecord != nil) == keepsState)
  if let stored = encoded.stateRecord { #expect(Zlib.decompressText(stored) == encoded.stateJSON) }
}

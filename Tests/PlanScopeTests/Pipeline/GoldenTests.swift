import Testing

@testable import PlanScope

@Test(arguments: try GoldenCase.all())
func pipelineMatchesGolden(_ golden: GoldenCase) throws {
  let pipeline = try Shared.pipeline()
  var runs: [PipelineRun] = []
  for input in try golden.inputs() {
    var diagnostics = Diagnostics()
    runs.append(
      pipeline.run(try pipeline.load(input.url, as: input.path), diagnostics: &diagnostics))
  }
  let dataset = Dataset(records: runs.map(\.record))
  if runs.count == 1 {
    try golden.check("outline.txt", runs[0].outline.dump())
  }
  try golden.check("dataset.json", DatasetJSONWriter().write(dataset))
  let comparison = ComparisonMarkdownWriter(lexicon: try ComparisonLexicon.standard())
  try golden.check("comparison.md", comparison.write(dataset))
  if runs.count > 1 {
    try golden.check("comparison.html", comparison.writeHTML(dataset))
    for (name, text) in CSVWriter().write(dataset) { try golden.check(name, text) }
  }
}

import Testing

@testable import PlanScope

@Test(arguments: try GoldenCase.all())
func pipelineMatchesGolden(_ golden: GoldenCase) throws {
  let pipeline = try Shared.pipeline()
  let input = try golden.input()
  var diagnostics = Diagnostics()
  let run = pipeline.run(try pipeline.load(input.url, as: input.path), diagnostics: &diagnostics)
  let dataset = Dataset(records: [run.record])
  try golden.check("outline.txt", run.outline.dump())
  try golden.check("dataset.json", DatasetJSONWriter().write(dataset))
}

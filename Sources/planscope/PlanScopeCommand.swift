import ArgumentParser
import PlanScope

@main
struct PlanScopeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "planscope",
    abstract: "Turn Chinese government policy plans into a structured, reviewable dataset."
  )
}

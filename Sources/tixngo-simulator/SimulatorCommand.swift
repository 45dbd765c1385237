import ArgumentParser

/// The TIXnGO simulator: serve a generated organizer feed over HTTP, or write it as JSON Lines.
@main
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tixngo-simulator",
        abstract: "Simulate the TIXnGO organizer ticket feedback API, for rehearsals and tests.",
        version: "tixngo-simulator \(BuildStamp.version) (commit \(BuildStamp.commit)), serving the contract docs/feedback-api.yaml v3",
        subcommands: [Serve.self, Generate.self])
}

import ArgumentParser

/// In-process measurements for `Scripts/bench.sh`: what a shell script cannot time
/// from outside (one library call against the same lookup through the SQLite C API).
@main
struct LedgerBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger-bench",
        abstract: "Benchmarks of the ledger library against the raw SQLite C API, on an existing ledger file.",
        discussion: "Build with -c release before trusting any figure. Scripts/bench.sh runs the whole suite.",
        subcommands: [Audit.self, PersonLookup.self, Console.self, SimulatorJSON.self, Proofs.self],
        defaultSubcommand: Audit.self)
}

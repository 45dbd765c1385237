import ArgumentParser
import TicketLedger

extension TicketLedgerCommand {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run SQLite's integrity check and recompute the hash chain; exit 1 naming the first bad position.")

        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            let database = try ledger.openForReading()
            let bar = ProgressBar("verify", unit: "events", enabled: !json)
            let report = try await database.verify(progress: bar.update)
            bar.finish()
            if json {
                Output.json(report.json)
            } else if report.intact {
                print("ledger intact: \(report.events) events, hash chain and SQLite integrity check pass")
            }
            guard report.intact else {
                throw Output.fail(report.problem ?? "the ledger does not verify", code: 1)
            }
        }
    }
}

import ArgumentParser
import TicketLedger

extension TicketLedgerCommand {
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the projections from the ledger under a mapping and mode; readers keep the old one until the swap.",
            discussion: "Exit codes: 0 done; 75 another replay of this ledger is running; 64 bad usage; 1 anything else.")

        @Option(help: "A bundled mapping version, or a mapping file: .csv or .xlsx (default: the ledger's).") var mapping: String?
        @Option(help: "history or lifecycle (default: the ledger's).") var mode: ProjectionMode?
        @Flag(name: .customLong("dry-run"), help: "Change nothing; report what would change.") var dryRun = false
        @Flag(help: "Print one JSON document (and no progress bar).") var json = false
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            try LedgerOptions.validateMapping(mapping)
        }

        func run() async throws {
            let database = try ledger.open()
            let bar = ProgressBar(dryRun ? "dry run" : "replay", unit: "events", enabled: !json)
            let report = try await database.replay(RuleChoice(mapping: mapping, mode: mode), dryRun: dryRun, progress: bar.update)
            bar.finish()
            if json { return Output.json(report.json) }
            let verb = dryRun ? "would change" : "changed"
            print("""
                \(dryRun ? "dry run: would rebuild" : "rebuilt") \(report.tickets) tickets from \(report.events) events \
                under mapping \(report.mappingVersion), \(report.mode.rawValue) mode
                S-360 status \(verb) on \(report.changedStatus) ticket(s), holder on \(report.changedHolder)
                """)
            if !report.fields.isEmpty {
                print("\nS-360 holder fields that \(verb) (+ gained, - lost, ~ new value):")
                var table = TextTable(["field", "tickets", "+", "-", "~"])
                for change in report.fields {
                    table.add([change.field, String(change.tickets), String(change.added), String(change.removed), String(change.changed)])
                }
                print(table.rendered)
            }
            if !report.transitions.isEmpty {
                print("\nS-360 status transitions:")
                var table = TextTable(["from", "to", "tickets"])
                report.transitions.forEach { table.add([$0.from.rawValue, $0.to.rawValue, String($0.count)]) }
                print(table.rendered)
            }
            if !report.examples.isEmpty { print("\nfor example: \(report.examples.joined(separator: ", "))") }
        }
    }
}

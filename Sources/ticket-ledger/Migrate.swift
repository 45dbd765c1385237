import ArgumentParser
import Foundation
import TicketLedger

extension TicketLedgerCommand {
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring a ledger an older version wrote up to this version's schema (reads never migrate).",
            discussion: "Exit codes: 0 done (or nothing to do); 66 no ledger at the path; 1 anything else.")

        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            // Migrating is what opening to write does; the path must hold a ledger already.
            _ = try ledger.openExisting()
            let schema = try LedgerSchema.version()
            if json { return Output.json(.object([("path", .string(ledger.path)), ("schema", .string(schema))])) }
            print("\(ledger.path): schema \(schema)")
        }
    }
}

import ArgumentParser
import TicketLedger

extension TicketLedgerCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every observation of one ticket, in ledger order.",
            discussion: """
                Columns: "item" is what the TIXnGO item said (its status, or legacyStatus/action/state for a \\
                history-shaped item); "TIXnGO" and "S-360" are the ticket's statuses once that item is folded under \\
                the current rules, so they differ from "item" for history-shaped items and for an item older than one \\
                already folded; "holder from here" names the spectator on the item where the holder changes. \\
                --csv has the same columns; --json has each item whole (JSON fields in docs/cli.md).
                """)

        @Argument(help: "The ticket id.") var ticket: String
        @Option(help: "The organizer, when the ticket id exists under several.") var organizer: String?
        @Flag(help: "Print one JSON document.") var json = false
        @Flag(help: "Print CSV, one row per observation.") var csv = false
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            if json && csv { throw ValidationError("--json and --csv exclude each other") }
        }

        func run() async throws {
            let database = try ledger.open()
            let entries: [HistoryEntry]
            do {
                entries = try database.history(of: ticket, organizer: organizer)
            } catch let error as LedgerError {
                if case .ambiguousTicket = error { throw Output.fail(error.description, code: 64) }
                throw error
            }
            if json { return Output.json(.array(entries.map(\.json))) }
            var table = TextTable(["position", "statusDate", "item", "TIXnGO", "S-360", "holder from here", "source"])
            var holder = ""
            for entry in entries {
                let item = [entry.raw["status"], entry.raw["legacyStatus"], entry.raw["action"], entry.raw["state"]]
                    .compactMap { $0?.stringValue }.joined(separator: "/")
                let named = Self.holderName(entry.raw["spectatorDetails"])
                let changed = named.map { $0 == holder ? "" : $0 } ?? ""
                if let named { holder = named }
                let source = entry.source.kind == .file
                    ? "\(entry.source.reference):\(entry.source.item)" : "api key=\(entry.source.reference)#\(entry.source.item)"
                table.add([
                    String(entry.position), entry.statusDate.description, item,
                    entry.view.tixngoStatus?.rawValue ?? "-", entry.view.s360Status.rawValue, changed, source,
                ])
            }
            print(csv ? table.csv : table.rendered)
        }

        /// "Ada Lovelace" for an item's spectator, "(erased)" after `forget`, nil when the item names nobody.
        private static func holderName(_ details: JSONValue?) -> String? {
            guard let details else { return nil }
            if details.stringValue == "[erased]" { return "(erased)" }
            let name = [details["firstName"], details["lastName"]].compactMap { $0?.stringValue }.joined(separator: " ")
            return name.isEmpty ? nil : name
        }
    }
}

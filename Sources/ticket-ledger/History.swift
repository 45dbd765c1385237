import ArgumentParser
import TicketLedger

extension TicketLedgerCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every observation of one ticket, in ledger order.")

        @Argument(help: "The ticket id.") var ticket: String
        @Option(help: "The organizer, when the ticket id exists under several.") var organizer: String?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

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
            var table = TextTable(["position", "statusDate", "observed", "TIXnGO", "S-360", "source"])
            for entry in entries {
                let observed = [entry.raw["status"], entry.raw["legacyStatus"], entry.raw["action"], entry.raw["state"]]
                    .compactMap { $0?.stringValue }.joined(separator: "/")
                let erased = entry.raw["spectatorDetails"]?.stringValue == "[erased]" ? " (personal data erased)" : ""
                let source = entry.source.kind == .file
                    ? "\(entry.source.reference):\(entry.source.item)" : "api key=\(entry.source.reference)#\(entry.source.item)"
                table.add([
                    String(entry.position), entry.statusDate.description, observed + erased,
                    entry.view.tixngoStatus?.rawValue ?? "-", entry.view.s360Status.rawValue, source,
                ])
            }
            print(table.rendered)
        }
    }
}

import ArgumentParser
import TicketLedger

extension TicketLedgerCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one ticket as S-360 sees it, now or at a past time.")

        @Argument(help: "The ticket id.") var ticket: String
        @Option(help: "The organizer, when the ticket id exists under several.") var organizer: String?
        @Option(
            name: .customLong("as-of"), help: "Fold only observations with statusDate at or before this RFC 3339 time, e.g. 2026-06-20T18:00:00Z.",
            transform: Timestamp.asOf)
        var asOf: Timestamp?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            let database = try ledger.openForReading()
            let report = try await database.status(of: ticket, organizer: organizer, asOf: asOf)
            if let warning = try await database.ruleSetWarning() { Output.warn(warning) }
            if json { return Output.json(report.json) }
            var table = TextTable(["field", "value"])
            table.add(["organizer", report.organizer])
            table.add(["ticket", report.ticketId])
            table.add(["S-360 status", report.view.s360Status.rawValue])
            table.add(["TIXnGO status", report.view.tixngoStatus?.rawValue ?? "-"])
            table.add(["family", report.view.family?.rawValue ?? "-"])
            table.add(["status date", report.statusDate?.description ?? "-"])
            table.add(["last position", String(report.lastPosition)])
            table.add(["mapping", "\(report.mappingVersion) (\(report.mode.rawValue) mode)"])
            if case .sealed = report.holder { table.add(["holder", PersonalText.sealed]) }
            for (field, value) in report.holder.json.members where field != "sealed" {
                table.add(["holder.\(field)", value.stringValue ?? value.outputText])
            }
            print(table.rendered)
        }
    }
}

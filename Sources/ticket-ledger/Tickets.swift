import ArgumentParser
import Foundation
import TicketLedger

extension TicketLedgerCommand {
    struct Tickets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tickets of the S-360 projection, with filters.",
            discussion: """
                --holder-email finds a person through their key: exit 1 with a sentence when no observation names \
                that email, or when forget erased the person (never an empty list that reads like "no tickets").
                """)

        @Option(help: "Only this organizer's tickets.") var organizer: String?
        @Option(name: .customLong("s360-status"), help: "Only tickets with this S-360 status.") var s360Status: S360Status?
        @Option(name: .customLong("tixngo-status"), help: "Only tickets with this TIXnGO status.") var tixngoStatus: TIXnGOStatus?
        @Option(help: "Only tickets whose status is of this family.") var family: StatusFamily?
        @Option(help: "Only tickets injected by this organization (the items' organizationId).") var organization: String?
        @Option(name: .customLong("as-of"), help: "As the projection stood at this RFC 3339 time, e.g. 2026-06-20T18:00:00Z.", transform: Timestamp.asOf) var asOf: Timestamp?
        @Option(name: .customLong("holder-email"), help: "Only tickets this person holds now (found through their key; nothing is decrypted to find them).")
        var holderEmail: String?
        @Flag(help: "With --holder-email: every ticket the person ever held.") var ever = false
        @Flag(help: "Print one JSON document.") var json = false
        @Flag(help: "Print CSV.") var csv = false
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            if json && csv { throw ValidationError("--json and --csv exclude each other") }
            if ever && holderEmail == nil { throw ValidationError("--ever goes with --holder-email") }
            if holderEmail != nil && (asOf != nil || organization != nil) {
                throw ValidationError("--holder-email does not combine with --as-of or --organization")
            }
            if let holderEmail, !holderEmail.contains("@") { throw ValidationError("--holder-email needs an email address") }
        }

        func run() async throws {
            let database = try ledger.openForReading()
            let filter = TicketFilter(
                organizer: organizer, s360Status: s360Status, tixngoStatus: tixngoStatus, family: family, organization: organization)
            let reports = if let holderEmail {
                try await database.tickets(heldBy: holderEmail, ever: ever).filter(filter.admits)
            } else {
                try await database.tickets(filter, asOf: asOf)
            }
            if json { return Output.json(.array(reports.map(\.json))) }
            let header = ["organizer", "ticketId", "s360Status", "tixngoStatus", "family", "statusDate", "lastPosition", "holder"]
            let rows = reports.map { report in
                [
                    report.organizer, report.ticketId, report.view.s360Status.rawValue, report.view.tixngoStatus?.rawValue ?? "",
                    report.view.family?.rawValue ?? "", report.statusDate?.description ?? "", String(report.lastPosition),
                    PersonalText.name(of: report.holder),
                ]
            }
            var table = TextTable(header)
            rows.forEach { table.add($0) }
            print(csv ? table.csv : table.rendered)
        }
    }
}

import ArgumentParser
import TicketLedger

extension TicketLedgerCommand {
    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count events, tickets, S-360 statuses and families; show each organizer's last ingest run.")

        @Option(help: "Only this organizer.") var organizer: String?
        @Flag(
            name: .customLong("by-organization"),
            help: "Also count tickets by injecting organization (organizationId); reads every event, so it takes longer.")
        var byOrganization = false
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            let database = try ledger.openForReading()
            let summary = try await database.summary(organizer: organizer, byOrganization: byOrganization)
            if let warning = try await database.ruleSetWarning() { Output.warn(warning) }
            if json { return Output.json(summary.json) }
            var table = TextTable(["", "count"])
            table.add(["events", String(summary.events)])
            table.add(["tickets", String(summary.tickets)])
            for (status, count) in summary.s360Status { table.add(["S-360 \(status.rawValue)", String(count)]) }
            for (family, count) in summary.family { table.add(["family \(family.rawValue)", String(count)]) }
            table.add(["anomalies (DEFAULT, INVALID)", String(summary.anomalies)])
            table.add(["rejected items", String(summary.rejected)])
            for (organization, tickets) in summary.organizations ?? [] {
                table.add(["organization \(LedgerSummary.name(organization))", String(tickets)])
            }
            print(table.rendered)
            let now = Timestamp.now()
            for run in summary.lastRuns {
                print("last run of \(run.organizer): \(run.outcome.rawValue), started \(RunAge.ago(run.startedAt, now: now)) (\(run.startedAt))"
                    + (run.error.map { ": \($0)" } ?? ""))
            }
        }
    }
}

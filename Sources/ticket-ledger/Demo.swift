import ArgumentParser
import Foundation
import Logging
import TIXnGOClient
import TIXnGOSimulator
import TicketLedger

extension TicketLedgerCommand {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "See the whole product in a minute: the scheduled ingest against the built-in TIXnGO simulator, a replay, one ticket's history.",
            discussion: """
                Starts the TIXnGO simulator on a loopback port, runs ingest cycles through a match day into a fresh \
                ledger (a temporary file unless --db is given), replays it under mapping 2023-04-03, and shows the \
                summary and one ticket's history. Needs no set-up and no credentials.
                """)

        @Option(help: "Tickets the simulated organizer has.") var tickets = 2000
        @Option(help: "Ingest cycles through the match day (one every simulated 5 minutes would be 150).") var cycles = 8
        @Option(help: "Share of TIXnGO requests that fail transiently (500, 503, 429, slow, dropped, truncated), 0…0.5.")
        var faults = 0.05
        @Option(help: "Seed of the simulated match day.") var seed: UInt64 = 1
        @Option(help: "Keep the ledger in this file instead of a temporary one.") var db: String?

        func validate() throws {
            guard (1...200_000).contains(tickets) else { throw ValidationError("--tickets must be between 1 and 200000") }
            guard (1...500).contains(cycles) else { throw ValidationError("--cycles must be between 1 and 500") }
            guard (0...0.5).contains(faults) else { throw ValidationError("--faults must be between 0 and 0.5") }
        }

        func run() async throws {
            LoggingSystem.bootstrapOnce()
            var quiet = Logger(label: "ticket-ledger.demo")
            quiet.logLevel = .error
            let path = db ?? FileManager.default.temporaryDirectory.appendingPathComponent("ticket-ledger-demo-\(getpid()).sqlite").path
            let ledger = try LedgerDatabase(path: path, logger: quiet)
            let feed = try TicketFeed(configuration: FeedConfiguration(organizer: "ORG-DEMO", tickets: tickets, seed: seed, shape: .lifecycle))
            guard let first = feed.firstPublishTime, let last = feed.lastPublishTime else { return }
            let clock = SimulationClock.manual(start: first)
            let apiKey = "demo-key-\(seed)"
            var silent = quiet
            silent.logLevel = .critical
            let server = try SimulatorServer(
                feed: feed, clock: clock,
                configuration: .init(apiKey: apiKey, faults: .evenly(total: faults, seed: seed)), logger: silent)
            let port = try await server.start()
            print("TIXnGO simulator on http://127.0.0.1:\(port) — \(tickets) tickets, \(feed.count) changes over the match day, \(Int(faults * 100))% transient faults")
            print("ledger: \(path)\n")

            _ = try await ledger.projectionSettings(requested: RuleChoice(mapping: "2023-02-07", mode: .lifecycle))
            let ingest = FeedIngest(ledger: ledger, organizer: "ORG-DEMO", batchSize: 500, logger: quiet)
            let step = last.timeIntervalSince(first) / Double(cycles)
            var table = TextTable(["cycle", "simulated time", "pages", "received", "appended", "duplicates", "rejected", "retried requests"])
            try await TIXnGOClient.withHTTPClient(
                configuration: TIXnGOClientConfiguration(
                    baseURL: "http://127.0.0.1:\(port)", apiKey: try APIKey(apiKey),
                    retryPolicy: RetryPolicy(baseDelay: .milliseconds(50), maxDelay: .seconds(1))),
                logger: quiet
            ) { client in
                for cycle in 1...cycles {
                    clock.set(to: first.addingTimeInterval(step * Double(cycle)))
                    let before = server.counters
                    let summary = try await ingest.run(client)
                    let faulted = server.counters.totalFaults - before.totalFaults
                    table.add([
                        String(cycle), Timestamp(microseconds: Int64(clock.now.timeIntervalSince1970 * 1_000_000)).description,
                        String(summary.pages), String(summary.received), String(summary.appended), String(summary.duplicates),
                        String(summary.rejected), String(faulted),
                    ])
                }
            }
            await server.stop()
            print("Scheduled ingest, one run per cycle (pages and the pagination key after them commit together):")
            print(table.rendered + "\n")

            let summary = try await ledger.summary()
            print("Summary: \(summary.events) events, \(summary.tickets) tickets")
            var counts = TextTable(["S-360 status", "tickets"])
            summary.s360Status.forEach { counts.add([$0.status.rawValue, String($0.count)]) }
            print(counts.rendered + "\n")

            let dryRun = try await ledger.replay(RuleChoice(mapping: "2023-04-03"), dryRun: true)
            print("Replay under mapping 2023-04-03 (dry run first): \(dryRun.changedHolder) holders would gain beaconName/extraInfo fields, \(dryRun.changedStatus) S-360 statuses would change")
            let replay = try await ledger.replay(RuleChoice(mapping: "2023-04-03"), dryRun: false)
            let contacts = try await ledger.contacts()
            print("Replayed \(replay.events) events into \(replay.tickets) tickets; \(contacts.count) cultural contacts created\n")

            let verify = try await ledger.verify()
            print("verify: \(verify.intact ? "intact" : "BROKEN at \(verify.firstBadPosition ?? 0)") (\(verify.events) events in the hash chain)\n")

            guard let ticket = try await Self.mostEventful(ledger) else { return }
            print("History of ticket \(ticket) (ticket-ledger history \(ticket) --db \(path)):")
            var history = TextTable(["position", "statusDate", "TIXnGO", "S-360", "source"])
            for entry in try ledger.history(of: ticket) {
                history.add([
                    String(entry.position), entry.statusDate.description, entry.view.tixngoStatus?.rawValue ?? "-",
                    entry.view.s360Status.rawValue, "api page key \"\(entry.source.reference)\" item \(entry.source.item)",
                ])
            }
            print(history.rendered)
            let status = try await ledger.status(of: ticket)
            print("\nNow: \(status.view.s360Status.rawValue) in S-360, holder fields: \(status.holder.json.members.map(\.key).joined(separator: ", "))")
        }

        /// A ticket with a transfer and a control, to show a long history.
        private static func mostEventful(_ ledger: LedgerDatabase) async throws -> String? {
            let controlled = try await ledger.tickets(TicketFilter(s360Status: .CONTROLLED))
            for report in controlled.prefix(200) {
                let history = try ledger.history(of: report.ticketId, organizer: report.organizer)
                if history.contains(where: { $0.view.tixngoStatus == .TRANSFERRED }) { return report.ticketId }
            }
            return controlled.first?.ticketId
        }
    }
}

import ArgumentParser
import Foundation
import Logging
import TIXnGOClient
import TIXnGOSimulator
import TicketLedger
import TicketLedgerService

extension TicketLedgerCommand {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "See the whole product in a minute: the scheduled ingest against the built-in TIXnGO simulator, a replay, one ticket's history.",
            discussion: """
                Starts the TIXnGO simulator on a loopback port, runs ingest cycles through a match day into a fresh \
                ledger, replays it under mapping 2023-04-03, and shows the summary and one ticket's history. The \
                ledger is a temporary file, removed at the end unless --keep names where to keep it. Needs no set-up \
                and no credentials.
                """)

        @Option(help: "Tickets the simulated organizer has.") var tickets = 2000
        @Option(help: "Ingest cycles through the match day (one every simulated 5 minutes would be 150).") var cycles = 8
        @Option(help: "Share of TIXnGO requests that fail transiently (500, 503, 429, slow, dropped, truncated), 0…0.5.")
        var faults = 0.05
        @Option(help: "Seed of the simulated match day.") var seed: UInt64 = 1
        @Option(
            name: [.customLong("keep"), .customLong("db")],
            help: "Write the ledger to this new file and keep it (default: a temporary file, removed at the end).")
        var keep: String?
        @OptionGroup var logging: LogOptions

        func validate() throws {
            guard (1...200_000).contains(tickets) else { throw ValidationError("--tickets must be between 1 and 200000") }
            guard (1...500).contains(cycles) else { throw ValidationError("--cycles must be between 1 and 500") }
            guard (0...0.5).contains(faults) else { throw ValidationError("--faults must be between 0 and 0.5") }
            if let keep, FileManager.default.fileExists(atPath: keep) {
                throw ValidationError("--keep \(keep): that file exists; name a new one (the demo starts a fresh ledger)")
            }
        }

        func run() async throws {
            logging.bootstrap()
            let path = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("ticket-ledger-demo-\(getpid()).sqlite").path
            defer {
                if keep == nil { Self.remove(ledger: path) }
            }
            try await show(ledger: path)
            if let keep { print("\nThe ledger is kept at \(keep): try ticket-ledger summary --db \(keep)") }
        }

        /// Runs the match day into the ledger at `path` and prints what happened.
        private func show(ledger path: String) async throws {
            var quiet = Logger(label: "ticket-ledger.demo")
            if !logging.verbose { quiet.logLevel = .error }  // the retried faults are the demo's point; --verbose shows them
            let ledger = try LedgerDatabase(path: path, projection: RuleChoice(mapping: "2023-02-07", mode: .lifecycle), logger: quiet)
            let feed = try TicketFeed(configuration: FeedConfiguration(organizer: "ORG-DEMO", tickets: tickets, seed: seed, shape: .lifecycle))
            guard let first = feed.firstPublishTime, let last = feed.lastPublishTime else { return }
            let clock = SimulationClock.manual(start: first)
            let apiKey = "demo-key-\(seed)"
            var silent = quiet
            silent.logLevel = .critical  // the simulator's injected faults are the demo's point, not news
            let server = try SimulatorServer(
                feed: feed, clock: clock,
                configuration: .init(apiKey: apiKey, faults: .evenly(total: faults, seed: seed)), logger: silent)
            let port = try await server.start()
            print("TIXnGO simulator on \(SimulatorServer.baseURL(port: port)) — \(tickets) tickets, \(feed.count) changes over the match day, \(Int(faults * 100))% transient faults")
            print("""
                TIXnGO is the mobile wallet tickets are injected into; S-360 is the ticketing back office. Every \
                cycle below is one run of the feedback interface: it pulls the pages of ticket changes TIXnGO has \
                published since the last run and appends each change to the ledger as an immutable event.

                """)

            let step = last.timeIntervalSince(first) / Double(cycles)
            var table = TextTable(["cycle", "simulated time", "pages", "received", "appended", "duplicates", "rejected", "retried requests"])
            try await TIXnGOClient.withHTTPClient(
                configuration: TIXnGOClientConfiguration(
                    baseURL: SimulatorServer.baseURL(port: port), apiKey: try APIKey(apiKey),
                    retryPolicy: RetryPolicy(baseDelay: .milliseconds(50), maxDelay: .seconds(1))),
                logger: quiet
            ) { client in
                for cycle in 1...cycles {
                    clock.set(to: first.addingTimeInterval(step * Double(cycle)))
                    let before = server.counters
                    let summary = try await ledger.ingest(from: client, organizer: "ORG-DEMO", batchSize: 500)
                    let faulted = server.counters.totalFaults - before.totalFaults
                    table.add([
                        String(cycle), Timestamp(microseconds: Int64(clock.now.timeIntervalSince1970 * 1_000_000)).description,
                        String(summary.pages), String(summary.received), String(summary.appended), String(summary.duplicates),
                        String(summary.rejected), String(faulted),
                    ])
                }
            }
            await server.stop()
            print("Scheduled ingest, one run per cycle (each page commits together with the position it reached in the feed):")
            print(table.rendered + "\n")

            let summary = try await ledger.summary()
            print("""
                Summary: \(summary.events) events, \(summary.tickets) tickets. The S-360 status of each ticket is projected \
                from its events under a mapping rule set (one per version of the S-360/TIXnGO mapping spreadsheet; \
                here 2023-02-07):
                """)
            var counts = TextTable(["S-360 status", "tickets"])
            summary.s360Status.forEach { counts.add([$0.status.rawValue, String($0.count)]) }
            print(counts.rendered + "\n")
            print("Each TIXnGO status belongs to a family (initial delivery, transfer, activation, control, deletion):")
            var families = TextTable(["family", "tickets"])
            summary.family.forEach { families.add([$0.family.rawValue, String($0.count)]) }
            print(families.rendered + "\n")

            let dryRun = try await ledger.replay(RuleChoice(mapping: "2023-04-03"), dryRun: true)
            print("""
                A new mapping version arrives (2023-04-03). A dry run says what replaying under it would change: \
                \(dryRun.changedHolder) holders would change (\(Self.fieldCounts(dryRun))), \(dryRun.changedStatus) S-360 statuses.
                """)
            let replay = try await ledger.replay(RuleChoice(mapping: "2023-04-03"), dryRun: false)
            let contacts = try await ledger.contacts()
            print("Replayed \(replay.events) events into \(replay.tickets) tickets; \(contacts.count) cultural contacts created\n")

            let verify = try await ledger.verify()
            print("verify: \(verify.intact ? "intact" : "BROKEN at \(verify.firstBadPosition ?? 0)") (\(verify.events) events in the hash chain)\n")

            guard let ticket = try await Self.mostEventful(ledger) else { return }
            let command = keep.map { "ticket-ledger history \(ticket) --db \($0)" } ?? "ticket-ledger history, on a kept ledger"
            print("History of ticket \(ticket), every observation in ledger order (\(command)):")
            var history = TextTable(["position", "statusDate", "TIXnGO", "S-360", "source"])
            for entry in try ledger.history(of: ticket) {
                history.add([
                    String(entry.position), entry.statusDate.description, entry.view.tixngoStatus?.rawValue ?? "-",
                    entry.view.s360Status.rawValue, "TIXnGO API, item \(entry.source.item) of its page",
                ])
            }
            print(history.rendered)
            let status = try await ledger.status(of: ticket)
            print("\nNow: \(status.view.s360Status.rawValue) in S-360, holder fields: \(status.holder.json.members.map(\.key).joined(separator: ", "))")
        }

        /// "beaconName 954, extraInfo1 954": the holder fields a dry run would change, and on how many tickets.
        private static func fieldCounts(_ report: ReplayReport) -> String {
            report.fields.prefix(4).map { "\($0.field) \($0.tickets)" }.joined(separator: ", ")
        }

        /// Removes a temporary ledger with its WAL, shared-memory, lock and key files.
        private static func remove(ledger path: String) {
            for file in NewLedgerFiles.files(of: path) + [path + ".key"] { unlink(file) }
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

import ArgumentParser
import Foundation
import TicketLedger
import SharedSupport

extension LedgerBenchCommand {
    /// The person lookup: `tickets(heldBy:ever:)` for random spectators of the feed a ledger
    /// was built from, against the ticket lookup (`history(of:)`) of one of their tickets.
    struct PersonLookup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "person",
            abstract: "Time tickets(heldBy:ever:) for random spectators against history(of:) of one of their tickets.",
            discussion: """
                Reads the spectators' emails from --feed (the JSON Lines the ledger was ingested from), picks --people \
                of them by --seed, warms both lookups up on --warmup others, then times each person's lookup and the \
                history of the first ticket it finds. Latencies are wall-clock microseconds per call.
                """)

        @Option(help: "The ledger file (it must exist and have a live projection).") var db: String
        @Option(help: "The JSON Lines feed the ledger was ingested from.") var feed: String
        @Option(help: "How many random persons to time.") var people = 200
        @Option(help: "How many other persons to run through both lookups before timing.") var warmup = 20
        @Option(help: "Seed of the choice of persons.") var seed: UInt64 = 1
        @Flag(help: "Print one JSON line instead of text.") var json = false

        func validate() throws {
            guard people >= 1 else { throw ValidationError("--people \(people): time at least 1 person") }
            for path in [db, feed] where !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("\(path): no such file")
            }
        }

        func run() async throws {
            let emails = try Self.emails(in: feed)
            guard !emails.isEmpty else { throw ValidationError("--feed \(feed): no spectator email in it") }
            var random = SplitMix64(seed: seed)
            let picked = Audit.pick(people + warmup, of: emails.count, using: &random).map { emails[$0] }
            let ledger = try LedgerDatabase(path: db)
            let clock = ContinuousClock()
            var lookups: [Double] = []
            var references: [Double] = []
            var found = 0
            for (index, email) in picked.enumerated() {
                let started = clock.now
                let tickets = try await ledger.tickets(heldBy: email, ever: true)
                let lookup = (clock.now - started).microseconds
                guard let first = tickets.first else { continue }
                let referenceStarted = clock.now
                _ = try ledger.history(of: first.ticketId, organizer: first.organizer)
                let reference = (clock.now - referenceStarted).microseconds
                guard index >= warmup else { continue }
                lookups.append(lookup)
                references.append(reference)
                found += tickets.count
            }
            guard !lookups.isEmpty else { throw ValidationError("no picked person holds a ticket in \(db)") }
            let ledgerSummary = LatencySummary(microseconds: lookups)
            let referenceSummary = LatencySummary(microseconds: references)
            let ratio = ledgerSummary.p99 / referenceSummary.p99
            if json {
                print(
                    "{\"workload\":\"person\",\"people\":\(lookups.count),\"ticketsFound\":\(found),\"seed\":\(seed),"
                        + "\(ledgerSummary.jsonMembers("ledger")),\(referenceSummary.jsonMembers("reference")),"
                        + "\"ratio_p99\":\(String(format: "%.2f", ratio))}")
                return
            }
            print("person lookup on \(db): \(lookups.count) persons timed (seed \(seed)), \(found) tickets found")
            print("tickets(heldBy:ever:) p50 \(LatencySummary.format(ledgerSummary.p50)) µs, p99 \(LatencySummary.format(ledgerSummary.p99)) µs")
            print("history(of:)          p50 \(LatencySummary.format(referenceSummary.p50)) µs, p99 \(LatencySummary.format(referenceSummary.p99)) µs")
            print("ratio p99: \(String(format: "%.2f", ratio))")
        }

        /// The distinct spectator emails of a JSON Lines feed, in first-seen order.
        static func emails(in path: String) throws -> [String] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var seen = Set<String>()
            var emails: [String] = []
            for line in text.split(separator: "\n") where line.contains("\"spectatorDetails\"") {
                guard let item = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let email = (item["spectatorDetails"] as? [String: Any])?["email"] as? String, seen.insert(email).inserted
                else { continue }
                emails.append(email)
            }
            return emails
        }
    }
}

import ArgumentParser
import Foundation
import TicketLedger
import SharedSupport

extension LedgerBenchCommand {
    /// The audit query: `LedgerDatabase.history(of:organizer:)` against the same lookup as
    /// one prepared statement through the SQLite C API, on the same random tickets.
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time history(of:organizer:) on random tickets against a prepared C-API statement.",
            discussion: """
                Picks --tickets random (ticket, organizer) pairs by --seed from SELECT DISTINCT ticket_id, organizer \
                FROM events, warms both paths up on --warmup other tickets, then times each ticket once through the \
                library and once through the C API, in a seeded random order per ticket so neither path always \
                finds the pages the other just read. Latencies are wall-clock microseconds per call.
                """)

        @Option(help: "The ledger file (it must exist and have a live projection).") var db: String
        @Option(help: "How many random tickets to time.") var tickets = 1000
        @Option(help: "How many other tickets to run through both paths before timing.") var warmup = 50
        @Option(help: "Seed of the ticket choice and of the order of the two paths.") var seed: UInt64 = 1
        @Flag(help: "Print one JSON line instead of text.") var json = false
        @Option(help: "Also write every timed call to this CSV file (ticket, rows, both latencies, which ran first).")
        var samples: String?

        func validate() throws {
            guard tickets >= 1 else { throw ValidationError("--tickets \(tickets): time at least 1 ticket") }
            guard warmup >= 0 else { throw ValidationError("--warmup \(warmup): use 0 or more") }
            guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("--db \(db): no such file") }
        }

        func run() async throws {
            let raw = try RawLedger(path: db)
            let events = try raw.eventCount()
            let keys = try raw.ticketKeys()
            guard !keys.isEmpty else { throw ValidationError("--db \(db): the ledger holds no events") }
            var random = SplitMix64(seed: seed)
            let picked = Self.pick(tickets + warmup, of: keys.count, using: &random)
            let warmupKeys = picked.prefix(warmup).map { keys[$0] }
            let timedKeys = picked.dropFirst(warmup).map { keys[$0] }

            let ledger = try LedgerDatabase(path: db)
            for key in warmupKeys {
                _ = try ledger.history(of: key.ticketId, organizer: key.organizer)
                _ = try raw.history(ticketId: key.ticketId, organizer: key.organizer)
            }

            let clock = ContinuousClock()
            var ledgerTimes: [Double] = []
            var referenceTimes: [Double] = []
            ledgerTimes.reserveCapacity(timedKeys.count)
            referenceTimes.reserveCapacity(timedKeys.count)
            var rows = 0
            var checksum: UInt64 = 0
            var csv = "index,ticket_id,organizer,rows,ledger_us,reference_us,ledger_first\n"
            for key in timedKeys {
                let ledgerFirst = random.next() & 1 == 0
                var ledgerRows = 0
                var referenceRows = 0
                for path in ledgerFirst ? [true, false] : [false, true] {
                    let started = clock.now
                    if path {
                        ledgerRows = try ledger.history(of: key.ticketId, organizer: key.organizer).count
                        ledgerTimes.append((clock.now - started).microseconds)
                    } else {
                        let result = try raw.history(ticketId: key.ticketId, organizer: key.organizer)
                        referenceTimes.append((clock.now - started).microseconds)
                        referenceRows = result.rows
                        checksum &+= result.checksum
                    }
                }
                guard ledgerRows == referenceRows else {
                    throw ValidationError(
                        "ticket \(key.ticketId) of \(key.organizer): the ledger returned \(ledgerRows) entries, SQLite \(referenceRows) rows")
                }
                rows += referenceRows
                if samples != nil {
                    csv += "\(ledgerTimes.count),\(key.ticketId),\(key.organizer),\(referenceRows),"
                        + "\(LatencySummary.format(ledgerTimes[ledgerTimes.count - 1])),"
                        + "\(LatencySummary.format(referenceTimes[referenceTimes.count - 1])),\(ledgerFirst)\n"
                }
            }
            if let samples {
                guard FileManager.default.createFile(atPath: samples, contents: Data(csv.utf8)) else {
                    throw ValidationError("--samples \(samples): cannot write that file")
                }
            }
            report(
                events: events, ticketCount: keys.count, timed: timedKeys.count, rows: rows, checksum: checksum,
                ledger: LatencySummary(microseconds: ledgerTimes), reference: LatencySummary(microseconds: referenceTimes),
                columns: raw.eventColumns.count)
        }

        /// `count` distinct indices below `total` (all of them, shuffled, when count ≥ total).
        static func pick(_ count: Int, of total: Int, using random: inout SplitMix64) -> [Int] {
            var indices = Array(0..<total)
            let wanted = min(count, total)
            for slot in 0..<wanted {
                let other = slot + Int(random.next() % UInt64(total - slot))
                indices.swapAt(slot, other)
            }
            return Array(indices.prefix(wanted))
        }

        private func report(
            events: Int, ticketCount: Int, timed: Int, rows: Int, checksum: UInt64,
            ledger: LatencySummary, reference: LatencySummary, columns: Int
        ) {
            let ratioP50 = ledger.p50 / reference.p50
            let ratioP99 = ledger.p99 / reference.p99
            let rowsPerTicket = Double(rows) / Double(timed)
            if json {
                print(
                    "{\"workload\":\"audit\",\"events\":\(events),\"tickets\":\(ticketCount),\"timed\":\(timed),"
                        + "\"seed\":\(seed),\"rowsPerTicket\":\(LatencySummary.format(rowsPerTicket)),\"referenceColumns\":\(columns),"
                        + "\(ledger.jsonMembers("ledger")),\(reference.jsonMembers("reference")),"
                        + "\"ratio_p50\":\(Self.ratio(ratioP50)),\"ratio_p99\":\(Self.ratio(ratioP99)),\"checksum\":\(checksum)}")
                return
            }
            print("audit query on \(db): \(events) events, \(ticketCount) tickets; \(timed) timed (seed \(seed)), \(LatencySummary.format(rowsPerTicket)) events per ticket")
            print("path        p50 µs     p99 µs     max µs    mean µs")
            for (name, summary) in [("ledger", ledger), ("C API", reference)] {
                let cells = [summary.p50, summary.p99, summary.max, summary.mean].map { LatencySummary.format($0).leftPadded(to: 10) }
                print(name.padding(toLength: 8, withPad: " ", startingAt: 0) + cells.joined(separator: " "))
            }
            print("ratio ledger/C API: p50 \(Self.ratio(ratioP50)), p99 \(Self.ratio(ratioP99))")
        }

        private static func ratio(_ value: Double) -> String {
            value.isFinite ? String(format: "%.2f", value) : "null"
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

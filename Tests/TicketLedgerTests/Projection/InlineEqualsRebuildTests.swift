import LedgerTestSupport
import Testing
@testable import TicketLedger
import SharedSupport

@Suite("Inline projection equals a rebuild from all events")
struct InlineEqualsRebuildTests {
    static let statuses = TIXnGOStatus.allCases.map(\.rawValue)

    /// Random files of random observations (repeats and late arrivals included), from a seed.
    static func randomFiles(seed: UInt64) -> [[String]] {
        var rng = SplitMix64(seed: seed)
        var files: [[String]] = []
        var pool: [String] = []
        for _ in 0..<(2 + Int(rng.next() % 4)) {
            var lines: [String] = []
            for _ in 0..<(5 + Int(rng.next() % 40)) {
                if !pool.isEmpty, rng.next() % 5 == 0 {
                    lines.append(pool[Int(rng.next() % UInt64(pool.count))])
                    continue
                }
                let ticket = "T\(rng.next() % 12)"
                let minute = rng.next() % 600
                let date = "2026-06-20T\(10 + minute / 60):\(minute % 60 < 10 ? "0" : "")\(minute % 60):00Z"
                let status = statuses[Int(rng.next() % UInt64(statuses.count))]
                let details = rng.next() % 3 == 0 ? Items.spectator("P\(rng.next() % 5)", "Q\(rng.next() % 5)") : nil
                let line = Items.lifecycle(ticket, status, at: date, details: details)
                lines.append(line)
                pool.append(line)
            }
            files.append(lines)
        }
        return files
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func anySequenceOfFiles(seed: UInt64) async throws {
        let ledger = try await TemporaryLedger()
        for (index, lines) in Self.randomFiles(seed: seed).enumerated() {
            try await ledger.ingest(lines: lines, name: "f\(index).jsonl")
        }
        let inline = try await ledger.database.tickets()
        let rebuilt = try await ledger.database.tickets(asOf: Timestamp(rfc3339: "2099-12-31T00:00:00Z"))
        #expect(!inline.isEmpty)
        #expect(inline.map(\.json.outputText) == rebuilt.map(\.json.outputText))
    }
}

import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// docs/operations.md, "The WAL": a run ends by truncating the WAL, unless a reader holds a
/// snapshot in it; then the next run does.
@Suite("The WAL")
struct WALTests {
    static let lines = (1...200).map { i in
        Items.lifecycle("T\(i % 40)", i % 2 == 0 ? "DOWNLOADED" : "INJECTED", at: "2026-06-20T09:\(10 + i % 50):\(10 + i % 40)Z",
                        details: Items.spectator("Ada\(i % 7)", "Lovelace"))
    }

    static func walSize(_ ledger: TemporaryLedger) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: ledger.path + "-wal"))?[.size] as? Int) ?? 0
    }

    @Test func aRunEndsWithTheWALTruncatedAndAReaderInTheWayOnlyPutsThatOff() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        #expect(Self.walSize(ledger) == 0, "the run left \(Self.walSize(ledger)) bytes of WAL")

        // A reader holds a snapshot for the whole of the next run.
        let reader = try DatabaseQueue(path: ledger.path)
        let (held, release, done) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        Thread.detachNewThread {
            try? reader.inDatabase { db in
                try db.execute(sql: "BEGIN")
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM events")
                held.signal()
                release.wait()
                try db.execute(sql: "COMMIT")
            }
            done.signal()
        }
        await withCheckedContinuation { taken in DispatchQueue.global().async { held.wait(); taken.resume() } }
        let more = Self.lines.map { $0.replacingOccurrences(of: "\"T", with: "\"U") }
        try await ledger.ingest(lines: more, name: "more.jsonl")
        #expect(Self.walSize(ledger) > 0, "the run did not wait for the reader, but its WAL is gone: the test proves nothing")
        release.signal()
        await withCheckedContinuation { finished in DispatchQueue.global().async { done.wait(); finished.resume() } }
        try await ledger.ingest(lines: more, name: "more.jsonl")
        #expect(Self.walSize(ledger) == 0, "the next run left the WAL")
    }
}

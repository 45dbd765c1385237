import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

@Suite("The events table is append-only")
struct EventImmutabilityTests {
    @Test func updateOfAnEventFails() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [Items.lifecycle("T1", "INJECTED", at: "2026-06-20T09:00:00Z")])
        let queue = try DatabaseQueue(path: ledger.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE events SET status = 'CONTROLLED' WHERE position = 1") }
        }
        let status = try await queue.read { db in try String.fetchOne(db, sql: "SELECT status FROM events WHERE position = 1") }
        #expect(status == "INJECTED")
    }

    @Test func deleteOfAnEventFails() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [Items.lifecycle("T1", "INJECTED", at: "2026-06-20T09:00:00Z")])
        let queue = try DatabaseQueue(path: ledger.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "DELETE FROM events") }
        }
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") } == 1)
    }

    @Test func newLedgerFileIsReadableByItsOwnerOnly() async throws {
        let ledger = try await TemporaryLedger()
        let attributes = try FileManager.default.attributesOfItem(atPath: ledger.path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
    }
}

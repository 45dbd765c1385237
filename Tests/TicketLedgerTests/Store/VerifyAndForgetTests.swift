import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

@Suite("Tamper evidence and erasure")
struct VerifyAndForgetTests {
    static let lines = (1...20).map { i in
        Items.lifecycle("T\(i % 5)", i % 2 == 0 ? "DOWNLOADED" : "INJECTED", at: "2026-06-20T09:\(10 + i):00Z",
                        details: i % 2 == 0 ? Items.spectator(i % 4 == 0 ? "Grace" : "Ada", i % 4 == 0 ? "Hopper" : "Lovelace") : nil)
    }

    /// Runs `update` on the events as someone with the file would: around the trigger that forbids it.
    static func edit(_ ledger: TemporaryLedger, _ update: String) async throws {
        try await DatabaseQueue(path: ledger.path).write { db in
            let trigger = try #require(
                try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'events_are_immutable_update'"))
            try db.execute(sql: "DROP TRIGGER events_are_immutable_update")
            try db.execute(sql: update)
            try db.execute(sql: trigger)
        }
    }

    @Test func intactLedgerVerifies() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        let report = try await ledger.database.verify()
        #expect(report.intact)
        #expect(report.events == 20)
    }

    @Test func alteredRowIsNamedByPosition() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        try await Self.edit(ledger, "UPDATE events SET status = 'CONTROLLED' WHERE position = 7")
        let report = try await ledger.database.verify()
        #expect(!report.intact)
        #expect(report.firstBadPosition == 7)
        #expect(report.problem?.contains("position 7") == true)
    }

    @Test func verifyingInChunksOnEveryCoreNamesTheSameFirstBadPositionAsOneChunk() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        for size: Int64 in [1, 3, 8, 64] {
            let report = try await ledger.database.verify(eventsPerChunk: size)
            #expect(report.intact && report.events == 20, "chunks of \(size): \(report.problem ?? "")")
        }
        try await Self.edit(ledger, "UPDATE events SET status = 'CONTROLLED' WHERE position IN (13, 18)")
        for size: Int64 in [1, 3, 8, 64] {
            let report = try await ledger.database.verify(eventsPerChunk: size)
            #expect(report.firstBadPosition == 13, "chunks of \(size)")
            #expect(report.events == 13, "chunks of \(size): events read up to the first bad one")
        }
    }

    /// Damage the chain cannot see: an index that disagrees with its table (its stored
    /// definition changed under it, as a bad sector or a careless tool could). The rows and
    /// their hashes are intact; only SQLite's integrity check finds it, and verify must say so.
    @Test func anIndexThatDisagreesWithItsTableFailsVerifyThoughTheChainHolds() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        let queue = try DatabaseQueue(path: ledger.path)
        try await queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA writable_schema = ON")
            try db.execute(sql: """
                UPDATE sqlite_master SET sql = 'CREATE INDEX events_by_ticket ON events (organizer, ticket_id)'
                WHERE name = 'events_by_ticket'
                """)
            try db.execute(sql: "PRAGMA writable_schema = OFF")
        }
        try queue.close()
        let reopened = try LedgerDatabase(path: ledger.path, logger: .test)
        let report = try await reopened.verify()
        #expect(!report.intact)
        #expect(!report.integrityOK)
        #expect(report.problem?.contains("integrity check") == true, "\(report.problem ?? "no problem named")")
    }

    @Test func forgetLeavesNoByteOfTheDestroyedWrappedKeyInTheFileOrItsWAL() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        let queue = try DatabaseQueue(path: ledger.path)
        // What is stored of a key is its wrapping: forget must leave none of those bytes either.
        let keys = try await queue.read { db in try Data.fetchAll(db, sql: "SELECT wrapped_key FROM person_keys WHERE wrapped_key IS NOT NULL") }
        try queue.close()
        try #require(keys.count == 2)
        let before = try ledger.fileAndWALBytes()
        #expect(keys.allSatisfy { before.range(of: $0) != nil }, "the wrapped keys were not found before forget: the scan looks in the wrong place")
        _ = try await ledger.database.forget(email: "ada.lovelace@example.com")
        _ = try await ledger.database.forget(email: "grace.hopper@example.com")
        let after = try ledger.fileAndWALBytes()
        for key in keys {
            #expect(after.range(of: key) == nil, "a destroyed key's bytes are still in the ledger or its WAL")
        }
    }

    @Test func forgetErasesEveryByteOfThePersonAndVerifyStillPasses() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        let before = try await ledger.database.status(of: "T4").holder.json
        #expect(before["individualLastname"] == .string("Lovelace"))
        // The audit lookups' own connection, opened here, must see the erasure committed after it.
        let historyBefore = try ledger.database.history(of: "T4")
        #expect(historyBefore.contains { $0.raw["spectatorDetails"]?["lastName"] == .string("Lovelace") })
        let report = try await ledger.database.forget(email: "ADA.lovelace@example.com ")
        #expect(report.observations == 5)
        #expect(report.keys == 1)
        let bytes = try ledger.fileBytes()
        for secret in ["Lovelace", "ada.lovelace@example.com", "IDLOVELACE"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil)
        }
        #expect(try await ledger.database.verify().intact)
        let holder = try await ledger.database.status(of: "T4").holder
        #expect(holder.json["erased"] == .bool(true))
        #expect(holder.json["individualLastname"] == nil)
        let history = try ledger.database.history(of: "T4")
        #expect(history.contains { $0.raw["spectatorDetails"] == .string("[erased]") })
        #expect(!history.contains { $0.raw["spectatorDetails"]?["lastName"] == .string("Lovelace") })
        let other = try await ledger.database.status(of: "T2").holder.json
        #expect(other["individualLastname"] == .string("Hopper"))
    }
}

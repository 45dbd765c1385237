import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// Personal data is sealed while a batch is prepared, before its transaction: the transaction
/// must keep it only when its key is still the person's key, and seal it again otherwise.
@Suite("Sealing before the transaction")
struct PresealingTests {
    static func item(_ ticket: String, at minute: Int, first: String, last: String) throws -> SourcedItem {
        let line = Items.lifecycle(
            ticket, "DOWNLOADED", at: "2026-06-20T09:\(10 + minute):00Z", details: Items.spectator(first, last))
        return SourcedItem(value: try JSONParser.parse(Array(line.utf8)), source: ItemSource(kind: .file, reference: "test", item: Int64(minute)))
    }

    /// The last name each history entry of `ticket` shows, or "[erased]".
    static func lastNames(_ ticket: String, in database: LedgerDatabase) throws -> [String] {
        try database.history(of: ticket).map { entry in
            let details = entry.raw["spectatorDetails"]
            return details?["lastName"]?.stringValue ?? details?.stringValue ?? "none"
        }
    }

    static func keyCount(_ path: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM person_keys") ?? 0 }
    }

    @Test func dataSealedUnderAKeyErasedBeforeItsTransactionIsSealedAgainUnderANewKey() async throws {
        let ledger = try await TemporaryLedger()
        _ = try await ledger.database.append([try Self.item("T1", at: 0, first: "Ada", last: "Lovelace")], organizer: "ORG")
        // Ada's key is now committed and cached: the next batch is sealed with it while prepared…
        let batch = try ledger.database.unlockedKeys().prepare([try Self.item("T1", at: 1, first: "Ada", last: "Lovelace")], organizer: "ORG")
        // …and erased before that batch is written.
        _ = try await ledger.database.forget(email: "ada.lovelace@example.com")
        _ = try await ledger.database.append(batch)
        #expect(try Self.lastNames("T1", in: ledger.database) == ["[erased]", "Lovelace"])
        #expect(try Self.keyCount(ledger.path) == 2)
    }

    @Test func batchesPreparedBeforeANewPersonsFirstCommitShareTheirKey() async throws {
        let ledger = try await TemporaryLedger()
        let first = try ledger.database.unlockedKeys().prepare([try Self.item("T2", at: 0, first: "Grace", last: "Hopper")], organizer: "ORG")
        let second = try ledger.database.unlockedKeys().prepare([try Self.item("T3", at: 1, first: "Grace", last: "Hopper")], organizer: "ORG")
        _ = try await ledger.database.append(first)
        _ = try await ledger.database.append(second)
        #expect(try Self.lastNames("T2", in: ledger.database) == ["Hopper"])
        #expect(try Self.lastNames("T3", in: ledger.database) == ["Hopper"])
        #expect(try Self.keyCount(ledger.path) == 1)
        // One key: forgetting the person reaches both.
        #expect(try await ledger.database.forget(email: "grace.hopper@example.com").observations == 2)
    }

    @Test func aKeyAnotherProcessGaveThePersonMeanwhileWinsOverTheOnePreparedForThem() async throws {
        let ledger = try await TemporaryLedger()
        let batch = try ledger.database.unlockedKeys().prepare([try Self.item("T4", at: 1, first: "Alan", last: "Turing")], organizer: "ORG")
        // Another process (another vault, its own caches) gives Alan a key first.
        let other = try LedgerDatabase(path: ledger.path, logger: .test)
        _ = try await other.append([try Self.item("T5", at: 0, first: "Alan", last: "Turing")], organizer: "ORG")
        _ = try await ledger.database.append(batch)
        #expect(try Self.lastNames("T4", in: ledger.database) == ["Turing"])
        #expect(try Self.keyCount(ledger.path) == 1)
        #expect(try await ledger.database.forget(email: "alan.turing@example.com").observations == 2)
    }
}

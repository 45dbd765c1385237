import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// `EventRecord` holds the one list of the events table's columns: it must be the table's.
@Suite struct EventColumnsTests {
    @Test func theRecordListsEveryColumnOfTheTableAndTheFoldReadsOnlyThose() async throws {
        let ledger = try await TemporaryLedger()
        let table = try await DatabaseQueue(path: ledger.path).read { db in
            try Row.fetchAll(db, sql: "PRAGMA table_info(events)").map { $0["name"] as String }
        }
        #expect(table == EventRecord.columnNames + ["chain_hash"])
        #expect(Set(EventRecord.foldedColumns).isSubset(of: Set(EventRecord.columnNames)))
    }
}

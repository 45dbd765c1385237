import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// `verify` names the position of an event whose stored row was edited, whichever column
/// the edit touches (the columns come from the table itself, so a new one is covered too),
/// and whatever the value's length: a one-character tweak, or a long value.
@Suite("Every column of an event is under the chain")
struct EveryColumnIsProtectedTests {
    /// The row edited: a download that carries sealed spectator details.
    static let position: Int64 = 8

    static let lines = (1...12).map { i in
        Items.lifecycle(
            "T\(i % 4)", i % 2 == 0 ? "DOWNLOADED" : "INJECTED", at: "2026-06-20T09:\(10 + i):00Z",
            details: i % 2 == 0 ? Items.spectator("Ada", "Lovelace") : nil)
    }

    @Test(arguments: [false, true])
    func anEditToAnyColumnIsNamedByItsPosition(long: Bool) async throws {
        let columns = try await Self.columns()
        #expect(columns.contains("body") && columns.contains("chain_hash"))
        for column in columns where column != "chain_hash" {
            let ledger = try await TemporaryLedger()
            try await ledger.ingest(lines: Self.lines)
            let queue = try DatabaseQueue(path: ledger.path)
            let edit = try await queue.write { db -> String in
                let row = try Row.fetchOne(db, sql: "SELECT \(column) FROM events WHERE position = ?", arguments: [Self.position])
                let value: DatabaseValue = try #require(row)[0]
                let edited = Self.edited(column, value, long: long)
                try db.execute(sql: "DROP TRIGGER events_are_immutable_update")
                try db.execute(sql: "UPDATE events SET \(column) = ? WHERE position = ?", arguments: [edited, Self.position])
                return "\(column) \(Self.describe(value)) → \(Self.describe(edited))"
            }
            let report = try await ledger.database.verify()
            #expect(!report.intact, "an edit of \(edit) went unnoticed")
            #expect(report.firstBadPosition == Self.position, "\(edit): verify named \(String(describing: report.firstBadPosition))")
        }
    }

    /// The events table's columns, read from a fresh ledger.
    static func columns() async throws -> [String] {
        let ledger = try await TemporaryLedger()
        let queue = try DatabaseQueue(path: ledger.path)
        return try await queue.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(events)").map { $0["name"] } }
    }

    /// A different value of the same kind; `long` makes text and blobs longer than 200 bytes
    /// and keeps a long original's length, changing a byte past its first hundred. A column
    /// the schema constrains gets another value it allows.
    static func edited(_ column: String, _ value: DatabaseValue, long: Bool) -> DatabaseValue {
        switch (column, value.storage) {
        case ("source_kind", .string(let kind)): return (kind == "api" ? "file" : "api").databaseValue
        case ("position", .int64(let position)): return (position + 1_000_000).databaseValue
        default: break
        }
        switch value.storage {
        case .int64(let number): return (number + (long ? 1_000_000 : 1)).databaseValue
        case .double(let number): return (number + 1).databaseValue
        case .string(var text):
            if long && text.utf8.count <= 200 { return String(repeating: "x", count: 300).databaseValue }
            if text.isEmpty { return "z".databaseValue }
            let index = text.index(text.startIndex, offsetBy: long ? 150 : text.count - 1)
            text.replaceSubrange(index...index, with: text[index] == "z" ? "y" : "z")
            return text.databaseValue
        case .blob(var bytes):
            if long || bytes.isEmpty { bytes.append(Data(repeating: 0xA5, count: 200)) } else { bytes[bytes.count - 1] ^= 0xFF }
            return bytes.databaseValue
        case .null: return long ? String(repeating: "x", count: 300).databaseValue : 1.databaseValue
        }
    }

    static func describe(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let number): "\(number)"
        case .double(let number): "\(number)"
        case .string(let text): "text of \(text.utf8.count) bytes"
        case .blob(let bytes): "blob of \(bytes.count) bytes"
        }
    }
}

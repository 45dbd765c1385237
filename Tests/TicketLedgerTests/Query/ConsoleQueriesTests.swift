import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// The library queries the console stands on: a page of tickets by id prefix, the rejected
/// items, the activity behind the charts, and the chain verified up to a position.
@Suite("Queries behind the console")
struct ConsoleQueriesTests {
    @Test func aPrefixMatchesExactlyEvenWithGlobCharactersAndPagesSliceTheListing() async throws {
        let ledger = try await TemporaryLedger()
        let ids = ["A*1", "A?2", "A[3]", "AB", "Ab", "B", "a", "A*\u{301}x"]
        try await ledger.ingest(lines: ids.map { Items.lifecycle($0, "INJECTED", at: "2026-06-20T09:00:00Z") })
        func listed(_ prefix: String?, limit: Int? = nil, offset: Int = 0, status: S360Status? = nil) async throws -> [String] {
            try await ledger.database.tickets(TicketFilter(s360Status: status, ticketIdPrefix: prefix), limit: limit, offset: offset).map(\.ticketId)
        }
        #expect(try await listed("A*") == ["A*1", "A*\u{301}x"])
        #expect(try await listed("A*\u{301}") == ["A*\u{301}x"], "a combining mark after * does not make it a wildcard")
        #expect(try await listed("A?") == ["A?2"])
        #expect(try await listed("A[") == ["A[3]"])
        #expect(try await listed("A") == ["A*1", "A*\u{301}x", "A?2", "AB", "A[3]", "Ab"], "in byte order")
        #expect(try await listed("AB") == ["AB"], "a prefix is case-sensitive, as ticket ids are")
        #expect(try await listed(nil, limit: 3, offset: 3) == ["AB", "A[3]", "Ab"])
        #expect(try await listed(nil, offset: 6) == ["B", "a"], "an offset without a limit")
        #expect(try await listed(nil, limit: 3, offset: 7) == ["a"])
        #expect(try await listed("A", limit: 2, offset: 2, status: .PRINTED) == ["A?2", "AB"])
        // As of a time the fold pages the same way.
        let asOf = try await ledger.database.tickets(TicketFilter(ticketIdPrefix: "A"), asOf: Timestamp(rfc3339: "2026-06-21T00:00:00Z"), limit: 2, offset: 4)
        #expect(asOf.map(\.ticketId) == ["A[3]", "Ab"])
    }

    @Test func rejectedItemsComeNewestFirstWithWhatTheySaidOfTheirTicketAndNoPersonalData() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [#"{"ticketId":"T1","statusDate":"2026-06-20T09:00:00Z","status":"NOPE","spectatorDetails":{"firstName":"Ada"}}"#], organizer: "ORG", name: "a.jsonl")
        try await ledger.ingest(lines: [#"{"ticketId":42,"statusDate":"2026-06-20T10:00:00Z","status":"INJECTED"}"#], organizer: "OTHER", name: "b.jsonl")
        let all = try await ledger.database.rejectedItems()
        #expect(all.map(\.organizer) == ["OTHER", "ORG"])
        #expect(all[1].ticketId == "T1" && all[1].status == "NOPE" && all[1].statusDate == "2026-06-20T09:00:00Z")
        #expect(all[1].reason.contains("NOPE") && all[1].source.kind == .file && all[1].source.item == 1)
        #expect(all[0].ticketId == nil, "a ticketId that is not a string is not shown")
        #expect(!all.map(\.json.outputText).joined().contains("Ada"))
        #expect(try await ledger.database.rejectedItems(organizer: "ORG").map(\.ticketId) == ["T1"])
        #expect(try await ledger.database.rejectedItems(limit: 1, offset: 1).map(\.organizer) == ["ORG"])
    }

    @Test func theActivityCountsObservationsPerHourAndTheDistributionAsTheAsOfQueriesFoldIt() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [
            Items.lifecycle("T1", "INJECTED", at: "2026-06-20T09:10:00Z"),
            Items.lifecycle("T2", "INJECTED", at: "2026-06-20T09:50:00Z"),
            Items.lifecycle("T1", "CONTROLLED", at: "2026-06-20T12:00:00Z"),
            // Out of order: folded by statusDate, it comes before T1's control.
            Items.lifecycle("T2", "DOWNLOADED", at: "2026-06-20T11:30:00Z"),
        ])
        let activity = try await ledger.database.activity(hours: 48, samples: 3)
        #expect(activity.hours.map { Self.hour($0.start) } == ["09", "10", "11", "12"])
        #expect(activity.hours.map { $0.families.values.reduce(0, +) } == [2, 0, 1, 1])
        #expect(activity.hours[3].families == [.CONTROL: 1])
        #expect(activity.throughPosition == 4 && activity.samples.count == 3)
        for sample in activity.samples {
            let tickets = try await ledger.database.tickets(asOf: sample.at)
            let expected = Dictionary(grouping: tickets, by: \.view.s360Status).mapValues(\.count)
            #expect(sample.statuses == expected, "\(sample.at)")
        }
        #expect(activity.samples.last?.statuses == [.PRINTED: 1, .CONTROLLED: 1])
        // Only the last hours are kept.
        #expect(try await ledger.database.activity(hours: 2).hours.map { Self.hour($0.start) } == ["11", "12"])
    }

    static func hour(_ time: Timestamp) -> String { String(time.description.dropFirst(11).prefix(2)) }

    @Test func verifyThroughAPositionChecksWhatLiesUpToItAndNothingAfter() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: VerifyAndForgetTests.lines.prefix(10).map { $0 }, name: "first.jsonl")
        try await ledger.ingest(lines: VerifyAndForgetTests.lines.dropFirst(10).map { $0 }, name: "second.jsonl")
        #expect(try await ledger.database.verify(through: 12).intact)
        try await VerifyAndForgetTests.edit(ledger, "UPDATE events SET status = 'CONTROLLED' WHERE position = 15")
        let before = try await ledger.database.verify(through: 14)
        #expect(before.intact && before.events == 14, "\(before)")
        let at = try await ledger.database.verify(through: 15)
        #expect(!at.intact && at.firstBadPosition == 15)
        #expect(try await ledger.database.verify().firstBadPosition == 15)
        // A stored tree node is checked when the positions it covers are: level 3, index 1 covers 9 to 16.
        let ledger2 = try await TemporaryLedger()
        try await ledger2.ingest(lines: VerifyAndForgetTests.lines.map { $0 })
        try await DatabaseQueue(path: ledger2.path).write { db in
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'merkle_nodes'") {
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
            try db.execute(sql: "UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 3 AND idx = 1")
        }
        #expect(try await ledger2.database.verify(through: 15).intact)
        let covering = try await ledger2.database.verify(through: 16)
        #expect(!covering.intact && covering.problem?.contains("level 3, index 1") == true, "\(covering)")
    }
}

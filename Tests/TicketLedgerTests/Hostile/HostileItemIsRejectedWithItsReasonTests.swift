import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// One corpus file of JSON Lines whose every line is either appended or rejected with a reason.
struct JudgedFile: Sendable, CustomTestStringConvertible {
    var file: String
    /// Line → ticket id appended from it.
    var appended: [Int64: String]
    /// Line → text the rejection's reason must contain.
    var rejected: [Int64: String]
    var testDescription: String { file }
}

@Suite struct HostileItemIsRejectedWithAReasonNamingTheProblem {
    static let files: [JudgedFile] = [
        JudgedFile(
            file: "lines/numbers-for-strings.jsonl",
            appended: [11: "K-10", 12: "K-11"],
            rejected: [
                1: "ticketId is a number, not a string", 2: "ticketId is null, not a string",
                3: "statusDate is a number, not a string", 4: "status is a number, not a string",
                5: "legacyStatus is a number, not a string", 6: "deletionReason is a boolean, not a string",
                7: "beaconName is a number, not a string", 8: "spectatorDetails is a string, not an object",
                9: "pendingTransfer is an array, not an object", 10: "ticketDetails.extra is an array, not an object",
            ]),
        JudgedFile(
            file: "lines/duplicate-keys.jsonl",
            appended: [5: "D-6"],
            rejected: [
                1: #"the item has the member "ticketId" twice"#, 2: #"the item has the member "status" twice"#,
                3: #"the item has the member "email" twice"#, 4: #"the item has the member "ExtraInfo1" twice"#,
                // A 304-character key holding an escape sequence: shown in 60 characters, the escape by its code point.
                6: #"the item has the member "<U+001B>[2J"# + String(repeating: "k", count: 49) + #"…" twice"#,
            ]),
        JudgedFile(
            file: "lines/ticket-ids.jsonl",
            appended: [13: "🎫-1", 14: "Ticket Ü-1"],
            rejected: [
                1: "ticketId contains U+0000, a control or invisible character", 2: "ticketId contains U+001B",
                3: "ticketId contains U+007F", 4: "ticketId contains U+0085", 5: "ticketId contains U+0009",
                6: "ticketId contains U+000A", 7: "ticketId contains U+200B", 8: "ticketId contains U+202E",
                9: "ticketId contains U+2028", 10: "ticketId contains U+FEFF",
                11: "ticketId is empty or blank", 12: "ticketId is empty or blank",
            ]),
        JudgedFile(
            file: "lines/sql-metacharacters.jsonl",
            appended: [
                1: "'; DROP TABLE events; --", 2: "\" OR 1=1 --", 3: "%", 4: "_", 5: "\\",
                6: "S-1' UNION SELECT secret FROM ledger_secret --", 7: "S-2",
            ],
            rejected: [8: #"statusDate "'; DROP TABLE events; --" is not RFC 3339"#]),
        JudgedFile(
            file: "lines/timestamps.jsonl",
            appended: Dictionary(uniqueKeysWithValues: (1...9).map { (Int64($0), "Z-\($0)") }),
            rejected: [
                10: #"statusDate "9999-12-31T23:59:59Z" is outside the years 2000–2099"#,
                11: #"statusDate "1999-12-31T23:59:59Z" is outside"#, 12: #"statusDate "2100-01-01T00:00:00Z" is outside"#,
                13: #"statusDate "2099-12-31T23:00:00-14:00" is outside"#,
                14: #"statusDate "2026-02-30T09:00:00Z" is not RFC 3339"#, 15: #"statusDate "2026-06-20T09:00:00" is not RFC 3339"#,
                16: #"statusDate "2026-06-20 09:00:00Z" is not RFC 3339"#, 17: #""2026-06-20T09:00:00+24:00" is not RFC 3339"#,
                18: #""2026-06-20T09:00:00+0545" is not RFC 3339"#, 19: #""2026-06-20T09:00Z" is not RFC 3339"#,
                20: #""2026-06-20T09:00:00.Z" is not RFC 3339"#, 21: #""２０２６-06-20T09:00:00Z" is not RFC 3339"#,
                22: #"statusDate "" is not RFC 3339"#, 23: #""2026-06-20T25:00:00Z" is not RFC 3339"#,
                24: #""2026-06-20T09:00:00Z " is not RFC 3339"#,
            ]),
        JudgedFile(
            file: "lines/lowercase-vocabulary.jsonl",
            appended: [:],
            rejected: [
                1: #"status "injected" is not a TIXnGO status"#, 2: #"status "Injected" is not a TIXnGO status"#,
                3: #"status "INJECTED " is not a TIXnGO status"#, 4: #"status "activated" is not a TIXnGO status"#,
                5: #"legacyStatus "received" is not a TIXnGO legacy status"#, 6: #"action "inject" is not a transaction action"#,
                7: #"state "confirmed" is not a transaction state"#, 8: #"deletionReason "cancelled" is not a deletion reason"#,
            ]),
        JudgedFile(file: "lines/bom.jsonl", appended: [1: "H-1", 2: "H-2"], rejected: [:]),
        JudgedFile(
            file: "lines/crlf.jsonl", appended: [1: "H-1", 2: "H-2", 5: "H-3"],
            rejected: [4: #"status "injected" is not a TIXnGO status"#]),
        JudgedFile(
            file: "lines/escaped-nul.jsonl", appended: [1: "N-1"], rejected: [2: #"status "INJECTED<U+0000>" is not a TIXnGO status"#]),
        JudgedFile(file: "lines/exotic-numbers.jsonl", appended: [1: "X-1"], rejected: [:]),
    ]

    @Test(arguments: files)
    func eachLineIsAppendedOrRejectedWithItsReason(_ expected: JudgedFile) async throws {
        let ledger = try await Hostile.ledgerWithBaseline()
        let path = try Hostile.fixture(expected.file)
        let summary = try await ledger.ingest(file: path)
        #expect(summary.received == expected.appended.count + expected.rejected.count)
        #expect(summary.appended == expected.appended.count)
        #expect(summary.rejected == expected.rejected.count)
        #expect(try await Hostile.appendedTickets(ledger, from: path) == expected.appended)
        let rejected = try await Hostile.rejectedItems(ledger, from: path)
        #expect(Set(rejected.keys) == Set(expected.rejected.keys))
        for (line, reason) in expected.rejected {
            let actual = rejected[line]?.reason ?? "(not rejected)"
            #expect(actual.contains(reason), "line \(line): \(actual)")
            #expect(actual.count <= 120 && Hostile.isPrintable(actual), "line \(line): \(actual.debugDescription)")
        }
        try await Hostile.expectConsistent(
            ledger, events: 2 + expected.appended.count, rejected: expected.rejected.count,
            tickets: 2 + Set(expected.appended.values).count)

        // The same file again: every observation is a duplicate, every rejection is kept once.
        let again = try await ledger.ingest(file: path)
        #expect(again.appended == 0)
        #expect(again.duplicates == expected.appended.count)
        #expect(again.rejected == expected.rejected.count)
        try await Hostile.expectConsistent(ledger, events: 2 + expected.appended.count, rejected: expected.rejected.count)
    }

    @Test func sqlMetacharactersAreDataNotSQL() async throws {
        let ledger = try await Hostile.ledgerWithBaseline()
        let path = try Hostile.fixture("lines/sql-metacharacters.jsonl")
        let organizer = "'; DROP TABLE ingest_cursors; --"
        #expect(try await ledger.ingest(file: path, organizer: organizer).appended == 7)
        let injected = try await ledger.database.status(of: "'; DROP TABLE events; --")
        #expect(injected.organizer == organizer)
        #expect(injected.view.s360Status == .PRINTED)
        // A LIKE wildcard as an id is that id, not a pattern.
        #expect(try await ledger.database.status(of: "%").ticketId == "%")
        await #expect(throws: LedgerError.ticketNotFound("S-%")) { try await ledger.database.status(of: "S-%") }
        #expect(try await ledger.database.summary(organizer: organizer).events == 7)
        let raw = try ledger.database.history(of: "S-2").first?.raw
        #expect(raw?["'; DROP TABLE events; --"] == .string("x"))
        try await Hostile.expectConsistent(ledger, events: 9, rejected: 1, tickets: 9)
    }

    @Test func oddOffsetsAndFractionsBecomeTheRightInstant() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(file: try Hostile.fixture("lines/timestamps.jsonl"))
        let expected = [
            "Z-1": "2026-06-19T19:00:00Z",  // +14:00
            "Z-2": "2026-06-20T09:00:00Z",  // -00:00 is UTC
            "Z-3": "2026-06-20T03:15:00Z",  // +05:45
            "Z-4": "2026-06-20T09:00:00.123456Z",  // nanoseconds cut to microseconds
            "Z-5": "2026-06-20T09:00:00Z",  // lowercase t and z
            "Z-6": "2026-06-30T23:59:59Z",  // a leap second counts as :59
            "Z-7": "2026-06-20T21:00:00Z",  // -12:00
            "Z-8": "2000-01-01T00:00:00Z",
            "Z-9": "2099-12-31T23:59:59.999999Z",
        ]
        for (ticket, instant) in expected {
            #expect(try await ledger.database.status(of: ticket).statusDate?.description == instant, "\(ticket)")
        }
    }

    @Test func wrongKindsInsideMembersTheLedgerDoesNotInterpretAreKeptAsReceived() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(file: try Hostile.fixture("lines/numbers-for-strings.jsonl"))
        let k10 = try #require(try ledger.database.history(of: "K-10").first?.raw)
        #expect(k10["eventId"] == .number("99"))
        #expect(k10["ticketDetails"]?["extra"]?["ExtraInfo1"] == .number("42"))
        let k11 = try await ledger.database.status(of: "K-11")
        #expect(k11.view.tixngoStatus == .ASSIGNED)
        #expect(k11.holder.json["individualFirstname"] == .number("1"))
    }

    @Test func exoticNumbersKeepTheirText() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(file: try Hostile.fixture("lines/exotic-numbers.jsonl"))
        let raw = try #require(try ledger.database.history(of: "X-1").first?.raw)
        #expect(raw["a"] == .number("1e999999"))
        #expect(raw["b"] == .number("-0"))
        #expect(raw["c"] == .number(String(repeating: "9", count: 400)))
    }

    @Test func anEscapedNulIsKeptInAMemberTheLedgerDoesNotInterpret() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(file: try Hostile.fixture("lines/escaped-nul.jsonl"))
        #expect(try ledger.database.history(of: "N-1").first?.raw["note"] == .string("a\u{0}b"))
    }

    @Test func personalDataOfARejectedItemIsSealedNotEchoed() async throws {
        let ledger = try await TemporaryLedger()
        let path = try Hostile.fixture("lines/duplicate-keys.jsonl")
        try await ledger.ingest(file: path)
        let rejected = try #require(try await Hostile.rejectedItems(ledger, from: path)[3])
        #expect(rejected.hasSealedPersonalData)
        #expect(!rejected.body.contains("example.com"))
        #expect(!rejected.reason.contains("example.com"))
    }

    @Test func aTicketIdOfTenThousandCharactersIsRejectedWithoutEchoingIt() async throws {
        let ledger = try await Hostile.ledgerWithBaseline()
        let long = String(repeating: "T", count: 10_000)
        let limit = ObservationDecoder.maximumTicketIdLength
        let lines = [long, long + "\\u001b[2J", String(repeating: "A", count: limit), String(repeating: "B", count: limit + 1)]
            .map { Items.lifecycle($0, "INJECTED", at: "2026-06-20T09:00:00Z") }
        let summary = try await ledger.ingest(lines: lines, name: "long-ids.jsonl")
        #expect(summary.appended == 1)
        #expect(summary.rejected == 3)
        let rejected = try await Hostile.rejectedItems(ledger, from: ledger.directory.path("long-ids.jsonl"))
        #expect(rejected[1]?.reason == "ticketId is 10000 characters, more than 256")
        #expect(rejected[2]?.reason == "ticketId is 10004 characters, more than 256")
        #expect(rejected[4]?.reason == "ticketId is 257 characters, more than 256")
        try await Hostile.expectConsistent(ledger, events: 3, rejected: 3, tickets: 3)
    }
}

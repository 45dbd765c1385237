import LedgerTestSupport
import Testing
@testable import TicketLedger

@Suite("The S-360 projection of lifecycle observations (mapping 2023-02-07)")
struct LifecycleProjectionTests {
    /// docs/domain.md §3 and §4, transcribed: TIXnGO status → (family, S-360 status).
    static let expected: [(String, StatusFamily, S360Status)] = [
        ("INJECTED", .INITIAL_DELIVERY, .PRINTED), ("DOWNLOADED", .INITIAL_DELIVERY, .PRINTED),
        ("ASSIGNED", .INITIAL_DELIVERY, .PRINTED), ("DEFAULT", .INITIAL_DELIVERY, .PRINTED),
        ("INVALID", .INITIAL_DELIVERY, .PRINTED), ("PENDING_TRANSFER", .TRANSFER, .PRINTED),
        ("PENDING", .TRANSFER, .PRINTED), ("FAILURE_TRANSFER", .TRANSFER, .PRINTED), ("FAILURE", .TRANSFER, .PRINTED),
        ("TRANSFERRED", .TRANSFER, .PRINTED), ("BT_ACTIVATED", .ACTIVATION, .PRINTED),
        ("MANUAL_ACTIVATED", .ACTIVATION, .PRINTED), ("OFFLINE_ACTIVATED", .ACTIVATION, .PRINTED),
        ("ONLINE_ACTIVATED", .ACTIVATION, .PRINTED), ("ACTIVATED", .ACTIVATION, .PRINTED),
        ("DEACTIVATED", .ACTIVATION, .PRINTED), ("CONTROLLED", .CONTROL, .CONTROLLED),
        ("DELETION_PENDING", .DELETION, .INVALIDATED), ("DELETED", .DELETION, .INVALIDATED),
    ]

    @Test(arguments: expected)
    func everyStatusLandsOnItsFamilyAndS360Status(status: String, family: StatusFamily, s360: S360Status) async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [Items.lifecycle("T", status, at: "2026-06-20T09:00:00Z")])
        let report = try await ledger.database.status(of: "T")
        #expect(report.view.tixngoStatus?.rawValue == status)
        #expect(report.view.family == family)
        #expect(report.view.s360Status == s360)
    }

    @Test func deletionReasonDecidesCancelledOrInvalidated() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [
            Items.lifecycle("C", "DELETED", at: "2026-06-20T09:00:00Z", extra: #""deletionReason":"CANCELLED""#),
            Items.lifecycle("I", "DELETION_PENDING", at: "2026-06-20T09:00:00Z", extra: #""deletionReason":"INVALIDATED""#),
        ])
        #expect(try await ledger.database.status(of: "C").view.s360Status == .CANCELLED)
        #expect(try await ledger.database.status(of: "I").view.s360Status == .INVALIDATED)
    }

    @Test func holderIsMappedToS360Fields() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [
            Items.lifecycle("T", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: Items.spectator("Kofi", "Mensah", nationality: "GH", residence: "DE"))
        ])
        let holder = try await ledger.database.status(of: "T").holder.json
        #expect(holder["individualFirstname"] == .string("Kofi"))
        #expect(holder["individualCountryCode"] == .string("GH"))
        #expect(holder["countryCode"] == .string("DE"))
        #expect(holder["CNIL_O"] == .bool(true))
        #expect(holder["email"] == .string("kofi.mensah@example.com"))
    }

    @Test func lateObservationGivesTheSameProjectionAsInOrder() async throws {
        let ordered = [
            Items.lifecycle("T", "INJECTED", at: "2026-06-20T09:00:00Z"),
            Items.lifecycle("T", "DOWNLOADED", at: "2026-06-20T09:10:00Z", details: Items.spectator("Ada", "Lovelace")),
            Items.lifecycle("T", "TRANSFERRED", at: "2026-06-20T10:00:00Z", details: Items.spectator("Alan", "Turing")),
            Items.lifecycle("T", "ONLINE_ACTIVATED", at: "2026-06-20T11:00:00Z"),
            Items.lifecycle("T", "CONTROLLED", at: "2026-06-20T12:00:00Z"),
        ]
        let inOrder = try await TemporaryLedger()
        try await inOrder.ingest(lines: ordered)
        let late = try await TemporaryLedger()
        try await late.ingest(lines: [ordered[0], ordered[4], ordered[3]], name: "a.jsonl")
        try await late.ingest(lines: [ordered[2]], name: "b.jsonl")
        try await late.ingest(lines: [ordered[1]], name: "c.jsonl")
        let expected = try await inOrder.database.status(of: "T")
        let actual = try await late.database.status(of: "T")
        #expect(actual.view == expected.view)
        #expect(actual.holder == expected.holder)
        #expect(actual.holder.json["individualLastname"] == .string("Turing"))
        #expect(actual.view.s360Status == .CONTROLLED)
    }

    @Test func asOfFoldsOnlyEarlierObservations() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [
            Items.lifecycle("T", "INJECTED", at: "2026-06-20T09:00:00Z"),
            Items.lifecycle("T", "CONTROLLED", at: "2026-06-20T12:00:00Z"),
        ])
        let before = try await ledger.database.status(of: "T", asOf: Timestamp(rfc3339: "2026-06-20T10:00:00+00:00"))
        #expect(before.view.tixngoStatus == .INJECTED)
        let never = try await ledger.database.status(of: "T", asOf: Timestamp(rfc3339: "2026-06-19T10:00:00Z"))
        #expect(never.view.s360Status == .NOT_PRINTED)
    }

    /// "At or before": an observation stamped exactly at the --as-of time is folded, one a
    /// microsecond later is not, for one ticket and for the listing alike.
    @Test func asOfIncludesAnObservationAtExactlyThatTime() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [
            Items.lifecycle("T", "INJECTED", at: "2026-06-20T09:00:00Z"),
            Items.lifecycle("T", "CONTROLLED", at: "2026-06-20T12:00:00.000001Z"),
        ])
        let exactly = try #require(Timestamp(rfc3339: "2026-06-20T12:00:00.000001Z"))
        let justBefore = try #require(Timestamp(rfc3339: "2026-06-20T12:00:00Z"))
        #expect(try await ledger.database.status(of: "T", asOf: exactly).view.tixngoStatus == .CONTROLLED)
        #expect(try await ledger.database.status(of: "T", asOf: justBefore).view.tixngoStatus == .INJECTED)
        #expect(try await ledger.database.tickets(asOf: exactly).map(\.view.tixngoStatus) == [.CONTROLLED])
        #expect(try await ledger.database.tickets(asOf: justBefore).map(\.view.tixngoStatus) == [.INJECTED])
    }

    @Test func unknownTicketIsNotFoundAndSharedIdIsAmbiguous() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [Items.lifecycle("T", "INJECTED", at: "2026-06-20T09:00:00Z")], organizer: "A")
        try await ledger.ingest(lines: [Items.lifecycle("T", "INJECTED", at: "2026-06-20T09:00:00Z")], organizer: "B")
        await #expect(throws: LedgerError.ticketNotFound("X")) { try await ledger.database.status(of: "X") }
        await #expect(throws: LedgerError.ambiguousTicket(ticketId: "T", organizers: ["A", "B"])) {
            try await ledger.database.status(of: "T")
        }
        #expect(try await ledger.database.status(of: "T", organizer: "B").organizer == "B")
    }
}

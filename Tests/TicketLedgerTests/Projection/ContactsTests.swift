import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

@Suite("Cultural contacts (docs/domain.md §7)")
struct ContactsTests {
    static let kofi = Items.spectator("Kofi", "Mensah")
    static let ines = Items.spectator("Ines", "Duarte")
    static let inesLater = Items.spectator("Ines", "Duarte", nationality: "ES", residence: "ES")
    static let lines = [
        Items.lifecycle("T", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: kofi),
        Items.lifecycle("T", "PENDING_TRANSFER", at: "2026-06-20T10:00:00Z", details: kofi,
                        extra: #""pendingTransfer":{"recipientEmail":"ines.duarte@example.com"}"#),
        Items.lifecycle("T", "TRANSFERRED", at: "2026-06-20T10:30:00Z", details: ines),
        Items.lifecycle("U", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: kofi),
        Items.lifecycle("U", "PENDING_TRANSFER", at: "2026-06-20T11:00:00Z", details: kofi,
                        extra: #""pendingTransfer":{"recipientEmail":"alan.turing@example.com"}"#),
        Items.lifecycle("U", "FAILURE_TRANSFER", at: "2026-06-20T11:30:00Z", details: kofi),
        Items.lifecycle("V", "TRANSFERRED", at: "2026-06-20T12:00:00Z", details: inesLater),
    ]

    @Test func transfersCreateContactsAndDistributionHistory() async throws {
        let ledger = try await TemporaryLedger(mapping: "2023-04-03", mode: .lifecycle)
        try await ledger.ingest(lines: Self.lines)
        let ines = try #require(try await ledger.database.contacts(email: "ines.duarte@example.com").first)
        #expect(ines.kind == .cultural)
        #expect(ines.distributions.map(\.status) == ["CONFIRMED", "CONFIRMED"])
        #expect(ines.distributions.map(\.ticketId) == ["T", "V"])
        // A real contact is never updated: the later transfer's nationality does not replace the first.
        #expect(ines.fields.json["individualCountryCode"] == .string("FR"))
        let alan = try #require(try await ledger.database.contacts(email: "Alan.Turing@example.com").first)
        #expect(alan.kind == .pendingCreation)
        #expect(alan.fields.json["individualLastname"] == .string(ContactReport.pendingCreationName))
        #expect(alan.distributions.map(\.status) == ["CANCELLED"])
        #expect(try await ledger.database.contacts().count == 2)
    }

    @Test func forgetMakesAContactsFieldsUnreadableAndKeepsNoCopy() async throws {
        let ledger = try await TemporaryLedger(mapping: "2023-04-03", mode: .lifecycle)
        try await ledger.ingest(lines: Self.lines)
        _ = try await ledger.database.forget(email: "ines.duarte@example.com")
        let ines = try #require(try await ledger.database.contacts(email: "ines.duarte@example.com").first)
        #expect(ines.fields.json["erased"] == .bool(true))
        #expect(ines.fields.json["individualLastname"] == nil)
        let everything = try await ledger.database.contacts().map(\.json.outputText).joined()
        #expect(!everything.contains("Duarte") && !everything.contains("ines.duarte"))
        let bytes = try ledger.fileBytes()
        #expect(bytes.range(of: Data("Duarte".utf8)) == nil)
    }

    @Test func aPendingTransferAloneMakesATemporaryContact() async throws {
        let ledger = try await TemporaryLedger(mapping: "2023-04-03", mode: .lifecycle)
        try await ledger.ingest(lines: Array(Self.lines.prefix(2)))
        let ines = try #require(try await ledger.database.contacts(email: "ines.duarte@example.com").first)
        #expect(ines.kind == .pendingCreation)
        #expect(ines.distributions.map(\.status) == ["PENDING"])
        try await ledger.ingest(lines: [Self.lines[2]], name: "later.jsonl")
        let confirmed = try #require(try await ledger.database.contacts(email: "ines.duarte@example.com").first)
        #expect(confirmed.kind == .cultural)
        #expect(confirmed.distributions.map(\.status) == ["CONFIRMED"])
    }

    @Test func noContactsInHistoryModeOrBeforeMapping20230403() async throws {
        let history = try await TemporaryLedger(mapping: "2023-04-03", mode: .history)
        try await history.ingest(lines: Self.lines)
        #expect(try await history.database.contacts().isEmpty)
        let older = try await TemporaryLedger(mapping: "2023-02-07", mode: .lifecycle)
        try await older.ingest(lines: Self.lines)
        #expect(try await older.database.contacts().isEmpty)
        _ = try await older.database.replay(RuleChoice(mapping: "2023-04-03"), dryRun: false)
        #expect(try await older.database.contacts().count == 2)
        _ = try await history.database.replay(RuleChoice(mode: .history), dryRun: false)
        #expect(try await history.database.contacts().isEmpty)
    }

    @Test func replayGivesTheSameContactsAsInlineIngest() async throws {
        let ledger = try await TemporaryLedger(mapping: "2023-04-03", mode: .lifecycle)
        try await ledger.ingest(lines: Array(Self.lines.reversed()))
        let inline = try await ledger.database.contacts()
        _ = try await ledger.database.replay(RuleChoice(), dryRun: false, eventsPerChunk: 2)
        #expect(try await ledger.database.contacts() == inline)
    }
}

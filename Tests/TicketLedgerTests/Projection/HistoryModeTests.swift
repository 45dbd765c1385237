import LedgerTestSupport
import Testing
@testable import TicketLedger

@Suite("History mode folds blockchain transactions (docs/domain.md §5)")
struct HistoryModeTests {
    static let kofi = Items.spectator("Kofi", "Mensah")
    static let ines = Items.spectator("Ines", "Duarte")

    func ledger(_ lines: [String]) async throws -> TemporaryLedger {
        let ledger = try await TemporaryLedger(mode: .history)
        try await ledger.ingest(lines: lines)
        return ledger
    }

    @Test func confirmedTransactionsMoveStatusAndHolder() async throws {
        let ledger = try await ledger([
            Items.history("H", legacy: "INJECTED", action: "INJECT", state: "CONFIRMED", at: "2026-06-20T09:00:00Z"),
            Items.history("H", legacy: "RECEIVED", action: "INJECT", state: "CONFIRMED", at: "2026-06-20T09:20:00Z", details: Self.kofi),
            Items.history("H", legacy: "TRANSFER_PENDING", action: "TRANSFER", state: "PENDING", at: "2026-06-20T11:00:00Z"),
        ])
        let pending = try await ledger.database.status(of: "H")
        #expect(pending.view.tixngoStatus == .PENDING_TRANSFER)
        #expect(pending.holder.json["individualLastname"] == .string("Mensah"))
        try await ledger.ingest(lines: [
            Items.history("H", legacy: "TRANSFERRED", action: "TRANSFER", state: "CONFIRMED", at: "2026-06-20T11:30:00Z", details: Self.ines)
        ], name: "later.jsonl")
        let done = try await ledger.database.status(of: "H")
        #expect(done.view.tixngoStatus == .TRANSFERRED)
        #expect(done.view.s360Status == .PRINTED)
        #expect(done.holder.json["individualLastname"] == .string("Duarte"))
    }

    @Test func pendingTransactionsShowInHistoryOnly() async throws {
        let ledger = try await ledger([
            Items.history("P", legacy: "INJECTED", action: "INJECT", state: "CONFIRMED", at: "2026-06-20T09:00:00Z"),
            Items.history("P", legacy: "RECEIVED", action: "INJECT", state: "PENDING", at: "2026-06-20T09:20:00Z", details: Self.kofi),
            Items.history("P", legacy: "RECEIVED", action: "INJECT", state: "REGISTRATION_PENDING", at: "2026-06-20T09:30:00Z", details: Self.kofi),
        ])
        let report = try await ledger.database.status(of: "P")
        #expect(report.view.tixngoStatus == .INJECTED)
        #expect(report.holder.json.members.isEmpty)
        let history = try ledger.database.history(of: "P")
        #expect(history.count == 3)
        #expect(history.map(\.view.tixngoStatus) == [.INJECTED, .INJECTED, .INJECTED])
    }

    @Test func failedTransferBecomesFailureTransferAndTheHolderStays() async throws {
        for state in ["KO", "FAILED", "CANCELLED"] {
            let ledger = try await ledger([
                Items.history("K", legacy: "RECEIVED", action: "INJECT", state: "CONFIRMED", at: "2026-06-20T09:20:00Z", details: Self.kofi),
                Items.history("K", legacy: "TRANSFERRED", action: "TRANSFER", state: state, at: "2026-06-20T11:30:00Z", details: Self.ines),
            ])
            let report = try await ledger.database.status(of: "K")
            #expect(report.view.tixngoStatus == .FAILURE_TRANSFER, "state \(state)")
            #expect(report.holder.json["individualLastname"] == .string("Mensah"), "state \(state)")
        }
    }

    @Test func failedNonTransferChangesNothing() async throws {
        let ledger = try await ledger([
            Items.history("F", legacy: "RECEIVED", action: "INJECT", state: "CONFIRMED", at: "2026-06-20T09:20:00Z", details: Self.kofi),
            Items.history("F", legacy: "DELETED", action: "DELETE", state: "KO", at: "2026-06-20T11:30:00Z"),
        ])
        #expect(try await ledger.database.status(of: "F").view.tixngoStatus == .ASSIGNED)
    }

    @Test func deletionAndBurnLandOnDeletion() async throws {
        let ledger = try await ledger([
            Items.history("D", legacy: "DELETION_PENDING", action: "DELETE", state: "DELETION_PENDING", at: "2026-06-20T09:00:00Z"),
        ])
        let pending = try await ledger.database.status(of: "D")
        #expect(pending.view.tixngoStatus == .DELETION_PENDING)
        #expect(pending.view.s360Status == .INVALIDATED)
        try await ledger.ingest(lines: [Items.history("D", legacy: "DELETED", action: "BURN", state: "DELETED", at: "2026-06-20T10:00:00Z")], name: "b.jsonl")
        #expect(try await ledger.database.status(of: "D").view.tixngoStatus == .DELETED)
    }

    @Test func theSampleHistoryPageProjects() async throws {
        let ledger = try await TemporaryLedger(mode: .history)
        try await ledger.ingest(file: "\(LedgerFixtures.examples)/history-page.json", organizer: "ORG-DEMO-1")
        let report = try await ledger.database.status(of: "SMP-0101")
        #expect(report.view.tixngoStatus == .TRANSFERRED)
        #expect(report.holder.json["individualFirstname"] == .string("Ines"))
    }
}

import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

@Suite("Replay under another rule set or mode")
struct ReplayTests {
    /// Five tickets; two holders whose nationality differs from their residence.
    static let lines = [
        Items.lifecycle("T1", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: Items.spectator("Kofi", "Mensah", nationality: "GH", residence: "DE")),
        Items.lifecycle("T2", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: Items.spectator("Ada", "Lovelace", nationality: "GB", residence: "GB")),
        Items.lifecycle("T3", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: Items.spectator("Ines", "Duarte", nationality: "PT", residence: "FR")),
        Items.lifecycle("T4", "INJECTED", at: "2026-06-20T09:00:00Z"),
        Items.lifecycle(
            "T5", "BT_ACTIVATED", at: "2026-06-20T09:00:00Z", details: Items.spectator("Alan", "Turing", nationality: "GB", residence: "GB"),
            extra: #""beaconName":"EAST-2","ticketDetails":{"extra":{"ExtraInfo1":"Family stand","ExtraInfo2":"Row 3"}}"#),
    ]

    @Test func nationalityFixChangesExactlyTheTicketsWhereNationalityDiffersFromResidence() async throws {
        let ledger = try await TemporaryLedger(mapping: "2022-10-07")
        try await ledger.ingest(lines: Self.lines)
        let before = try await ledger.database.tickets()
        #expect(before.first { $0.ticketId == "T1" }?.holder.json["individualCountryCode"] == .string("DE"))
        let report = try await ledger.database.replay(RuleChoice(mapping: "2023-02-07"), dryRun: false)
        let after = try await ledger.database.tickets()
        #expect(report.changedHolder == 2)
        #expect(report.changedStatus == 0)
        let changed = zip(before, after).filter { $0.holder != $1.holder }.map(\.1.ticketId)
        #expect(changed == ["T1", "T3"])
        #expect(after.first { $0.ticketId == "T1" }?.holder.json["individualCountryCode"] == .string("GH"))
        for (old, new) in zip(before, after) {
            var fields = old.holder.json.members
            fields.removeAll { $0.key == "individualCountryCode" }
            var newFields = new.holder.json.members
            newFields.removeAll { $0.key == "individualCountryCode" }
            #expect(JSONValue.object(fields) == JSONValue.object(newFields))
            #expect(old.view == new.view)
        }
        #expect(after.allSatisfy { $0.mappingVersion == "2023-02-07" })
    }

    @Test func mapping20230403AddsBeaconAndExtraInfo() async throws {
        let ledger = try await TemporaryLedger(mapping: "2023-02-07")
        try await ledger.ingest(lines: Self.lines)
        #expect(try await ledger.database.status(of: "T5").holder.json["beaconName"] == nil)
        let report = try await ledger.database.replay(RuleChoice(mapping: "2023-04-03"), dryRun: false)
        #expect(report.changedHolder == 1)
        let holder = try await ledger.database.status(of: "T5").holder.json
        #expect(holder["beaconName"] == .string("EAST-2"))
        #expect(holder["extraInfo1"] == .string("Family stand"))
        #expect(holder["extraInfo2"] == .string("Row 3"))
    }

    @Test func dryRunCountsEqualTheChangesOfTheRealReplay() async throws {
        let ledger = try await TemporaryLedger(mapping: "2022-10-07", mode: .history)
        try await ledger.ingest(lines: Self.lines + [
            // Both shapes in one item: history mode waits for the transaction, lifecycle mode takes the status.
            Items.lifecycle("H1", "INJECTED", at: "2026-06-20T09:00:00Z"),
            Items.lifecycle(
                "H1", "CONTROLLED", at: "2026-06-20T10:00:00Z",
                extra: #""legacyStatus":"CONTROLLED","action":"INJECT","state":"PENDING""#),
        ])
        let before = try await ledger.database.tickets()
        let dry = try await ledger.database.replay(RuleChoice(mapping: "2023-02-07", mode: .lifecycle), dryRun: true)
        #expect(try await ledger.database.tickets() == before)
        #expect(try await ledger.database.liveProjection().rules.version == "2022-10-07")
        let real = try await ledger.database.replay(RuleChoice(mapping: "2023-02-07", mode: .lifecycle), dryRun: false)
        let after = try await ledger.database.tickets()
        let statusChanges = zip(before, after).filter { $0.view.s360Status != $1.view.s360Status }.count
        let holderChanges = zip(before, after).filter { $0.holder != $1.holder }.count
        #expect(dry.changedStatus == statusChanges)
        #expect(dry.changedHolder == holderChanges)
        #expect(real.changedStatus == dry.changedStatus && real.changedHolder == dry.changedHolder)
        #expect(dry.transitions == real.transitions)
        #expect(statusChanges == 1)
        #expect(dry.transitions == [.init(from: .PRINTED, to: .CONTROLLED, count: 1)])
    }

    @Test func replayTwiceUnderTheSameRulesChangesNothing() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        let before = try await ledger.database.tickets()
        let first = try await ledger.database.replay(RuleChoice(), dryRun: false)
        let second = try await ledger.database.replay(RuleChoice(), dryRun: false)
        #expect(first.changedStatus == 0 && first.changedHolder == 0)
        #expect(second.changedStatus == 0 && second.changedHolder == 0)
        #expect(try await ledger.database.tickets() == before)
    }

    @Test func interruptedReplayLeavesTheOldProjectionInPlace() async throws {
        let ledger = try await TemporaryLedger(mapping: "2022-10-07")
        try await ledger.ingest(lines: Self.lines)
        let before = try await ledger.database.tickets()
        let database = ledger.database
        let replay = Task {
            try await database.replay(RuleChoice(mapping: "2023-02-07"), dryRun: false, progress: { done, _ in
                if done >= 2 { withUnsafeCurrentTask { $0?.cancel() } }
            }, eventsPerChunk: 2)
        }
        await #expect(throws: CancellationError.self) { try await replay.value }
        #expect(try await ledger.database.tickets() == before)
        #expect(try await ledger.database.liveProjection().rules.version == "2022-10-07")
        let next = try await ledger.database.replay(RuleChoice(mapping: "2023-02-07"), dryRun: false)
        #expect(next.changedHolder == 2)
        #expect(next.tickets == 5)
    }

    @Test func inlineProjectionEqualsAReplayFromScratch() async throws {
        let ledger = try await TemporaryLedger()
        for (index, lines) in InlineEqualsRebuildTests.randomFiles(seed: 42).enumerated() {
            try await ledger.ingest(lines: lines, name: "f\(index).jsonl")
        }
        let inline = try await ledger.database.tickets()
        let report = try await ledger.database.replay(RuleChoice(), dryRun: false, eventsPerChunk: 7)
        #expect(report.changedStatus == 0 && report.changedHolder == 0)
        #expect(try await ledger.database.tickets() == inline)
    }
}

import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

@Suite("The projection remembers its rule set and warns when its source changed")
struct RuleSetWarningTests {
    @Test func editingTheMappingFileRaisesAWarningUntilReplay() async throws {
        let directory = try TemporaryDirectory()
        let bundled = try MappingRuleSet.bundledText("2023-02-07")
        let path = try directory.write("ours.csv", bundled)
        let ledger = try await TemporaryLedger(mapping: path)
        try await ledger.ingest(lines: [Items.lifecycle("T", "CONTROLLED", at: "2026-06-20T09:00:00Z")])
        #expect(try await ledger.database.ruleSetWarning() == nil)

        try directory.write("ours.csv", "# a comment an operator added\n" + bundled)
        #expect(try await ledger.database.ruleSetWarning() == nil)

        try directory.write("ours.csv", bundled.replacingOccurrences(of: "CONTROLLED,CONTROL,CONTROLLED", with: "CONTROLLED,CONTROL,PRINTED"))
        let warning = try #require(try await ledger.database.ruleSetWarning())
        #expect(warning.contains(path) && warning.contains("replay"))
        // Inline updates keep using the stored rules until the replay.
        #expect(try await ledger.database.status(of: "T").view.s360Status == .CONTROLLED)
        _ = try await ledger.database.replay(RuleChoice(mapping: path), dryRun: false)
        #expect(try await ledger.database.ruleSetWarning() == nil)
        #expect(try await ledger.database.status(of: "T").view.s360Status == .PRINTED)
    }
}

import Foundation
import Testing
@testable import TicketLedger

@Suite struct ValidMappingFileReadsAsWritten {
    @Test func fixtureLoadsWithQuotedAndPaddedFields() throws {
        let rules = try MappingRuleSet.load(from: MappingFixture.validURL())
        #expect(rules.version == "test-1")
        #expect(rules.document == "Test mapping, \"valid\" copy.xlsx")
        #expect(rules.culturalContacts)
        #expect(rules.ticketFields == TicketFields(beaconName: false, extraInfo: true))
        #expect(rules.statuses[.DEACTIVATED] == StatusRule(family: .ACTIVATION, s360Status: .PRINTED, anomaly: false))
        #expect(rules.holderFields == [
            HolderField(s360Field: "email", path: ["email"]),
            HolderField(s360Field: "individualLastname", path: ["lastName"]),
            HolderField(s360Field: "CNIL_O", path: ["organizerSpectatorPreference", "allowPromoEmail"]),
        ])
    }

    @Test func anExactHistoryRowWinsOverTheStarRow() throws {
        let rules = try MappingRuleSet.load(from: MappingFixture.validURL())
        #expect(rules.historyRule(for: .RECEIVED, action: .TRANSFER)?.applied == .TRANSFERRED)
        #expect(rules.historyRule(for: .RECEIVED, action: .INJECT)?.applied == .DOWNLOADED)
        #expect(rules.historyRule(for: .RECEIVED, action: .BURN)?.appliedWithDetails == .ASSIGNED)
        #expect(rules.history.count == 10)
    }

    @Test func exactRowsForAllFourActionsStandInForTheStarRow() throws {
        let text = MappingFixture.replacing("CONTROLLED,*,CONTROLLED,CONTROLLED,,", with: [
            "CONTROLLED,INJECT,CONTROLLED,CONTROLLED,,", "CONTROLLED,TRANSFER,CONTROLLED,CONTROLLED,,",
            "CONTROLLED,DELETE,CONTROLLED,CONTROLLED,,", "CONTROLLED,BURN,CONTROLLED,CONTROLLED,,",
        ], in: try MappingFixture.validText())
        let rules = try MappingRuleSet.parse(text, file: "m.csv")
        #expect(rules.historyRule(for: .CONTROLLED, action: .DELETE)?.applied == .CONTROLLED)
    }

    @Test func windowsLineEndingsReadTheSame() throws {
        let text = try MappingFixture.validText()
        let crlf = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(try MappingRuleSet.parse(crlf, file: "m.csv") == MappingRuleSet.parse(text, file: "m.csv"))
    }
}

@Suite struct ContentHashIgnoresCommentsButNotRows {
    @Test func commentBlankAndIndentEditsKeepTheHash() throws {
        let text = try MappingFixture.validText()
        let edited = MappingFixture.replacing("[status]", with: ["", "# statuses, reviewed", "  [status]  "], in: text)
            .replacingOccurrences(of: "# A complete", with: "# An edited")
        #expect(edited != text)
        let original = try MappingRuleSet.parse(text, file: "m.csv").contentHash
        #expect(try MappingRuleSet.parse(edited, file: "m.csv").contentHash == original)
        #expect(original.count == 64 && original.allSatisfy(\.isHexDigit))
    }

    @Test func rowOrderIsNotPartOfTheIdentityButHolderOrderIs() throws {
        let text = try MappingFixture.validText()
        let swapped = MappingFixture.replacing("KO,FAILED", with: [], in: text)
            .replacingOccurrences(of: "state,outcome\n", with: "state,outcome\nKO,FAILED\n")
        try #require(swapped != text)
        #expect(try MappingRuleSet.parse(swapped, file: "m.csv").contentHash == MappingRuleSet.parse(text, file: "m.csv").contentHash)
        let holder = try MappingRuleSet.parse(text, file: "m.csv").tables.last?.rows ?? []
        try #require(holder.count >= 2)
        let reordered = MappingFixture.replacing(holder[0].joined(separator: ","), with: [], in: text)
            .replacingOccurrences(of: holder[1].joined(separator: ","), with: holder[1].joined(separator: ",") + "\n" + holder[0].joined(separator: ","))
        #expect(try MappingRuleSet.parse(reordered, file: "m.csv").contentHash != MappingRuleSet.parse(text, file: "m.csv").contentHash)
    }

    @Test func aRowEditChangesTheHash() throws {
        let text = try MappingFixture.validText()
        let edited = MappingFixture.replacing("email,email", with: ["email,firstName"], in: text)
        #expect(try MappingRuleSet.parse(edited, file: "m.csv").contentHash
            != MappingRuleSet.parse(text, file: "m.csv").contentHash)
    }

    @Test func theBundledVersionsHaveDistinctHashes() throws {
        let hashes = try MappingRuleSet.bundledVersions.map { try MappingRuleSet.bundled($0).contentHash }
        #expect(Set(hashes).count == 3)
    }
}

@Suite struct ResolveTakesAVersionOrAPath {
    @Test func aBundledVersionResolves() throws {
        #expect(try MappingRuleSet.resolve("2022-10-07") == MappingRuleSet.bundled("2022-10-07"))
    }

    @Test func aPathResolves() throws {
        let url = try MappingFixture.validURL()
        #expect(try MappingRuleSet.resolve(url.path).version == "test-1")
    }

    @Test func anUnknownNameIsRefusedListingTheVersions() {
        let error = #expect(throws: MappingError.self) { try MappingRuleSet.resolve("2024-01-01") }
        #expect(error?.file == "2024-01-01")
        #expect(error?.line == nil)
        #expect(error?.reason.contains("2022-10-07, 2023-02-07, 2023-04-03") == true)
    }

    @Test func anUnknownBundledVersionIsRefusedListingTheVersions() {
        let error = #expect(throws: MappingError.self) { try MappingRuleSet.bundled("2024-01-01") }
        #expect(error?.reason.contains("2022-10-07, 2023-02-07, 2023-04-03") == true)
    }

    @Test func anUnreadableFileIsRefusedWithoutALine() throws {
        let missing = try MappingFixture.validURL().deletingLastPathComponent().appendingPathComponent("missing.csv")
        let error = #expect(throws: MappingError.self) { try MappingRuleSet.load(from: missing) }
        #expect(error?.file == missing.path)
        #expect(error?.line == nil)
    }
}

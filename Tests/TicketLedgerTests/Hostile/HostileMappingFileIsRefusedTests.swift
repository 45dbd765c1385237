import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// A hostile mapping file and how the loader must refuse it.
struct RefusedMapping: Sendable, CustomTestStringConvertible {
    var testDescription: String
    /// A corpus file (`mappings/…`), or the valid fixture with `edit` applied, written at test time.
    var file: String?
    var edit: FixtureEdit?
    /// The line the error must name (nil: the fault is the whole file).
    var line: Int?
    var reason: String

    static func file(_ name: String, line: Int?, _ reason: String) -> RefusedMapping {
        RefusedMapping(testDescription: name, file: "mappings/\(name)", edit: nil, line: line, reason: reason)
    }

    static func edit(_ name: String, _ edit: FixtureEdit, line: Int?, _ reason: String) -> RefusedMapping {
        RefusedMapping(testDescription: name, file: nil, edit: edit, line: line, reason: reason)
    }
}

@Suite struct HostileMappingFileIsRefusedWithFileLineAndReason {
    static let refusals: [RefusedMapping] = [
        // The file's shape.
        .file("row-before-section.csv", line: 2, "row before any [section]"),
        .file("header-without-bracket.csv", line: 1, "section header [ruleset lacks its closing ]"),
        .file("unknown-section.csv", line: 9, "unknown section [statuses]; known sections: [deletionReason], [history]"),
        .file("section-twice.csv", line: 9, "section [ruleset] appears twice; first on line 1"),
        .file("no-column-header.csv", line: 1, "section [ruleset] has no column header line"),
        .file("wrong-column-header.csv", line: 2, "section [ruleset] needs the columns key,value, found key,val"),
        .file("wrong-field-count.csv", line: 3, "expected 2 fields (key,value), found 3"),
        .file("unterminated-quote.csv", line: 3, "unterminated quote"),
        .file("stray-quote.csv", line: 3, #"stray quote in unquoted field host"ile.xlsx"#),
        .file("text-after-quote.csv", line: 3, "unexpected . after a closing quote"),
        .file("missing-section.csv", line: nil, "missing section [ruleset]"),
        .file("empty.csv", line: nil, "missing section [ruleset]"),
        // [ruleset]
        .file("unknown-ruleset-key.csv", line: 4, "unknown ruleset key author; known keys: version, document"),
        .file("ruleset-key-twice.csv", line: 4, "ruleset key version mapped twice; first on line 3"),
        .file("ruleset-empty-value.csv", line: 3, "ruleset key version has an empty value"),
        .file("ruleset-key-missing.csv", line: 1, "ruleset key culturalContacts is missing"),
        .file("ruleset-flag-not-boolean.csv", line: 5, "culturalContacts must be true or false, found yes"),
        // [status]
        .file("unknown-status.csv", line: 12, "\"ACTIVE\" is not a TIXnGO status"),
        .file("status-twice.csv", line: 12, "TIXnGO status INJECTED mapped twice; first on line 11"),
        .file("unknown-family.csv", line: 12, "\"DELIVERY\" is not a status family"),
        .file("unknown-s360-status.csv", line: 12, "\"ISSUED\" is not an S-360 status"),
        .file("anomaly-not-boolean.csv", line: 12, "anomaly must be true or false, found 0"),
        .file("statuses-unmapped.csv", line: 9, "TIXnGO statuses left unmapped in [status]: DOWNLOADED, ASSIGNED"),
        // [deletionReason], [history], [transactionState], [holder]: the valid fixture with one line changed.
        .edit("unknown deletion reason", .replace("CANCELLED,CANCELLED", with: "REFUNDED,CANCELLED"), line: 34,
              "\"REFUNDED\" is not a deletion reason"),
        .edit("deletion reason twice", .replace("INVALIDATED,INVALIDATED", with: "CANCELLED,INVALIDATED"), line: 35,
              "deletion reason CANCELLED mapped twice; first on line 34"),
        .edit("no row for a missing deletion reason", .delete(",INVALIDATED"), line: 32,
              "no row for the empty deletion reason"),
        .edit("deletion reason unmapped", .delete("INVALIDATED,INVALIDATED"), line: 32,
              "deletion reasons left unmapped in [deletionReason]: INVALIDATED"),
        .edit("unknown legacy status", .replace("ACTIVATED,*,ACTIVATED,ACTIVATED,,", with: "ACTIVE,*,ACTIVATED,ACTIVATED,,"),
              line: 43, "\"ACTIVE\" is not a legacy status"),
        .edit("unknown action", .replace("RECEIVED,TRANSFER,TRANSFERRED,TRANSFERRED,,FAILURE_TRANSFER",
                                         with: "RECEIVED,GIFT,TRANSFERRED,TRANSFERRED,,FAILURE_TRANSFER"),
              line: 42, "\"GIFT\" is not an action"),
        .edit("history row twice", .replace("DELETED,BURN,DELETED,DELETED,,", with: "DELETED,*,DELETED,DELETED,,"), line: 49,
              "history row DELETED,* mapped twice; first on line 48"),
        .edit("legacy status without a star row", .delete("CONTROLLED,*,CONTROLLED,CONTROLLED,,"), line: 38,
              "legacy statuses without a * row: CONTROLLED"),
        .edit("unknown transaction state", .replace("KO,FAILED", with: "OK,FAILED"), line: 58, "\"OK\" is not a transaction state"),
        .edit("transaction state twice", .replace("KO,FAILED", with: "FAILED,FAILED"), line: 59,
              "transaction state FAILED mapped twice; first on line 58"),
        .edit("unknown outcome", .replace("KO,FAILED", with: "KO,FAIL"), line: 58, "\"FAIL\" is not an outcome"),
        .edit("transaction state unmapped", .delete("KO,FAILED"), line: 51,
              "transaction states left unmapped in [transactionState]: KO"),
        .edit("unknown S-360 field", .replace("email,email", with: "mail,email"), line: 64, "\"mail\" is not an S-360 holder field"),
        .edit("unknown spectatorDetails path", .replace("email,email", with: "email,contact.email"), line: 64,
              "\"contact.email\" is not a spectatorDetails path"),
        .edit("S-360 field twice", .replace("individualLastname,lastName", with: "email,lastName"), line: 65,
              "S-360 field email mapped twice; first on line 64"),
        .edit("section missing", .removeSection("holder"), line: nil, "missing section [holder]"),
        // Bytes and characters.
        .file("invalid-utf8.csv", line: 11, "not UTF-8 text"),
        .file("binary-garbage.bin", line: 1, "not UTF-8 text"),
        .file("nul-byte.csv", line: 9, "section header [status]<U+0000> lacks its closing ]"),
        .file("escape-sequence.csv", line: 12, "\"DOWN<U+001B>[2JLOADED\" is not a TIXnGO status"),
        .file("vertical-tab.csv", line: 12, "\"INITIAL<U+000B>DELIVERY\" is not a status family"),
        .file("line-separator.csv", line: 11, "anomaly must be true or false, found false<U+2028>"),
        .file("crlf-error.csv", line: 12, "anomaly must be true or false, found maybe"),
        .file("cr-only-error.csv", line: 12, "anomaly must be true or false, found maybe"),
    ]

    @Test(arguments: refusals)
    func refusedNamingFileLineAndReason(_ expected: RefusedMapping) throws {
        let path: String
        if let file = expected.file {
            path = try Hostile.fixture(file)
        } else {
            let edit = try #require(expected.edit)
            path = try TemporaryDirectory().write("edited.csv", edit.apply(try MappingFixture.validText()))
        }
        #expect {
            try MappingRuleSet.load(from: URL(fileURLWithPath: path))
        } throws: { error in
            guard let error = error as? MappingError else { return false }
            #expect(error.file == path)
            #expect(error.line == expected.line)
            #expect(error.reason.contains(expected.reason), "\(error.reason)")
            let place = expected.line.map { "mapping file \(path) line \($0): " } ?? "mapping file \(path): "
            #expect(error.description.hasPrefix(error.problems.count == 1 ? place : "mapping file \(path): \(error.problems.count) problems\n"))
            // One line a problem: each printable and short, whatever the file held.
            #expect(error.description.split(separator: "\n").allSatisfy { Hostile.isPrintable(String($0)) && $0.count <= 400 + path.count + 30 },
                    "\(error.description.debugDescription)")
            return true
        }
    }

    @Test func aByteOrderMarkAndCRLFLineEndingsReadTheSameRules() throws {
        let plain = try MappingRuleSet.load(from: MappingFixture.validURL())
        let windows = try MappingRuleSet.load(from: URL(fileURLWithPath: try Hostile.fixture("mappings/bom-crlf.csv")))
        #expect(windows == plain)
    }

    @Test func aMegabyteValueIsRefusedWithAShortMessage() throws {
        let text = MappingFixture.replacing(
            "DOWNLOADED,INITIAL_DELIVERY,PRINTED,false",
            with: [String(repeating: "X", count: 1 << 20) + ",INITIAL_DELIVERY,PRINTED,false"], in: try MappingFixture.validText())
        #expect {
            try MappingRuleSet.parse(text, file: "big.csv")
        } throws: { error in
            let error = error as? MappingError
            return error?.line == 13 && error?.reason.hasPrefix("\"" + String(repeating: "X", count: 60) + "…\" is not a TIXnGO status") == true
                && error?.problems.count == 1
        }
    }

    @Test func anErrorAfterAHundredThousandLinesNamesItsLine() throws {
        let padding = Array(repeating: "# padding", count: 100_000)
        let text = MappingFixture.replacing(
            "DOWNLOADED,INITIAL_DELIVERY,PRINTED,false", with: padding + ["DOWNLOADED,INITIAL_DELIVERY,PRINTED,maybe"],
            in: try MappingFixture.validText())
        #expect(throws: MappingError(file: "long.csv", line: 100_013, reason: "anomaly must be true or false, found maybe")) {
            try MappingRuleSet.parse(text, file: "long.csv")
        }
    }
}

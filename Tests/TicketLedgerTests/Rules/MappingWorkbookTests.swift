import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// A workbook fixture written by a spreadsheet program (Scripts/make-mapping-workbooks.py).
enum WorkbookFixture {
    static func path(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/workbooks")).path
    }

    /// The one problem `name` is refused with.
    static func refusal(_ name: String) throws -> MappingError.Problem? {
        do {
            _ = try MappingRuleSet.load(from: URL(fileURLWithPath: try path(name)))
            return nil
        } catch let error as MappingError {
            #expect(error.problems.count == 1, "\(error)")
            return error.problems.first
        }
    }
}

@Suite("Workbooks saved by spreadsheet programs read as the rules they show")
struct WorkbooksFromSpreadsheetProgramsTests {
    @Test(arguments: ["openpyxl-2023-02-07.xlsx", "libreoffice-2023-02-07.xlsx"])
    func aWorkbookTypedAsPeopleTypeReadsAsTheBundledVersion(_ name: String) throws {
        let document = try MappingRuleSet.document(try WorkbookFixture.path(name))
        let bundled = try MappingRuleSet.bundled("2023-02-07")
        #expect(document.rules == bundled)
        #expect(document.rules.contentHash == bundled.contentHash)
        #expect(document.rules.changes(to: bundled).isEmpty)
        #expect(document.ignoredSheets == [name.hasPrefix("openpyxl") ? "notes" : "changelog"])
    }

    @Test func eachProblemIsNamedBySheetAndCellInReadingOrder() throws {
        #expect {
            try MappingRuleSet.load(from: URL(fileURLWithPath: try WorkbookFixture.path("openpyxl-problems.xlsx")))
        } throws: { error in
            let problems = (error as? MappingError)?.problems ?? []
            guard problems.count == 5 else { return false }
            #expect(problems.map { $0.place.map(String.init(describing:)) } == ["ruleset!B4", "status!C7", "status!F9", "history!B3", "holder!A4"])
            #expect(problems[1].reason == "\"PRINTD\" is not an S-360 status (NOT_PRINTED, PRINTED, CONTROLLED, INVALIDATED, CANCELLED)")
            #expect(problems[3].reason.contains("\" INJECT\" has spaces at its start or end"))
            #expect(problems[0].reason == "culturalContacts must be true or false, found maybe")
            #expect(problems[2].reason.hasPrefix("a value outside the columns tixngoStatus | family | s360Status | anomaly"))
            #expect(problems[4].reason.hasPrefix("\"individualShoeSize\" is not an S-360 holder field"))
            return problems.count == 5
        }
    }

    @Test func moreProblemsThanTheLimitAreCountedNotListed() throws {
        var rules = try MappingRuleSet.bundled("2023-02-07").tables
        let status = try #require(rules.firstIndex { $0.name == "status" })
        rules[status].rows = rules[status].rows.map { [$0[0], $0[1], "PRINTD", $0[3]] } + Array(repeating: ["BOGUS", "X", "Y", "Z"], count: 60)
        let input = RuleInput(format: .workbook, sections: Dictionary(uniqueKeysWithValues: rules.map { table in
            (table.name, RuleInput.Section(name: table.name, place: .sheet(table.name), rows: table.rows.enumerated().map { index, row in
                RuleInput.Row(fields: row, places: row.indices.map { .cell(sheet: table.name, column: $0 + 1, row: index + 2) })
            }))
        }))
        #expect {
            try RuleSetReader.rules(from: input, file: "big.xlsx")
        } throws: { error in
            let error = error as? MappingError
            return error?.problems.count == MappingError.problemLimit && error?.unlisted == 19 + 60 - MappingError.problemLimit
                && error?.description.hasSuffix("… and \(19 + 60 - MappingError.problemLimit) more, not listed") == true
        }
    }
}

@Suite("Export writes a workbook that reads back as the same rules")
struct WorkbookExportTests {
    @Test(arguments: MappingRuleSet.bundledVersions)
    func exportThenImportGivesTheSameCanonicalRuleSet(_ version: String) throws {
        let rules = try MappingRuleSet.bundled(version)
        let directory = try TemporaryDirectory()
        let workbook = directory.path("\(version).xlsx")
        try rules.workbook().write(to: URL(fileURLWithPath: workbook))
        let document = try MappingRuleSet.document(workbook)
        #expect(document.rules.canonicalText == rules.canonicalText)
        #expect(document.ignoredSheets == ["about", "lists"])
        let csv = try directory.write("\(version).csv", rules.canonicalText)
        #expect(try MappingRuleSet.document(csv).rules.contentHash == rules.contentHash)
    }

    @Test func theSameRulesGiveTheSameBytesInEveryRun() throws {
        let rules = try MappingRuleSet.bundled("2023-04-03")
        let bytes = try rules.workbook()
        #expect(bytes == (try rules.workbook()))
        // Pinned: a change of the writer's output (or of zlib's) shows here, not in a mapping owner's diff tool.
        #expect(MappingRuleSet.hexSHA256(bytes) == Self.pinnedSHA256, "\(MappingRuleSet.hexSHA256(bytes))")
    }

    static let pinnedSHA256 = "cbe017b44b94dd870ada77b28cfda633b286b95a50f1238bf3de481afa378aec"

    @Test func aWorkbookWithOneCellChangedReadsAsThatChange() throws {
        var rules = try MappingRuleSet.bundled("2022-10-07")
        let index = try #require(rules.holderFields.firstIndex { $0.s360Field == "individualCountryCode" })
        rules.holderFields[index].path = ["nationality"]
        let directory = try TemporaryDirectory()
        let workbook = directory.path("new.xlsx")
        try rules.workbook().write(to: URL(fileURLWithPath: workbook))
        let changes = try MappingRuleSet.bundled("2022-10-07").changes(to: MappingRuleSet.resolve(workbook))
        #expect(changes.map(\.description) == ["holder individualCountryCode: residenceCountry → nationality"])
    }
}

@Suite("Comparing rule sets names each change by section, key and field")
struct RuleSetDiffTests {
    @Test func theNationalityFixIsOneHolderChangeBesideTheNames() throws {
        let changes = try MappingRuleSet.bundled("2022-10-07").changes(to: MappingRuleSet.bundled("2023-02-07"))
        #expect(changes.map(\.description) == [
            "ruleset version: 2022-10-07 → 2023-02-07",
            "ruleset document: S360-TNG_Mapping_20221007.xlsx → S360-TNG_Mapping_20230207.xlsx",
            "holder individualCountryCode: residenceCountry → nationality",
        ])
        #expect(changes[2] == RuleChange(section: "holder", key: "individualCountryCode", field: "spectatorDetails",
                                         from: "residenceCountry", to: "nationality"))
    }

    @Test func aFlagAStatusAndAnAddedRowAreEachNamed() throws {
        var rules = try MappingRuleSet.bundled("2023-02-07")
        rules.ticketFields.beaconName = true
        rules.statuses[.DEFAULT]?.anomaly = false
        rules.history[HistoryKey(legacyStatus: .RECEIVED, action: .BURN)] = HistoryRule(
            applied: .DELETED, appliedWithDetails: .DELETED, pending: nil, failed: nil)
        let changes = try MappingRuleSet.bundled("2023-02-07").changes(to: rules).map(\.description)
        #expect(changes.contains("ruleset beaconName: false → true"))
        #expect(changes.contains("status DEFAULT anomaly: true → false"))
        #expect(changes.contains("history RECEIVED BURN applied: (no row) → DELETED"))
        #expect(changes.count == 3 + 3, "the added row's other columns: appliedWithDetails, pending, failed")
        #expect(try MappingRuleSet.bundled("2023-02-07").changes(to: MappingRuleSet.bundled("2023-02-07")).isEmpty)
    }

    @Test func reorderingTheHolderFieldsIsAChange() throws {
        var rules = try MappingRuleSet.bundled("2023-02-07")
        rules.holderFields.swapAt(0, 1)
        let changes = try MappingRuleSet.bundled("2023-02-07").changes(to: rules)
        #expect(changes.count == 1 && changes[0].key == "(order)")
    }
}

@Suite("What is not a workbook, or is hostile, is refused in one sentence")
struct WorkbookRefusalTests {
    static let refusals: [(String, String)] = [
        ("libreoffice.xls", "an Excel 97–2003 workbook (.xls, a binary format): save it as .xlsx"),
        ("libreoffice.ods", "an OpenDocument spreadsheet (.ods), not an .xlsx workbook: save it as .xlsx"),
        ("csv-renamed.xlsx", "text (a CSV file named .xlsx?), not an .xlsx workbook: save it as .xlsx"),
        ("password.xlsx", "password-protected (encrypted), so it cannot be read: remove the password and save it as .xlsx"),
        ("truncated.xlsx", "zip directory is missing or damaged (a truncated copy?): save it as .xlsx again"),
        ("zip-bomb.xlsx", "part xl/worksheets/sheet1.xml unpacks to more than 16 MiB"),
        ("entity-expansion.xlsx", "declares a DTD or an entity (<!DOCTYPE), which no workbook needs: refused unread"),
        ("deep-nesting.xlsx", "nests elements more than 48 deep"),
        ("million-rows.xlsx", "more than 65536 rows"),
        ("overlapping-entries.xlsx", "its entries overlap, which no spreadsheet program writes"),
        ("fuzz-deflate-ends-early.xlsx", "entry xl/worksheets/sheet1.xml is damaged (its compressed data ends early or is corrupt)"),
        ("openpyxl-formula-without-value.xlsx", "a formula without a computed value"),
        ("openpyxl-merged.xlsx", "cells A3:B3 are merged"),
        ("openpyxl-wrong-header.xlsx", "row 1 must be the header deletionReason | s360Status; found \"deletionReason\" | \"S360 status\""),
    ]

    @Test(arguments: refusals) func refusedNamingWhatItIs(_ name: String, _ reason: String) throws {
        let problem = try #require(try WorkbookFixture.refusal(name))
        #expect(problem.reason.contains(reason), "\(problem)")
    }

    @Test func theCellOrSheetOfAShapeProblemIsNamed() throws {
        #expect(try WorkbookFixture.refusal("openpyxl-formula-without-value.xlsx")?.place == .cell(sheet: "ruleset", column: 2, row: 3))
        #expect(try WorkbookFixture.refusal("openpyxl-merged.xlsx")?.place == .sheet("transactionState"))
        #expect(try WorkbookFixture.refusal("million-rows.xlsx")?.place == .sheet("status"))
    }

    @Test func aWorkbookNamedCSVIsStillReadAsAWorkbook() throws {
        let directory = try TemporaryDirectory()
        let renamed = directory.path("mapping.csv")
        try FileManager.default.copyItem(atPath: try WorkbookFixture.path("openpyxl-2023-02-07.xlsx"), toPath: renamed)
        #expect(try MappingRuleSet.resolve(renamed) == MappingRuleSet.bundled("2023-02-07"))
    }
}

@Suite("Cells read as the text a spreadsheet shows")
struct CellTextTests {
    @Test func dateSerialsInBothCalendars() {
        #expect(CellText.date("44964", dates1904: false) == "2023-02-07")
        #expect(CellText.date("43502", dates1904: true) == "2023-02-07")
        #expect(CellText.date("1", dates1904: false) == "1900-01-01")
        #expect(CellText.date("61", dates1904: false) == "1900-03-01")
        #expect(CellText.date("44964.75", dates1904: false) == "2023-02-07 18:00:00")
        #expect(CellText.date("-1", dates1904: false) == nil)
    }

    @Test func numbersAsTyped() {
        #expect(CellText.number("7") == "7")
        #expect(CellText.number("7.0") == "7")
        #expect(CellText.number("2.5") == "2.5")
        #expect(CellText.number("1E-3") == "0.001")
        #expect(CellText.number("abc") == nil)
    }

    @Test func dateFormatsAreToldFromNumberFormats() {
        #expect(CellText.isDateFormat(id: 14, code: nil))
        #expect(CellText.isDateFormat(id: 165, code: #"yyyy\-mm\-dd"#))
        #expect(!CellText.isDateFormat(id: 164, code: "General"))
        #expect(!CellText.isDateFormat(id: 166, code: #"0.00" days""#))
        #expect(!CellText.isDateFormat(id: 167, code: "[Red]0.00"))
        #expect(CellText.literalSections(#""TRUE";"TRUE";"FALSE""#) == ["TRUE", "TRUE", "FALSE"])
        #expect(CellText.literalSections("0.00") == nil)
    }

    @Test func cellReferences() {
        #expect(SheetReader.cellReference("C7")! == (3, 7))
        #expect(SheetReader.cellReference("AA10")! == (27, 10))
        #expect(SheetReader.cellReference("XFE1") == nil)
        #expect(SheetReader.cellReference("A0") == nil)
        #expect(MappingPlace.columnName(28) == "AB")
    }
}

@Suite("Migration 0010 gives stored rule sets their canonical identity")
struct RuleSetIdentityMigrationTests {
    @Test func theOlderLedgersRuleSetsAreRehashedByTheirRules() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.sqlite")
        let fixture = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/ledgers/schema-0005.ledger"))
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let query = "SELECT content_hash, body FROM rule_sets"
        let old = try DatabaseQueue(path: path)
        let stored = try await old.read { db in try Row.fetchAll(db, sql: query).map { ($0[0] as String, $0[1] as String) } }
        try #require(!stored.isEmpty)
        #expect(try stored.allSatisfy { hash, body in try MappingRuleSet.parse(body, file: "stored").contentHash != hash },
                "the fixture's hashes are the older spelling-based ones")
        // A second row holding the live rules in another spelling (two rows swapped: an older hash of its own),
        // with a retired generation and a projection row on it: the migration makes the two rows one.
        let spelled = try await old.write { db -> Int64 in
            let live = try Row.fetchOne(db, sql: "SELECT r.id, r.body FROM rule_sets r JOIN projections p ON p.rule_set_id = r.id WHERE p.state = 'live'")!
            var lines = (live["body"] as String).components(separatedBy: "\n")
            let rows = lines.indices.filter { lines[$0].hasPrefix("DOWNLOADED,") || lines[$0].hasPrefix("ASSIGNED,") }
            lines.swapAt(rows[0], rows[1])
            try db.execute(sql: "INSERT INTO rule_sets (version, content_hash, source, body, loaded_at) SELECT version, 'older spelling', 'spelled.csv', ?, loaded_at FROM rule_sets WHERE id = ?",
                           arguments: [lines.joined(separator: "\n"), live["id"] as Int64])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO projections (rule_set_id, mode, state, created_at) VALUES (?, 'lifecycle', 'retired', 0)", arguments: [id])
            return id
        }
        try old.close()
        let ledger = try LedgerDatabase(path: path, logger: .test)
        let dangling = try await ledger.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM projections WHERE rule_set_id NOT IN (SELECT id FROM rule_sets)") ?? 0)
                + (try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket_states WHERE rule_set_id NOT IN (SELECT id FROM rule_sets)") ?? 0)
        }
        #expect(dangling == 0)
        #expect(try await ledger.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM rule_sets WHERE id = ?", arguments: [spelled]) } == 0)
        let rows = try await ledger.read { db in try Row.fetchAll(db, sql: query).map { ($0[0] as String, $0[1] as String) } }
        #expect(rows.count == stored.count, "the second spelling merged into the first")
        for (hash, body) in rows {
            #expect(try MappingRuleSet.parse(body, file: "stored").contentHash == hash)
        }
        let live = try await ledger.liveProjection()
        #expect(live.rules.contentHash == (try MappingRuleSet.resolve(live.ruleSource).contentHash))
        #expect(try await ledger.ruleSetWarning() == nil)
        // The migrated ledger replays under its own rules, changing nothing, and still verifies.
        let report = try await ledger.replay(RuleChoice(), dryRun: false)
        #expect(report.changedStatus == 0 && report.changedHolder == 0)
        #expect(try await ledger.verify().intact)
    }
}

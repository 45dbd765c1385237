import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// Mapping workbooks at the command line: checked, exported, compared, and replayed from.
@Suite("Mapping workbooks at the command line")
struct MappingWorkbookCommandTests {
    let directory: TemporaryDirectory
    let db: String

    /// Five tickets under 2022-10-07; T1 and T3 are held by people whose nationality differs from their residence.
    init() async throws {
        directory = try TemporaryDirectory()
        db = directory.path("ledger.sqlite")
        let spectator = { (first: String, nationality: String, residence: String) in
            Items.spectator(first, "Example", nationality: nationality, residence: residence)
        }
        let file = try directory.write("items.jsonl", [
            Items.lifecycle("T1", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: spectator("Kofi", "GH", "DE")),
            Items.lifecycle("T2", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: spectator("Ada", "GB", "GB")),
            Items.lifecycle("T3", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: spectator("Ines", "PT", "FR")),
            Items.lifecycle("T4", "INJECTED", at: "2026-06-20T09:00:00Z"),
            Items.lifecycle("T5", "ONLINE_ACTIVATED", at: "2026-06-20T09:00:00Z", details: spectator("Alan", "GB", "GB")),
        ].joined(separator: "\n"))
        let ingest = try await Self.cli(["ingest", "--organizer", "A", "--file", file, "--mapping", "2022-10-07", "--mode", "lifecycle", "--db", db])
        try #require(ingest.status == 0, "\(ingest.stderr)")
    }

    static func cli(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run("ticket-ledger", arguments)
    }

    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    /// 2022-10-07 exported, with the one cell holder!B(individualCountryCode) changed to nationality.
    func workbookWithTheNationalityCell(named name: String) throws -> String {
        var rules = try MappingRuleSet.bundled("2022-10-07")
        let index = try #require(rules.holderFields.firstIndex { $0.s360Field == "individualCountryCode" })
        rules.holderFields[index].path = ["nationality"]
        let path = directory.path(name)
        try rules.workbook().write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aDryRunFromAWorkbookReportsExactlyTheTicketsItsChangedCellChanges() async throws {
        let workbook = try workbookWithTheNationalityCell(named: "new.xlsx")
        let diff = try await Self.cli(["mappings", "diff", "2022-10-07", workbook])
        #expect(diff.status == 1)
        #expect(diff.stdout == "holder individualCountryCode: residenceCountry → nationality\n")
        let dry = try Self.json(try await Self.cli(["replay", "--mapping", workbook, "--dry-run", "--json", "--db", db]).stdout)
        #expect(dry["changedHolder"] == .number("2") && dry["changedStatus"] == .number("0"), "\(dry)")
        let before = try await Self.cli(["tickets", "--json", "--db", db])
        let replay = try await Self.cli(["replay", "--mapping", workbook, "--db", db])
        #expect(replay.status == 0, "\(replay.stderr)")
        let after = try await Self.cli(["tickets", "--json", "--db", db])
        guard case let .array(old) = try Self.json(before.stdout), case let .array(new) = try Self.json(after.stdout) else {
            Issue.record("tickets --json is not an array")
            return
        }
        let changed = zip(old, new).filter { $0 != $1 }.map { $1["ticketId"] }
        #expect(changed == [.string("T1"), .string("T3")])
        // The workbook is the projection's source: editing it afterwards raises the stale warning.
        #expect(try await Self.cli(["summary", "--db", db]).stderr.isEmpty)
        var edited = try MappingRuleSet.resolve(workbook)
        edited.ticketFields.beaconName = true
        try FileManager.default.removeItem(atPath: workbook)
        try edited.workbook().write(to: URL(fileURLWithPath: workbook))
        let stale = try await Self.cli(["summary", "--db", db])
        #expect(stale.stderr.contains("mapping \(workbook) has changed since the projection was built with it"), "\(stale.stderr)")
    }

    @Test func aNewLedgerTakesAWorkbookAndStoresItsCanonicalText() async throws {
        let workbook = try workbookWithTheNationalityCell(named: "first.xlsx")
        let file = try directory.write("one.jsonl", Items.lifecycle("T9", "INJECTED", at: "2026-06-20T09:00:00Z"))
        let fresh = directory.path("fresh.sqlite")
        let ingest = try await Self.cli(["ingest", "--organizer", "B", "--file", file, "--mapping", workbook, "--db", fresh])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let ledger = try LedgerDatabase(readingAt: fresh, logger: .test)
        let live = try await ledger.liveProjection()
        #expect(live.ruleSource == workbook)
        #expect(live.rules == (try MappingRuleSet.resolve(workbook)))
    }

    @Test func checkListsEveryProblemAndExportRefusesToReplaceAFile() async throws {
        let problems = try await Self.cli(["mappings", "--check", "\(LedgerFixtures.packageRoot)/Tests/TicketLedgerTests/Fixtures/workbooks/openpyxl-problems.xlsx", "--json"])
        #expect(problems.status == 1)
        let document = try Self.json(problems.stdout)
        #expect(document["valid"] == .bool(false))
        guard case let .array(listed)? = document["problems"] else { Issue.record("no problems list"); return }
        #expect(listed.map { $0["cell"] } == ["B4", "C7", "F9", "B3", "A4"].map(JSONValue.string))
        let out = directory.path("out.xlsx")
        #expect(try await Self.cli(["mappings", "export", "2023-02-07", "--xlsx", out]).status == 0)
        let again = try await Self.cli(["mappings", "export", "2023-02-07", "--xlsx", out])
        #expect(again.status == 1 && again.stderr.contains("it exists"))
        #expect(try await Self.cli(["mappings", "export", "2023-02-07"]).status == 64)
        #expect(try await Self.cli(["mappings", "diff", "2023-02-07", directory.path("missing.xlsx")]).status == 66)
        let bad = try await Self.cli(["mappings", "diff", "2023-02-07", "\(LedgerFixtures.packageRoot)/Tests/TicketLedgerTests/Fixtures/workbooks/libreoffice.xls"])
        #expect(bad.status == 64 && bad.stderr.contains("save it as .xlsx"))
        #expect(try await Self.cli(["mappings", "diff", "2023-02-07", out]).status == 0)
    }

    /// openpyxl, a second reader, finds every rule and every drop-down of each exported bundled version.
    @Test(arguments: MappingRuleSet.bundledVersions)
    func openpyxlReadsBackEveryRuleAndDropDown(_ version: String) async throws {
        let python = "/usr/bin/python3"
        let probe = try await ChildProcess.run(program: python, ["-c", "import openpyxl"])
        try #require(probe.status == 0, "needs Debian's python3-openpyxl (.ci/run and Scripts/test.sh install it)")
        let out = directory.path("\(version).xlsx")
        #expect(try await Self.cli(["mappings", "export", version, "--xlsx", out]).status == 0)
        let read = try await ChildProcess.run(program: python, ["\(LedgerFixtures.packageRoot)/Scripts/read_workbook.py", out])
        try #require(read.status == 0, "\(read.stderr)")
        let workbook = try Self.json(read.stdout)
        let rules = try MappingRuleSet.bundled(version)
        #expect(workbook["sheets"] == .array((["about"] + rules.tables.map(\.name) + ["lists"]).map(JSONValue.string)))
        let vocabulary: [String: [String]] = [
            "tixngoStatus": TIXnGOStatus.allCases.map(\.rawValue), "family": StatusFamily.allCases.map(\.rawValue),
            "s360Status": S360Status.allCases.map(\.rawValue), "anomaly": ["TRUE", "FALSE"],
            "deletionReason": DeletionReason.allCases.map(\.rawValue), "legacyStatus": LegacyStatus.allCases.map(\.rawValue),
            "action": ["*"] + TransactionAction.allCases.map(\.rawValue), "state": TransactionState.allCases.map(\.rawValue),
            "outcome": ["APPLIED", "PENDING", "FAILED"], "s360Field": S360Fields.holderFields.sorted(),
            "spectatorDetails": S360Fields.dottedSpectatorPaths, "key": RuleSetReader.headerKeys,
        ]
        for table in rules.tables {
            let sheet = try #require(workbook[table.name])
            let expected = [table.columns] + table.rows
            #expect(sheet["rows"] == .array(expected.map { .array($0.map(JSONValue.string)) }), "sheet \(table.name)")
            #expect(sheet["boldHeader"] == .bool(true) && sheet["frozen"] == .string("A2"))
            guard case let .array(validations)? = sheet["validations"] else { Issue.record("no validations in \(table.name)"); continue }
            for (index, column) in table.columns.enumerated() {
                let letter = MappingPlace.columnName(index + 1)
                let list = validations.first { $0["cells"] == .string("\(letter)2:\(letter)501") }
                let history = ["applied", "appliedWithDetails", "pending", "failed"].contains(column)
                let values = history ? vocabulary["tixngoStatus"] : vocabulary[column]
                if table.name == "ruleset", column == "value" {
                    #expect(list == nil, "ruleset values are free text")
                } else {
                    #expect(list?["type"] == .string("list") && list?["values"] == values.map { .array($0.map(JSONValue.string)) },
                            "the drop-down of \(table.name) \(column)")
                }
            }
        }
    }
}

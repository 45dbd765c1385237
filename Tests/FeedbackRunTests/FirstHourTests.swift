import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// What a newcomer meets in the first hour with the command line: versions, exit codes and
/// messages, a dry run that says what changes, a readable history, text that says what JSON says.
@Suite("The first hour at the command line")
struct FirstHourTests {
    let directory: TemporaryDirectory
    let db: String

    /// The README's worked example ledger (Examples/lifecycle-page.json under 2022-10-07,
    /// lifecycle) plus three items TIXnGO should never have sent, which are rejected: built
    /// once per test process by the CLI, then copied for each test.
    init() async throws {
        directory = try TemporaryDirectory()
        db = try await Self.template.copy(into: directory)
    }

    private static let template = LedgerTemplate("first-hour.sqlite") { db, directory in
        let page = "\(LedgerFixtures.examples)/lifecycle-page.json"
        let first = try await cli([
            "ingest", "--organizer", "ORG-DEMO-1", "--file", page, "--mode", "lifecycle", "--mapping", "2022-10-07", "--db", db,
        ])
        guard first.status == 0 else { throw TemplateStepFailed(first.stderr) }
        let bad = try directory.write("bad.jsonl", [
            #"{"status":"INJECTED","statusDate":"2026-06-20T09:00:00Z"}"#,
            #"{"ticketId":"X1","status":"INJECTED","statusDate":"yesterday"}"#,
            #"{"ticketId":"X2","status":"injected","statusDate":"2026-06-20T09:00:00Z"}"#,
        ].joined(separator: "\n"))
        let second = try await cli(["ingest", "--organizer", "ORG-DEMO-1", "--file", bad, "--db", db])
        guard second.status == 0 else { throw TemplateStepFailed(second.stderr) }
    }

    static func cli(_ arguments: [String], environment: [String: String] = [:]) async throws -> ChildProcess.Result {
        try await ChildProcess.run("ticket-ledger", arguments, environment: environment)
    }

    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    // MARK: - --version

    @Test(arguments: ["ticket-ledger", "tixngo-simulator"])
    func versionNamesTheBuild(tool: String) async throws {
        let result = try await ChildProcess.run(tool, ["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("\(tool) "))
        #expect(result.stdout.contains("(commit "))
        if tool == "ticket-ledger" {
            #expect(result.stdout.contains("SQLite 3."))
            let migrations = try FileManager.default.contentsOfDirectory(atPath: "\(LedgerFixtures.packageRoot)/Migrations")
            let newest = try #require(migrations.filter { $0.hasSuffix(".sql") }.sorted().last)
            #expect(try LedgerSchema.version() == String(newest.dropLast(".sql".count)))
            #expect(result.stdout.contains("schema \(try LedgerSchema.version())"))
        }
    }

    // MARK: - quiet by default

    @Test func anIngestWritesNothingOnStandardErrorUnlessAskedTo() async throws {
        let page = "\(LedgerFixtures.examples)/lifecycle-page.json"
        let quiet = try await Self.cli(["ingest", "--organizer", "ORG-DEMO-1", "--file", page, "--db", db])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        let verbose = try await Self.cli(["ingest", "--organizer", "ORG-DEMO-1", "--file", page, "--db", db, "--verbose"])
        #expect(verbose.stderr.contains(" info ticket-ledger: file ingested"), "\(verbose.stderr)")
        let unknown = try await Self.cli(["summary", "--db", db], environment: ["LOG_LEVEL": "loud"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("trace, debug, info, notice, warning, error, critical"))
    }

    // MARK: - replay --dry-run says what changes

    @Test func aDryRunCountsEachHolderFieldAndEachStatusTransitionInTextAndJSON() async throws {
        let json = try Self.json(try await Self.cli(["replay", "--mapping", "2023-04-03", "--dry-run", "--json", "--db", db]).stdout)
        guard case let .array(fields) = try #require(json["fields"]) else { Issue.record("fields is not an array"); return }
        let byName = Dictionary(uniqueKeysWithValues: fields.compactMap { field in field["field"]?.stringValue.map { ($0, field) } })
        // 2023-04-03 maps the beacon name and ExtraInfo1 that SMP-0001's items carry; 2022-10-07 did not.
        #expect(Set(byName.keys) == ["beaconName", "extraInfo1"])
        let beacon = try #require(byName["beaconName"])
        #expect(beacon["added"] == .number("1") && beacon["changed"] == .number("0") && beacon["tickets"] == .number("1"))
        let text = try await Self.cli(["replay", "--mapping", "2023-04-03", "--dry-run", "--db", db])
        #expect(text.status == 0)
        let row = text.stdout.split(separator: "\n").first { $0.hasPrefix("beaconName ") }
        #expect(row?.split(separator: " ").map(String.init) == ["beaconName", "1", "1", "0", "0"])
        #expect(!text.stdout.contains("holder on 1 /"))
    }

    // MARK: - history

    @Test func historyNamesTheHolderWhereItChangesAndWritesCSV() async throws {
        let csv = try await Self.cli(["history", "SMP-0001", "--csv", "--db", db])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        #expect(header == ["position", "statusDate", "item", "TIXnGO", "S-360", "holder from here", "source"])
        let json = try Self.json(try await Self.cli(["history", "SMP-0001", "--json", "--db", db]).stdout)
        guard case let .array(entries) = json else { Issue.record("history is not an array"); return }
        #expect(rows.count == entries.count + 1)
        try #require(rows.allSatisfy { $0.count == header.count }, "a row is not \(header.count) fields: \(csv.stdout)")
        let holders = rows.dropFirst().map { $0[5] }.filter { !$0.isEmpty }
        // The ticket is downloaded by one spectator and transferred to another: two holders, each named once.
        #expect(holders.count == 2)
        #expect(Set(holders).count == 2)
    }

    // MARK: - text and JSON say the same

    @Test(arguments: [
        ["summary"], ["summary", "--by-organization"], ["status", "SMP-0001"], ["history", "SMP-0001"], ["tickets"], ["verify"], ["mappings"], ["contacts"],
        ["replay", "--mapping", "2023-04-03", "--dry-run"],
    ])
    func everyNumberTheTextShowsIsInTheJSON(command: [String]) async throws {
        let text = try await Self.cli(command + ["--db", db])
        let json = try await Self.cli(command + ["--db", db, "--json"])
        #expect(text.status == 0 && json.status == 0, "\(text.stderr) \(json.stderr)")
        let numbers = Self.numbers(in: try Self.json(json.stdout))
        // A run's age ("started 4 min ago") is the text's reading of a start time the JSON gives whole.
        let ages = try NSRegularExpression(pattern: #"\b\d+ (s|min|h|days) ago\b"#)
        let shown = try Self.numbers(inText: ages.stringByReplacingMatches(
            in: text.stdout, range: NSRange(text.stdout.startIndex..., in: text.stdout), withTemplate: "(age)"))
        #expect(shown.subtracting(numbers).isEmpty, "text shows \(shown.subtracting(numbers).sorted()) that the JSON lacks")
    }

    @Test func summaryJSONCarriesTheAnomaliesAndRejectedRowsOfTheText() async throws {
        let json = try Self.json(try await Self.cli(["summary", "--db", db, "--json"]).stdout)
        #expect(json["rejected"] == .number("3"))
        #expect(json["anomalies"] == .number("0"))
        let text = try await Self.cli(["summary", "--db", db])
        #expect(text.stdout.range(of: #"rejected items\s+3\n"#, options: .regularExpression) != nil, "\(text.stdout)")
    }

    static func integer(_ value: JSONValue?) -> Int? {
        guard case .number(let text) = value else { return nil }
        return Int(text)
    }

    /// Whole numbers standing alone in text (not inside a date, an id or a decimal).
    static func numbers(inText text: String) throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: #"(?<![\w.:/+-])\d+(?![\w.:/+-])"#)
        let range = NSRange(text.startIndex..., in: text)
        return Set(pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } })
    }

    /// Every number anywhere in a JSON document.
    static func numbers(in json: JSONValue) -> Set<String> {
        switch json {
        case .number(let text): [text]
        case .array(let items): items.reduce(into: []) { $0.formUnion(numbers(in: $1)) }
        case .object(let members): members.reduce(into: []) { $0.formUnion(numbers(in: $1.value)) }
        default: []
        }
    }

    // MARK: - the demo

    @Test func theDemoRemovesItsTemporaryLedgerUnlessToldToKeepIt() async throws {
        let scratch = try TemporaryDirectory()
        let arguments = ["demo", "--tickets", "40", "--cycles", "2", "--faults", "0"]
        let temporary = try await ChildProcess.run("ticket-ledger", arguments, environment: ["TMPDIR": scratch.path("")])
        #expect(temporary.status == 0, "\(temporary.stderr)")
        #expect(temporary.stderr.isEmpty, "\(temporary.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == [])
        #expect(!temporary.stdout.contains("key=") && !temporary.stdout.contains("page key"))
        let kept = scratch.path("kept.sqlite")
        let keeping = try await ChildProcess.run("ticket-ledger", arguments + ["--keep", kept])
        #expect(keeping.status == 0, "\(keeping.stderr)")
        #expect(keeping.stdout.contains("The ledger is kept at \(kept)"))
        let summary = try await Self.cli(["summary", "--json", "--db", kept])
        #expect(Self.integer(try Self.json(summary.stdout)["tickets"]) == 40)
    }

    // MARK: - organizer and injecting organization

    @Test func summaryAndTicketsCountByInjectingOrganization() async throws {
        let feed = directory.path("generated.jsonl")
        let generated = try await ChildProcess.run("tixngo-simulator", ["generate", "--tickets", "60", "--shape", "lifecycle", "-o", feed])
        try #require(generated.status == 0, "\(generated.stderr)")
        let ledger = directory.path("organizations.sqlite")
        let ingest = try await Self.cli(["ingest", "--organizer", "ORG-DEMO", "--file", feed, "--db", ledger])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        let summary = try Self.json(try await Self.cli(["summary", "--by-organization", "--json", "--db", ledger]).stdout)
        let first = try #require(Self.integer(summary["organizations"]?["ORG-DEMO-1"]))
        let second = try #require(Self.integer(summary["organizations"]?["ORG-DEMO-2"]))
        #expect(first > 0 && second > 0)
        #expect(first + second == Self.integer(summary["tickets"]))
        let listed = try Self.json(try await Self.cli(["tickets", "--organization", "ORG-DEMO-2", "--json", "--db", ledger]).stdout)
        guard case let .array(tickets) = listed else { Issue.record("tickets is not an array"); return }
        #expect(tickets.count == second)
        #expect(Set(tickets.compactMap { $0["organizer"]?.stringValue }) == ["ORG-DEMO"])
    }

    // MARK: - exit codes and messages

    @Test func aMissingAPIKeyOrAnUnknownMappingIsBadUsageAndCreatesNoLedger() async throws {
        let fresh = directory.path("never.sqlite")
        let noKey = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "A", "--url", "http://127.0.0.1:9/v3/organizer", "--db", fresh],
            environment: ["TIXNGO_API_KEY": ""])
        #expect(noKey.status == 64)
        #expect(noKey.stderr.contains("TIXNGO_API_KEY"))
        let page = "\(LedgerFixtures.examples)/lifecycle-page.json"
        let badMapping = try await Self.cli(["ingest", "--organizer", "A", "--file", page, "--mapping", "2099-01-01", "--db", fresh])
        #expect(badMapping.status == 64)
        #expect(badMapping.stderr.contains("2022-10-07, 2023-02-07, 2023-04-03"))
        let badReplay = try await Self.cli(["replay", "--mapping", "2099-01-01", "--db", db])
        #expect(badReplay.status == 64)
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test func aBareDateForAsOfIsRefusedWithAnExample() async throws {
        let result = try await Self.cli(["status", "SMP-0001", "--as-of", "2026-06-20", "--db", db])
        #expect(result.status == 64)
        #expect(result.stderr.contains("2026-06-20T00:00:00Z"))
        let nonsense = try await Self.cli(["tickets", "--as-of", "soon", "--db", db])
        #expect(nonsense.status == 64)
        #expect(nonsense.stderr.contains("2026-06-20T18:00:00Z"))
    }

    @Test func forgettingAnEmailTheLedgerNeverSawSaysSoWithoutRepeatingIt() async throws {
        let unknown = try await Self.cli(["forget", "--email", "nobody.here@example.com", "--yes", "--db", db])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no observation in this ledger names that email address"))
        #expect(!unknown.stderr.contains("nobody.here") && !unknown.stdout.contains("nobody.here"))
        let known = try await Self.cli(["forget", "--email", "kofi.mensah@example.com", "--yes", "--db", db])
        #expect(known.status == 0)
        #expect(known.stdout.hasPrefix("erased: 1 key(s)"))
        let again = try await Self.cli(["forget", "--email", "kofi.mensah@example.com", "--yes", "--db", db])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("already erased"))
    }
}

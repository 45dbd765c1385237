import Foundation
import GRDB
import Synchronization
import LedgerConsole
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// The console over ledgers as operators have them: a journal with every outcome, a copy on a
/// read-only file, a ledger another process is ingesting into, and the chain checked from a page.
@Suite("The console over real ledgers")
struct ConsoleLedgerTests {
    static func console(_ path: String) async throws -> (LedgerConsole, Int) {
        let console = try LedgerConsole(
            ledger: try LedgerDatabase(readingAt: path, sealed: true, logger: .test), configuration: .init(port: 0), logger: .test)
        return (console, try await console.start())
    }

    @Test func theRunsPageShowsAKilledAnOkAndAFailedRunAsRunsDoes() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 40)
        let db = organizer.ledger.path
        let killed = try await KillPointTests.ingest(organizer, killAt: "page-after-commit")
        #expect(killed.status == SIGKILL, "\(killed.stderr)")
        let ok = try await KillPointTests.ingest(organizer)
        #expect(ok.status == 0, "\(ok.stderr)")
        let refused = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG", "--url", organizer.url, "--db", db], environment: ["TIXNGO_API_KEY": "wrong-key-5a5a"])
        #expect(refused.status == 1)
        let cli = try await ChildProcess.run("ticket-ledger", ["runs", "--db", db])
        #expect(cli.status == 0 && ["ok", "failed", "interrupted"].allSatisfy(cli.stdout.contains), "\(cli.stdout)")
        let (console, port) = try await Self.console(db)
        let page = try await ConsoleHarness.text("http://127.0.0.1:\(port)/runs")
        let outcomes = page.components(separatedBy: "<span class=\"outcome outcome-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(outcomes == ["failed", "ok", "interrupted"], "\(outcomes)")
        #expect(page.contains("401") && !page.contains("wrong-key-5a5a"))
        let api = try await ConsoleHarness.text("http://127.0.0.1:\(port)/api/runs")
        let cliJSON = try await ChildProcess.run("ticket-ledger", ["runs", "--json", "--db", db])
        #expect(api == cliJSON.stdout, "the API and runs --json differ")
        await console.stop()
        await organizer.stop()
    }

    @Test func aCopyOnAReadOnlyFileIsServed() async throws {
        let harness = try await ConsoleHarness()
        await harness.stop()
        let copy = try TemporaryDirectory()
        let path = copy.path("handed-over.sqlite")
        // A consistent copy, as `backup` makes it, then made read-only with its folder.
        let backup = try await ChildProcess.run("ticket-ledger", ["backup", "--to", path, "--db", harness.ledger.path])
        #expect(backup.status == 0, "\(backup.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: copy.url.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.url.path) }
        let (console, port) = try await Self.console(path)
        let page = try await ConsoleHarness.text("http://127.0.0.1:\(port)/tickets/T1")
        #expect(page.contains("<dd class=\"s360\">CONTROLLED</dd>"))
        let listing = try FileManager.default.contentsOfDirectory(atPath: copy.url.path)
        #expect(listing.filter { $0.hasPrefix("handed-over") } == ["handed-over.sqlite"], "the console left files beside the copy: \(listing)")
        await console.stop()
    }

    @Test func theConsoleKeepsAnsweringWhileAnotherProcessIngests() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: ConsoleHarness.lines)
        let (console, port) = try await Self.console(ledger.path)
        let feed = ledger.directory.path("big.jsonl")
        let generated = try await ChildProcess.run(
            "tixngo-simulator", ["generate", "--items", "60000", "--seed", "3", "--output", feed, "--shape", "lifecycle"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let ingest = try ChildProcess("ticket-ledger", ["ingest", "--organizer", "BIG", "--file", feed, "--db", ledger.path])
        let finished = Mutex(false)
        let waiting = Task {
            let result = await ingest.wait()
            finished.withLock { $0 = true }
            return result
        }
        var answered = 0
        var sawGrowth = false
        let first = try await ledger.database.summary().events
        while !finished.withLock({ $0 }) {
            let summary = try JSONParser.parse(try await ConsoleHarness.text("http://127.0.0.1:\(port)/api/summary"))
            _ = try await ConsoleHarness.text("http://127.0.0.1:\(port)/tickets/T1")
            answered += 1
            if let events = summary["events"]?.int64Value, events > first { sawGrowth = true }
            try await Task.sleep(for: .milliseconds(20))
        }
        let result = await waiting.value
        #expect(result.status == 0, "\(result.stderr)")
        #expect(answered > 3 && sawGrowth, "answered \(answered) times; growth seen: \(sawGrowth)")
        await console.stop()
    }

    @Test func theVerifyPageChecksTheChainUpToAPositionAndNamesADamagedOne() async throws {
        let harness = try await ConsoleHarness()
        let page = try await ConsoleHarness.text(harness.url("/verify?through=4"))
        #expect(page.contains("Intact: 4 events"))
        let bad = try await harness.get("/verify?through=zero")
        #expect(bad.status == 400)
        await harness.stop()
        // An event edited behind the ledger's back (its triggers dropped first) is named.
        let report = try await harness.ledger.database.verify(through: 4)
        #expect(report.intact && report.events == 4)
        let queue = try DatabaseQueue(path: harness.ledger.path)
        try await queue.write { db in
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'") {
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
            try db.execute(sql: "UPDATE events SET status_date = status_date + 1 WHERE position = 2")
        }
        let (console, port) = try await Self.console(harness.ledger.path)
        let damaged = try await ConsoleHarness.text("http://127.0.0.1:\(port)/verify?through=4")
        #expect(damaged.contains("Not intact at position 2"), "\(damaged)")
        let beforeIt = try await ConsoleHarness.text("http://127.0.0.1:\(port)/verify?through=1")
        #expect(beforeIt.contains("Intact: 1 events"))
        await console.stop()
    }

    @Test func theServeCommandServesTheConsoleAndItsMetricsAndStopsOnSIGTERM() async throws {
        let harness = try await ConsoleHarness()
        await harness.stop()
        let port = try MetricsTests.freePort()
        let serve = try ChildProcess("ticket-ledger", ["serve", "--listen", "127.0.0.1:\(port)", "--db", harness.ledger.path])
        var overview: String?
        for _ in 0..<100 where overview == nil {
            overview = try? await ConsoleHarness.text("http://127.0.0.1:\(port)/")
            if overview == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(overview?.contains("<h1>Overview</h1>") == true)
        _ = try await ConsoleHarness.text("http://127.0.0.1:\(port)/tickets/T1")
        let metrics = try #require(await MetricsTests.scrape(port))
        #expect(metrics.contains("ticket_ledger_events{ledger=\"\(harness.ledger.path)\"} 7"), "\(metrics)")
        #expect(metrics.contains(#"ticket_ledger_http_requests_total{route="/",status="200"} 1"#), "\(metrics)")
        #expect(metrics.contains("# HELP ticket_ledger_http_requests_total"))
        serve.terminate()
        let result = await serve.wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("console at http://127.0.0.1:\(port)/"))
    }
}

import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// The run journal: every ingest run recorded with its counts, keys and outcome, in the
/// transactions of its pages.
@Suite("The run journal")
struct RunJournalTests {
    static let environment = ["TIXNGO_API_KEY": SimulatedOrganizer.apiKey]

    @Test func anAPIRunIsRecordedWithItsCountsAndBothPaginationKeys() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 120)
        let first = try await organizer.ingest(batchSize: 50)
        let second = try await organizer.ingest(batchSize: 50)
        let runs = try await organizer.ledger.database.runs(organizer: "ORG")
        try #require(runs.count == 2)
        let (newer, older) = (runs[0], runs[1])
        #expect(older.outcome == .ok && newer.outcome == .ok)
        #expect(older.source == organizer.url)
        #expect(older.pages == first.pages && older.counts.received == first.received && older.counts.appended == first.appended)
        #expect(older.counts.duplicates == first.duplicates && older.counts.rejected == first.rejected)
        #expect(older.paginationKeyBefore == nil && older.paginationKeyAfter == first.paginationKey)
        #expect(newer.paginationKeyBefore == first.paginationKey && newer.paginationKeyAfter == second.paginationKey)
        #expect(newer.counts.received == second.received && newer.pages == second.pages)
        #expect(try #require(older.finishedAt) >= older.startedAt && newer.startedAt >= older.startedAt)
        #expect(try await organizer.ledger.database.runs(organizer: "ORG", limit: 1).map(\.startedAt) == [newer.startedAt])
        #expect(try await organizer.ledger.database.runs(organizer: "OTHER").isEmpty)
        await organizer.stop()
    }

    /// A simulated organizer whose ledger has one successful run, made by the command line.
    static func organizerWithOneRun() async throws -> SimulatedOrganizer {
        let organizer = try await SimulatedOrganizer(tickets: 20)
        let ok = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG", "--url", organizer.url, "--db", organizer.ledger.path], environment: environment)
        #expect(ok.status == 0, "\(ok.stderr)")
        return organizer
    }

    @Test func aFailedRunKeepsItsErrorSentenceWithoutTheKeyAndSummaryShowsIt() async throws {
        let organizer = try await Self.organizerWithOneRun()
        let db = organizer.ledger.path
        let wrongKey = "wrong-key-77d1"
        let refused = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG", "--url", organizer.url, "--db", db], environment: ["TIXNGO_API_KEY": wrongKey])
        #expect(refused.status == 1)
        let runs = try await ChildProcess.run("ticket-ledger", ["runs", "--json", "--db", db])
        #expect(runs.status == 0 && !runs.stdout.contains(wrongKey))
        guard case let .array(entries) = try JSONParser.parse(Array(runs.stdout.utf8)), entries.count == 2 else {
            Issue.record("runs --json: \(runs.stdout)")
            return
        }
        #expect(entries[0].members.map(\.key) == [
            "organizer", "source", "startedAt", "finishedAt", "pages", "received", "appended", "duplicates", "skipped", "rejected",
            "paginationKeyBefore", "paginationKeyAfter", "outcome", "error",
        ])
        #expect(entries[0]["outcome"] == .string("failed") && entries[1]["outcome"] == .string("ok"))
        #expect(entries[0]["error"]?.stringValue?.contains("401") == true, "\(entries[0])")
        #expect(entries[1]["error"] == .null && entries[0]["appended"] == .number("0"))
        let summary = try await ChildProcess.run("ticket-ledger", ["summary", "--db", db])
        #expect(summary.stdout.contains("last run of ORG: failed, started"), "\(summary.stdout)")
        let table = try await ChildProcess.run("ticket-ledger", ["runs", "--organizer", "ORG", "--limit", "1", "--db", db])
        #expect(table.stdout.contains("failed") && !table.stdout.contains(" ok "), "\(table.stdout)")
        #expect(try await ChildProcess.run("ticket-ledger", ["runs", "--limit", "0", "--db", db]).status == 64)
        await organizer.stop()
    }

    @Test func noSecretOfTheURLReachesTheJournal() async throws {
        let organizer = try await Self.organizerWithOneRun()
        let db = organizer.ledger.path
        let port = try #require(URLComponents(string: organizer.url)?.port)
        for url in ["http://someone:url-secret-1@127.0.0.1:\(port)/v3/organizer", "http://127.0.0.1:\(port)/v3/organizer?key=url-secret-2"] {
            _ = try await ChildProcess.run("ticket-ledger", ["ingest", "--organizer", "ORG", "--url", url, "--db", db], environment: Self.environment)
        }
        let runs = try await ChildProcess.run("ticket-ledger", ["runs", "--json", "--db", db])
        #expect(runs.status == 0)
        #expect(!runs.stdout.contains("url-secret") && !runs.stdout.contains(SimulatedOrganizer.apiKey), "\(runs.stdout)")
        guard case let .array(entries) = try JSONParser.parse(Array(runs.stdout.utf8)) else { Issue.record("not an array"); return }
        #expect(entries.count == 3, "each attempt is a run of the journal: \(runs.stdout)")
        await organizer.stop()
    }

    @Test func aFileRunNamesTheFileAndCountsTheItems() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("file.sqlite")
        let file = "\(LedgerFixtures.examples)/lifecycle-page.json"
        for _ in 0..<2 {
            let run = try await ChildProcess.run("ticket-ledger", ["ingest", "--organizer", "ORG-DEMO-1", "--file", file, "--db", db])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let runs = try await LedgerDatabase(readingAt: db, logger: .test).runs()
        #expect(runs.map(\.source) == [file, file])
        #expect(runs.map(\.counts.appended) == [0, 8] && runs.map(\.counts.duplicates) == [8, 0])
        #expect(runs.allSatisfy { $0.outcome == .ok && $0.pages == 1 && $0.finishedAt != nil })
    }
}

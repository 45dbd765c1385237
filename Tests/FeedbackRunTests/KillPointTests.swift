import Foundation
import LedgerTestSupport
import Testing
import TIXnGOSimulator
@testable import TicketLedger

/// Crash safety at named points (`TICKET_LEDGER_KILL_AT`, debug builds): the child process
/// dies by SIGKILL exactly there, every run, and the ledger it leaves must be consistent and
/// resumable without refetching what it had committed.
@Suite("A process killed at a named point")
struct KillPointTests {
    static let environment = ["TIXNGO_API_KEY": SimulatedOrganizer.apiKey]

    static func ingest(_ organizer: SimulatedOrganizer, killAt point: String? = nil) async throws -> ChildProcess.Result {
        var environment = Self.environment
        environment["TICKET_LEDGER_KILL_AT"] = point
        return try await ChildProcess.run(
            "ticket-ledger",
            ["ingest", "--organizer", "ORG", "--url", organizer.url, "--batch-size", "50", "--json", "--db", organizer.ledger.path],
            environment: environment)
    }

    @Test func killedRightAfterTheCommitTheStoredKeyIsTheLastCommittedPagesAndNothingIsFetchedAgain() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 120)
        let killed = try await Self.ingest(organizer, killAt: "page-after-commit")
        #expect(killed.status == SIGKILL, "the child was not killed at the point: \(killed.stderr)")
        let expected = organizer.server.groundTruth().distinctItems.count
        #expect(try await organizer.ledger.database.summary().events == expected)
        let served = organizer.server.counters.itemsServed
        #expect(served == expected)
        // The journal counted the committed pages in their transactions; the run never finished.
        let interrupted = try #require(try await organizer.ledger.database.runs().first)
        #expect(interrupted.outcome == .interrupted && interrupted.finishedAt == nil)
        #expect(interrupted.counts.appended == expected)
        #expect(interrupted.paginationKeyAfter == (try await organizer.ledger.database.paginationKey(organizer: "ORG")))
        // Every page is committed with the key after it: resuming asks once and gets nothing.
        let resumed = try await Self.ingest(organizer)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let summary = try JSONParser.parse(Array(resumed.stdout.utf8))
        #expect(summary["received"] == .number("0"), "resumed from an older key: \(resumed.stdout)")
        let journal = try await organizer.ledger.database.runs()
        #expect(journal.map(\.outcome) == [.ok, .interrupted])
        #expect(journal[0].paginationKeyBefore == journal[1].paginationKeyAfter)
        #expect(summary["pages"] == .number("1"))
        #expect(organizer.server.counters.itemsServed == served)
        let problems = try await organizer.mismatches()
        #expect(problems == [])
        await organizer.stop()
    }

    @Test func killedInsideThePageTransactionNothingOfItCommitsAndTheNextRunTakesItWhole() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 60)
        let killed = try await Self.ingest(organizer, killAt: "page-before-commit")
        #expect(killed.status == SIGKILL, "the child was not killed at the point: \(killed.stderr)")
        #expect(try await organizer.ledger.database.summary().events == 0)
        #expect(try await organizer.ledger.database.paginationKey(organizer: "ORG") == nil)
        // The page's counts were in the transaction that never committed.
        let interrupted = try await organizer.ledger.database.runs()
        #expect(interrupted.map(\.outcome) == [.interrupted] && interrupted[0].counts.received == 0 && interrupted[0].pages == 0)
        let resumed = try await Self.ingest(organizer)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let problems = try await organizer.mismatches()
        #expect(problems == [])
        #expect(try await organizer.ledger.database.verify().intact)
        await organizer.stop()
    }

    @Test func killedInsideTheReplaySwapTheOldProjectionStaysLiveAndAReplayFinishesLater() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("swap.sqlite")
        let page = "\(LedgerFixtures.examples)/lifecycle-page.json"
        let ingest = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG-DEMO-1", "--file", page, "--mode", "lifecycle", "--mapping", "2023-02-07", "--db", db])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        let killed = try await ChildProcess.run(
            "ticket-ledger", ["replay", "--mapping", "2022-10-07", "--db", db], environment: ["TICKET_LEDGER_KILL_AT": "replay-swap"])
        #expect(killed.status == SIGKILL, "the child was not killed at the point: \(killed.stderr)")
        let status = try await ChildProcess.run("ticket-ledger", ["status", "SMP-0001", "--json", "--db", db])
        #expect(status.status == 0, "no live projection after the kill: \(status.stderr)")
        #expect(try JSONParser.parse(Array(status.stdout.utf8))["mappingVersion"] == .string("2023-02-07"))
        let again = try await ChildProcess.run("ticket-ledger", ["replay", "--mapping", "2022-10-07", "--db", db])
        #expect(again.status == 0, "\(again.stderr)")
        let after = try await ChildProcess.run("ticket-ledger", ["status", "SMP-0001", "--json", "--db", db])
        #expect(try JSONParser.parse(Array(after.stdout.utf8))["mappingVersion"] == .string("2022-10-07"))
    }

    /// The holder's last name `status --json` shows for SMP-0001, and what it said on stderr.
    static func holderName(_ db: String) async throws -> (name: String?, stderr: String) {
        let status = try await ChildProcess.run("ticket-ledger", ["status", "SMP-0001", "--json", "--db", db])
        #expect(status.status == 0, "the ledger does not open after the kill: \(status.stderr)")
        return (try JSONParser.parse(Array(status.stdout.utf8))["holder"]?["individualLastname"]?.stringValue, status.stderr)
    }

    @Test(arguments: ["keys-next-written", "keys-before-commit", "keys-after-commit"])
    func aKeyRotationKilledAnywhereLeavesALedgerThatOpensWithOneOfItsTwoKeyFiles(point: String) async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("rotate.sqlite")
        let page = "\(LedgerFixtures.examples)/lifecycle-page.json"
        let ingest = try await ChildProcess.run("ticket-ledger", ["ingest", "--organizer", "ORG-DEMO-1", "--file", page, "--mode", "lifecycle", "--db", db])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        let name = try await Self.holderName(db).name
        try #require(name != nil)
        let killed = try await ChildProcess.run("ticket-ledger", ["keys", "rotate", "--db", db], environment: ["TICKET_LEDGER_KILL_AT": point])
        #expect(killed.status == SIGKILL, "the child was not killed at \(point): \(killed.stderr)")
        let afterKill = try await Self.holderName(db)
        #expect(afterKill.name == name, "personal data does not open after a kill at \(point)")
        // Only a kill between the commit and the rename leaves the ledger under the .new file, and says so.
        #expect(afterKill.stderr.contains("rotate.sqlite.key.new") == (point == "keys-after-commit"), "\(afterKill.stderr)")
        let again = try await ChildProcess.run("ticket-ledger", ["keys", "rotate", "--json", "--db", db])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try JSONParser.parse(Array(again.stdout.utf8))["finishedInterrupted"] == .bool(point == "keys-after-commit"))
        let finished = try await Self.holderName(db)
        #expect(finished.name == name && finished.stderr.isEmpty, "\(finished.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db + ".key.new"))
        #expect(try await ChildProcess.run("ticket-ledger", ["verify", "--db", db]).status == 0)
    }
}

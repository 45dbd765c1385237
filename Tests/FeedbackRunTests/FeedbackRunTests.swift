import Foundation
import LedgerTestSupport
import Testing
import TIXnGOSimulator
@testable import TicketLedger
import TicketLedgerService

@Suite("The feedback run against a TIXnGO simulator on 127.0.0.1")
struct FeedbackRunTests {
    @Test func fullIngestEqualsTheGroundTruthAndASecondRunAppendsNothing() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 400)
        let first = try await organizer.ingest()
        #expect(first.appended > 1000)
        #expect(first.pages > 10)
        #expect(try await organizer.mismatches() == [])
        let second = try await organizer.ingest()
        #expect(second.appended == 0)
        #expect(second.pages == 1)
        #expect(try await organizer.ledger.database.verify().intact)
        await organizer.stop()
    }

    @Test func faultsOfEveryKindStillEndEqualToTheGroundTruth() async throws {
        var faults = FaultConfiguration.evenly(total: 0.1, seed: 3)
        faults.slowDelay = .milliseconds(20)
        let organizer = try await SimulatedOrganizer(tickets: 500, faults: faults, duplicateRate: 0.05, outOfOrderRate: 0.05)
        let summary = try await organizer.ingest(batchSize: 20)
        #expect(summary.duplicates > 0)
        #expect(try await organizer.mismatches() == [])
        let counters = organizer.server.counters
        for kind in FaultKind.allCases { #expect(counters.faults[kind, default: 0] > 0, "no \(kind) was injected") }
        #expect(try await organizer.ledger.database.verify().intact)
        await organizer.stop()
    }

    @Test func theLockRefusesTheSameOrganizerAndLetsAnotherThrough() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 20)
        let held = try LedgerLock.ingest(ledgerPath: organizer.ledger.path, organizer: "ORG")
        let environment = ["TIXNGO_API_KEY": SimulatedOrganizer.apiKey]
        let refused = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG", "--url", organizer.url, "--db", organizer.ledger.path], environment: environment)
        #expect(refused.status == 75)
        #expect(refused.stderr.contains("pid \(getpid())"))
        let other = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG2", "--url", organizer.url, "--db", organizer.ledger.path], environment: environment)
        #expect(other.status == 0, "\(other.stderr)")
        withExtendedLifetime(held) {}
        await organizer.stop()
    }

    @Test func aLockLeftByAKilledProcessIsRecovered() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 300)
        let arguments = ["ingest", "--organizer", "ORG", "--url", organizer.url, "--batch-size", "10", "--db", organizer.ledger.path]
        let environment = ["TIXNGO_API_KEY": SimulatedOrganizer.apiKey, "LOG_LEVEL": "error"]
        let child = try ChildProcess("ticket-ledger", arguments, environment: environment)
        try await Task.sleep(for: .milliseconds(300))
        child.kill()
        _ = await child.wait()
        let next = try await ChildProcess.run("ticket-ledger", arguments, environment: environment)
        #expect(next.status == 0, "\(next.stderr)")
        await organizer.stop()
    }

    @Test func anUnauthorizedKeyStopsWithAClearMessageAndAppendsNothing() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 20)
        let wrongKey = "wrong-key-91c3"
        let result = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG", "--url", organizer.url, "--db", organizer.ledger.path],
            environment: ["TIXNGO_API_KEY": wrongKey])
        #expect(result.status == 1)
        #expect(result.stderr.contains("401"))
        #expect(result.stderr.contains("TIXNGO_API_KEY"))
        #expect(!result.stderr.contains(wrongKey) && !result.stdout.contains(wrongKey))
        #expect(try await organizer.ledger.database.summary().events == 0)
        #expect(organizer.server.counters.unauthorized == 1)
        await organizer.stop()
    }
}

@Suite("The pagination key")
struct PaginationKeyTests {
    @Test func theStoredKeyIsPerOrganizerAndAnExplicitKeyOverridesIt() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 100)
        let first = try await organizer.ingest()
        let stored = try await organizer.ledger.database.paginationKey(organizer: "ORG")
        #expect(stored == first.paginationKey)
        #expect(try await organizer.ledger.database.paginationKey(organizer: "OTHER") == nil)
        // Starting again from the beginning re-reads everything and appends nothing.
        let again = try await organizer.withClient { client in
            try await FeedbackRun(ledger: organizer.ledger.database, organizer: "ORG", logger: .test)
                .run(client, startKey: "")
        }
        #expect(again.received == first.received)
        #expect(again.appended == 0)
        await organizer.stop()
    }
}

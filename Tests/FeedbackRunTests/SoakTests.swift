import Foundation
import LedgerTestSupport
import Testing
import TIXnGOSimulator
@testable import TicketLedger

/// How long the soak runs, from SOAK_SECONDS; nil leaves it out of the run.
private let soakSeconds = Int(ProcessInfo.processInfo.environment["SOAK_SECONDS"] ?? "")

/// What takes real time on purpose — `ingest --every` against the simulator with faults on for
/// SOAK_SECONDS, runs killed at moments chosen by the wall clock — runs only when SOAK_SECONDS
/// is set (`Scripts/soak.sh`; CI runs a short one). The kill points of `KillPointTests` stop a
/// run at each named place every time; the random kills here find the places nobody named.
@Suite("Soak: real-time runs through a match day", .enabled(if: soakSeconds != nil))
struct SoakTests {
    @Test func aRunKilledAtRandomPointsResumesToTheSameLedgerAsACleanRun() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 3000)
        let arguments = [
            "ingest", "--organizer", "ORG", "--url", organizer.url, "--batch-size", "40",
            "--db", organizer.ledger.path, "--json",
        ]
        let environment = ["TIXNGO_API_KEY": SimulatedOrganizer.apiKey, "LOG_LEVEL": "error"]
        var killedWithWork = 0
        for delay in [250, 400, 600, 900] {
            let child = try ChildProcess("ticket-ledger", arguments, environment: environment)
            try await Task.sleep(for: .milliseconds(delay))
            child.kill()
            let result = await child.wait()
            if result.status != 0 { killedWithWork += 1 }
            #expect(try await organizer.ledger.database.verify().intact)
        }
        let last = try await ChildProcess.run("ticket-ledger", arguments, environment: environment)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(killedWithWork > 0, "every run finished before it was killed: the test proved nothing")
        #expect(try await organizer.mismatches() == [])
        let clean = try await TemporaryLedger(mapping: "2023-02-07", mode: .lifecycle)
        try await organizer.ingest(into: clean)
        #expect(try await organizer.ledger.database.tickets() .map(\.json) == clean.database.tickets().map(\.json))
        await organizer.stop()
    }


    @Test func theScheduledIngestEndsEqualToTheGroundTruthWithFlatMemoryAndEveryFaultRetried() async throws {
        var faults = FaultConfiguration.evenly(total: 0.15, seed: 11)
        faults.slowDelay = .milliseconds(300)
        let organizer = try await SimulatedOrganizer(tickets: 1500, faults: faults, duplicateRate: 0.03, outOfOrderRate: 0.03)
        let clock = organizer.server.clock
        let end = clock.now
        let start = organizer.server.feed.firstPublishTime ?? end
        clock.set(to: start)
        let child = try ChildProcess(
            "ticket-ledger",
            ["ingest", "--organizer", "ORG", "--url", organizer.url, "--batch-size", "100", "--every", "1s", "--db", organizer.ledger.path],
            environment: ["TIXNGO_API_KEY": SimulatedOrganizer.apiKey, "LOG_LEVEL": "info"])

        let steps = max(3, soakSeconds ?? 0)
        var earlyMemory: Int?
        for step in 1...steps {
            try await Task.sleep(for: .seconds(1))
            clock.set(to: start.addingTimeInterval(end.timeIntervalSince(start) * Double(step) / Double(steps)))
            if step == steps / 3 { earlyMemory = child.residentKilobytes }
        }
        let expected = organizer.server.groundTruth().distinctItems.count
        let deadline = ContinuousClock.now + .seconds(60)
        while try await organizer.ledger.database.summary().events < expected, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        let lateMemory = child.residentKilobytes
        child.terminate()
        let result = await child.wait()

        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        #expect(result.stderr.contains("scheduled ingest stopped"))
        let problems = try await organizer.mismatches()
        #expect(problems == [], "\(problems.prefix(5))")
        #expect(try await organizer.ledger.database.verify().intact)
        if let earlyMemory, let lateMemory {
            #expect(Double(lateMemory) <= Double(earlyMemory) * 1.5, "memory grew from \(earlyMemory) KiB to \(lateMemory) KiB")
        } else {
            Issue.record("could not read the child's memory")
        }
        let counters = organizer.server.counters
        // A truncated body ends either as a closed connection or as a body that does not decode.
        let logged: [(FaultKind, [String])] = [
            (.serverError, ["tixngo.status=500"]), (.unavailable, ["tixngo.status=503"]), (.rateLimited, ["tixngo.status=429"]),
            (.droppedConnection, ["tixngo.status=connection"]),
            (.truncatedBody, ["tixngo.status=undecodable_body", "tixngo.status=connection"]),
        ]
        for (kind, markers) in logged where counters.faults[kind, default: 0] > 0 {
            #expect(markers.contains(where: result.stderr.contains), "a \(kind) fault was injected but no retry was logged")
        }
        #expect(counters.totalFaults > 5)
        #expect(!result.stderr.contains(SimulatedOrganizer.apiKey))
        await organizer.stop()
    }
}

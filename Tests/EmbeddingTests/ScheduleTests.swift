import LedgerTestSupport
import Logging
import ServiceLifecycle
import Synchronization
import TIXnGOClient
import Testing
import TicketLedger
import TicketLedgerService

/// The five-minute schedule driven by a manual clock: each run starts when the interval has
/// passed on the clock, a failure that ends only one run leaves the schedule going, and a
/// graceful shutdown ends the wait at once.
@Suite struct ScheduleTests {
    static let interval = Duration.seconds(300)

    /// A schedule whose runs are counted, each run doing `outcome(run)`.
    final class Harness: Sendable {
        let clock = ManualClock()
        let runs = Counter()
        let summaries = Counter()
        let group: ServiceGroup

        init(
            endsWhenTheFirstRunIsRefused: Bool = false, failurePolicy: ScheduledIngest<ManualClock>.FailurePolicy = .stopUnlessTransient,
            outcome: @escaping @Sendable (Int) throws -> Void = { _ in }
        ) {
            var logger = Logger(label: "schedule-test")
            logger.logLevel = .critical
            let (clock, runs, summaries) = (clock, runs, summaries)
            var schedule = ScheduledIngest(
                interval: ScheduleTests.interval, clock: clock, logger: logger,
                runOnce: { _ in
                    let run = runs.increment()
                    try outcome(run)
                    return IngestSummary(organizer: "ORG", pages: 1, counts: IngestCounts(), paginationKey: nil)
                },
                onSummary: { _ in summaries.increment() })
            schedule.endsWhenTheFirstRunIsRefused = endsWhenTheFirstRunIsRefused
            schedule.failurePolicy = failurePolicy
            group = ServiceGroup(configuration: .init(services: [schedule], logger: logger))
        }

        var runCount: Int { runs.value }
    }

    @Test func aRunStartsWhenTheIntervalHasPassedOnTheClockAndNotBefore() async throws {
        let harness = Harness()
        let running = Task { try await harness.group.run() }
        #expect(await harness.clock.waitForSleepers())
        #expect(harness.runCount == 1)
        harness.clock.advance(by: Self.interval - .seconds(1))
        #expect(harness.clock.sleeping == 1)
        #expect(harness.runCount == 1)
        harness.clock.advance(by: .seconds(1))
        #expect(await harness.clock.waitForSleepers())
        #expect(harness.runCount == 2)
        harness.clock.advance(by: Self.interval)
        #expect(await harness.clock.waitForSleepers())
        #expect(harness.runCount == 3)
        #expect(harness.summaries.value == 3)
        await harness.group.triggerGracefulShutdown()
        try await running.value
        #expect(harness.runCount == 3, "a shutdown during the wait starts no other run")
    }

    @Test func aRunThatFindsTheLockHeldOrTIXnGODownIsSkippedAndTheScheduleGoesOn() async throws {
        let harness = Harness { run in
            switch run {
            case 1: throw RunInProgress(activity: "ingest of organizer ORG", holder: nil)
            case 2: throw TIXnGOClientError.retriesExhausted(attempts: 5, elapsed: .seconds(60), lastFailure: "503")
            default: break
            }
        }
        let running = Task { try await harness.group.run() }
        #expect(await harness.clock.waitForSleepers())
        harness.clock.advance(by: Self.interval)
        #expect(await harness.clock.waitForSleepers())
        harness.clock.advance(by: Self.interval)
        #expect(await harness.clock.waitForSleepers())
        #expect(harness.runCount == 3)
        #expect(harness.summaries.value == 1, "only the third run produced a summary")
        await harness.group.triggerGracefulShutdown()
        try await running.value
    }

    @Test func aFailureThatNoLaterRunCanFixStopsTheSchedule() async throws {
        let harness = Harness { _ in throw TIXnGOClientError.unauthorized }
        await #expect {
            try await harness.group.run()
        } throws: { error in
            guard case .unauthorized? = error as? TIXnGOClientError else { return false }
            return true
        }
        #expect(harness.runCount == 1)
        #expect(harness.clock.sleeping == 0)
    }

    /// A fleet organizer: a wrong key (or anything else) ends only the run, and each failure in
    /// a row doubles the wait, up to the ceiling; the first run that succeeds brings the interval back.
    @Test func aFleetOrganizerBacksOffOnEveryFailureAndComesBackAfterASuccess() async throws {
        let harness = Harness(failurePolicy: .backOff(maximum: Self.interval * 4)) { run in
            if (1...4).contains(run) { throw TIXnGOClientError.unauthorized }
        }
        let running = Task { try await harness.group.run() }
        #expect(await harness.clock.waitForSleepers())
        // Waits after failures 1…4: 1, 2, 4, 4 intervals (the ceiling); then 1 after the success.
        for (run, wait) in [(1, 1), (2, 2), (3, 4), (4, 4), (5, 1)] {
            #expect(harness.runCount == run)
            harness.clock.advance(by: Self.interval * wait - .seconds(1))
            #expect(harness.clock.sleeping == 1 && harness.runCount == run, "run \(run) waits \(wait) interval(s)")
            harness.clock.advance(by: .seconds(1))
            #expect(await harness.clock.waitForSleepers())
        }
        #expect(harness.runCount == 6)
        #expect(harness.summaries.value == 2, "runs 5 and 6 succeeded")
        await harness.group.triggerGracefulShutdown()
        try await running.value
    }

    @Test func aSecondSchedulerStartedBesideARunningOneEndsAtItsFirstRun() async throws {
        let harness = Harness(endsWhenTheFirstRunIsRefused: true) { _ in
            throw RunInProgress(activity: "ingest of organizer ORG", holder: nil)
        }
        await #expect(throws: RunInProgress.self) { try await harness.group.run() }
        #expect(harness.runCount == 1)
    }
}

/// A count shared by the schedule's closures and the test.
final class Counter: Sendable {
    private let count = Mutex(0)

    var value: Int { count.withLock { $0 } }

    @discardableResult
    func increment() -> Int {
        count.withLock { count in
            count += 1
            return count
        }
    }
}

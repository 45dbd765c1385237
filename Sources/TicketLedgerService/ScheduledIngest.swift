public import Logging
public import ServiceLifecycle
public import TicketLedger
public import TIXnGOClient

/// `ingest --every`: one run per interval until a graceful shutdown, as a service of a
/// swift-service-lifecycle group. On shutdown the pages already fetched are written (or
/// roll back) whole with their key and no new page starts; the wait between runs ends at
/// once. The interval is measured on `clock`, so a test drives the schedule with its own.
/// A fleet runs one per organizer (``Fleet``), each backing off on its own failures.
public struct ScheduledIngest<C: Clock>: Service where C.Duration == Duration {
    public let interval: Duration
    public let clock: C
    public let logger: Logger
    /// One ingest run; `shouldContinue` says whether to fetch another page. Nil when no run
    /// started (a shutdown came while it waited for its turn).
    public let runOnce: @Sendable (_ shouldContinue: @escaping @Sendable () -> Bool) async throws -> IngestSummary?
    /// Called with each run's summary.
    public let onSummary: @Sendable (IngestSummary) -> Void
    /// Whether a first run that finds another run holding the organizer's lock ends the
    /// schedule with ``RunInProgress`` (a second scheduler started by mistake exits), rather
    /// than waiting for the next cycle as later runs do.
    public var endsWhenTheFirstRunIsRefused = false
    /// What a failed run does to the schedule.
    public var failurePolicy = FailurePolicy.stopUnlessTransient

    /// What a failed run does to the schedule (docs/design.md, "A fleet of organizers").
    public enum FailurePolicy: Sendable {
        /// `ingest --every`: TIXnGO down or refusing for now ends only that run; anything else
        /// (a wrong key, a full disk) stops the schedule, and the process with it.
        case stopUnlessTransient
        /// A fleet organizer: every failure ends only that run, and each failure in a row
        /// doubles the wait before the next, from the interval up to `maximum`.
        case backOff(maximum: Duration)
    }

    public init(
        interval: Duration, clock: C, logger: Logger,
        runOnce: @escaping @Sendable (_ shouldContinue: @escaping @Sendable () -> Bool) async throws -> IngestSummary?,
        onSummary: @escaping @Sendable (IngestSummary) -> Void
    ) {
        self.interval = interval
        self.clock = clock
        self.logger = logger
        self.runOnce = runOnce
        self.onSummary = onSummary
    }

    public func run() async throws {
        var cycle = 0
        var failuresInARow = 0
        while !Task.isShuttingDownGracefully {
            cycle += 1
            do {
                if let summary = try await runOnce({ !Task.isShuttingDownGracefully }) { onSummary(summary) }
                failuresInARow = 0
            } catch let held as RunInProgress {
                if cycle == 1 && endsWhenTheFirstRunIsRefused { throw held }
                logger.warning("ingest run skipped: \(held)", metadata: ["ingest.cycle": "\(cycle)"])
            } catch is CancellationError where Task.isShuttingDownGracefully {
                // A retry wait cut short by the shutdown (RetryEnvironment.endingAtShutdown): the run's written pages stand.
                logger.notice("ingest run interrupted by the shutdown", metadata: ["ingest.cycle": "\(cycle)"])
                break
            } catch where endsOnlyThisRun(error) {
                failuresInARow += 1
                logger.error(
                    "ingest run failed; the next run retries from the stored key",
                    metadata: ["ingest.cycle": "\(cycle)", "ingest.error": "\(error)", "ingest.nextRunIn": "\(wait(afterFailures: failuresInARow))"])
            }
            let delay = wait(afterFailures: failuresInARow)
            do {
                try await cancelWhenGracefulShutdown { [clock] in try await clock.sleep(for: delay) }
            } catch is CancellationError {
                break
            }
        }
        logger.info("scheduled ingest stopped", metadata: ["ingest.cycles": "\(cycle)"])
    }

    /// Whether `error` ends only the run it ended, under the failure policy.
    private func endsOnlyThisRun(_ error: any Error) -> Bool {
        switch failurePolicy {
        case .backOff: true
        case .stopUnlessTransient: (error as? TIXnGOClientError)?.endsOnlyThisRun ?? false
        }
    }

    /// The wait before the next run after `failures` failed runs in a row.
    func wait(afterFailures failures: Int) -> Duration {
        guard case .backOff(let maximum) = failurePolicy, failures > 0 else { return interval }
        let ceiling = max(maximum, interval)
        var wait = interval
        for _ in 1..<failures where wait < ceiling { wait *= 2 }
        return min(wait, ceiling)
    }
}

extension ScheduledIngest where C == ContinuousClock {
    /// A schedule on the real clock.
    public init(
        interval: Duration, logger: Logger,
        runOnce: @escaping @Sendable (_ shouldContinue: @escaping @Sendable () -> Bool) async throws -> IngestSummary?,
        onSummary: @escaping @Sendable (IngestSummary) -> Void
    ) {
        self.init(interval: interval, clock: ContinuousClock(), logger: logger, runOnce: runOnce, onSummary: onSummary)
    }
}

extension TIXnGOClientError {
    /// Failures that end one run and leave the schedule going: TIXnGO down or refusing for
    /// now. Anything else (a wrong key, a bad configuration) stops the schedule.
    var endsOnlyThisRun: Bool {
        switch self {
        case .retriesExhausted, .responseTooLarge, .requestRefused: true
        default: false
        }
    }
}

extension RetryEnvironment {
    /// The live environment, except that a wait between attempts ends at a graceful shutdown
    /// (with `CancellationError`): a scheduled run retrying a TIXnGO that is down must not
    /// hold SIGTERM for the retry policy's two minutes.
    public static let endingAtShutdown = RetryEnvironment(
        now: RetryEnvironment.live.now,
        sleep: { duration in try await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) } },
        randomUnit: RetryEnvironment.live.randomUnit)
}

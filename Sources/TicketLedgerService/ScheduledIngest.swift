public import Logging
public import ServiceLifecycle
public import TicketLedger
import TIXnGOClient

/// `ingest --every`: one run per interval until a graceful shutdown, as a service of a
/// swift-service-lifecycle group. On shutdown the pages already fetched are written (or
/// roll back) whole with their key and no new page starts; the wait between runs ends at
/// once. The interval is measured on `clock`, so a test drives the schedule with its own.
public struct ScheduledIngest<C: Clock>: Service where C.Duration == Duration {
    public let interval: Duration
    public let clock: C
    public let logger: Logger
    /// One ingest run; `shouldContinue` says whether to fetch another page.
    public let runOnce: @Sendable (_ shouldContinue: @escaping @Sendable () -> Bool) async throws -> IngestSummary
    /// Called with each run's summary.
    public let onSummary: @Sendable (IngestSummary) -> Void
    /// Whether a first run that finds another run holding the organizer's lock ends the
    /// schedule with ``RunInProgress`` (a second scheduler started by mistake exits), rather
    /// than waiting for the next cycle as later runs do.
    public var endsWhenTheFirstRunIsRefused = false

    public init(
        interval: Duration, clock: C, logger: Logger,
        runOnce: @escaping @Sendable (_ shouldContinue: @escaping @Sendable () -> Bool) async throws -> IngestSummary,
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
        while !Task.isShuttingDownGracefully {
            cycle += 1
            do {
                onSummary(try await runOnce { !Task.isShuttingDownGracefully })
            } catch let held as RunInProgress {
                if cycle == 1 && endsWhenTheFirstRunIsRefused { throw held }
                logger.warning("ingest run skipped: \(held)", metadata: ["ingest.cycle": "\(cycle)"])
            } catch let error as TIXnGOClientError where error.endsOnlyThisRun {
                logger.error(
                    "ingest run failed; the next run retries from the stored key",
                    metadata: ["ingest.cycle": "\(cycle)", "ingest.error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { [clock, interval] in try await clock.sleep(for: interval) }
            } catch is CancellationError {
                break
            }
        }
        logger.info("scheduled ingest stopped", metadata: ["ingest.cycles": "\(cycle)"])
    }
}

extension ScheduledIngest where C == ContinuousClock {
    /// A schedule on the real clock.
    public init(
        interval: Duration, logger: Logger,
        runOnce: @escaping @Sendable (_ shouldContinue: @escaping @Sendable () -> Bool) async throws -> IngestSummary,
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

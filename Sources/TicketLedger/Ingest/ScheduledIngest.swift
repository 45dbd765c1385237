public import Logging
public import ServiceLifecycle
import TIXnGOClient

/// `ingest --every`: one run per interval until SIGINT/SIGTERM, as a service of a
/// swift-service-lifecycle group. On shutdown the pages already fetched are written (or
/// roll back) whole with their key and no new page starts; the wait between runs ends at once.
public struct ScheduledIngest: Service {
    public let interval: Duration
    public let logger: Logger
    /// One ingest run; `shouldContinue` says whether to fetch another page.
    public let runOnce: @Sendable (_ shouldContinue: @escaping @Sendable () -> Bool) async throws -> IngestSummary
    /// Called with each run's summary.
    public let onSummary: @Sendable (IngestSummary) -> Void

    public init(
        interval: Duration, logger: Logger,
        runOnce: @escaping @Sendable (_ shouldContinue: @escaping @Sendable () -> Bool) async throws -> IngestSummary,
        onSummary: @escaping @Sendable (IngestSummary) -> Void
    ) {
        self.interval = interval
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
            } catch let error as TIXnGOClientError {
                switch error {
                case .retriesExhausted, .responseTooLarge, .requestRefused:
                    logger.error("ingest run failed; the next run retries from the stored key", metadata: ["ingest.cycle": "\(cycle)", "ingest.error": "\(error)"])
                default:
                    throw error
                }
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch is CancellationError {
                break
            }
        }
        logger.info("scheduled ingest stopped", metadata: ["ingest.cycles": "\(cycle)"])
    }
}

public import AsyncHTTPClient
import Foundation
public import Logging
import Synchronization
public import TicketLedger
public import TIXnGOClient

/// The organizers of a fleet file as scheduled ingests in one process (`ticket-ledger fleet`):
/// one ``ScheduledIngest`` service per organizer, each into its own ledger and under its own
/// ingest lock, sharing one HTTP client and a bound on the runs in progress at once. One
/// organizer failing backs off on its own (docs/design.md, "A fleet of organizers").
public struct Fleet: Sendable {
    /// The longest wait a failing organizer backs off to.
    public static let maximumBackOff: Duration = .seconds(3_600)
    /// A fleet run retries TIXnGO for 30 s at most (`ingest`: two minutes), holding its run
    /// slot and its open ledger meanwhile; a longer outage is the schedule's to wait out,
    /// backing off with no slot held and the ledger closed.
    public static let retryPolicy = RetryPolicy(maxElapsed: .seconds(30))

    public let configuration: FleetConfiguration
    public let logger: Logger

    public init(configuration: FleetConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// One schedule per organizer. Requests go through `httpClient` (the caller's); `afterRun` is
    /// called after each run that opened its ledger, ok or failed (the CLI appends the tree head
    /// to its digest log); `onSummary` with each finished run's summary.
    public func schedules(
        httpClient: HTTPClient, retryEnvironment: RetryEnvironment = .endingAtShutdown,
        afterRun: @escaping @Sendable (LedgerDatabase) async -> Void = { _ in },
        onSummary: @escaping @Sendable (IngestSummary) -> Void
    ) -> [ScheduledIngest<ContinuousClock>] {
        let slots = RunSlots(configuration.maxConcurrentRuns)
        return configuration.organizers.map { organizer in
            var logger = self.logger
            logger[metadataKey: "organizer"] = "\(organizer.name)"
            let ledger = OrganizerLedger(organizer, logger: logger)
            let run = OrganizerRun(
                organizer: organizer, ledger: ledger, slots: slots, httpClient: httpClient, retryEnvironment: retryEnvironment,
                logger: logger, afterRun: afterRun)
            var schedule = ScheduledIngest(interval: organizer.interval.duration, logger: logger, runOnce: run.callAsFunction, onSummary: onSummary)
            schedule.failurePolicy = .backOff(maximum: Self.maximumBackOff)
            return schedule
        }
    }
}

/// One run of one fleet organizer: wait for a slot, read the API key (so a replaced key file
/// is taken up), then the same ingest as `ticket-ledger ingest --url`.
private struct OrganizerRun: Sendable {
    let organizer: FleetConfiguration.Organizer
    let ledger: OrganizerLedger
    let slots: RunSlots
    let httpClient: HTTPClient
    let retryEnvironment: RetryEnvironment
    let logger: Logger
    let afterRun: @Sendable (LedgerDatabase) async -> Void

    func callAsFunction(_ shouldContinue: @escaping @Sendable () -> Bool) async throws -> IngestSummary? {
        try await slots.withSlot {
            guard shouldContinue() else { return nil }
            var configuration = TIXnGOClientConfiguration(
                baseURL: organizer.url, apiKey: try APIKey(contentsOfFile: organizer.apiKeyFile), retryPolicy: Fleet.retryPolicy)
            configuration.allowsInsecureHTTP = organizer.allowInsecureHTTP
            let client = TIXnGOClient(configuration: configuration, httpClient: httpClient, logger: logger, environment: retryEnvironment)
            let database = try await ledger.opened()
            do {
                let summary = try await database.ingest(
                    from: client, organizer: organizer.name, batchSize: organizer.batchSize, skipping: organizer.skipTickets,
                    shouldContinue: shouldContinue)
                await afterRun(database)
                return summary
            } catch let held as RunInProgress {
                throw held
            } catch {
                await afterRun(database)
                throw error
            }
        }
    }
}

/// An organizer's ledger, opened for each run and closed after it: a fleet's memory grows with
/// its runs at once, not with its organizers (each open ledger keeps its page cache). A ledger
/// that cannot be opened (its folder gone, its key file missing) fails that run only.
private final class OrganizerLedger: Sendable {
    private let organizer: FleetConfiguration.Organizer
    private let logger: Logger
    /// Whether the organizer's metrics were primed from its run journal (at its first open).
    private let primed = Mutex(false)

    init(_ organizer: FleetConfiguration.Organizer, logger: Logger) {
        self.organizer = organizer
        self.logger = logger
    }

    func opened() async throws -> LedgerDatabase {
        let opened = try LedgerDatabase(
            path: organizer.ledger, keyFile: organizer.keyFile,
            projection: RuleChoice(newLedgerMapping: organizer.mapping, newLedgerMode: organizer.mode), logger: logger)
        if !primed.withLock({ $0 }) {
            try await IngestMetrics.prime(organizer: organizer.name, from: opened)
            primed.withLock { $0 = true }
        }
        return opened
    }
}

/// The fleet's bound on runs in progress at once: a run waits its turn in arrival order.
actor RunSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

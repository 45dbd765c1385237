import Foundation
import Logging
import LedgerTestSupport
import TIXnGOClient
import TIXnGOSimulator
@testable import TicketLedger
import TicketLedgerService

/// A TIXnGO simulator on 127.0.0.1 with every change of the match day visible, and a ledger to ingest it into.
struct SimulatedOrganizer {
    static let apiKey = "test-key-5f2a"
    let server: SimulatorServer
    let port: Int
    let ledger: TemporaryLedger

    var url: String { SimulatorServer.baseURL(port: port) }

    init(
        tickets: Int, seed: UInt64 = 7, faults: FaultConfiguration = .none, duplicateRate: Double = 0, outOfOrderRate: Double = 0
    ) async throws {
        let feed = try TicketFeed(configuration: FeedConfiguration(
            organizer: "ORG", tickets: tickets, seed: seed, shape: .lifecycle,
            duplicateRate: duplicateRate, outOfOrderRate: outOfOrderRate))
        var logger = Logger(label: "simulator")
        logger.logLevel = .critical
        server = try SimulatorServer(
            feed: feed, clock: .manual(start: feed.lastPublishTime ?? Date()),
            configuration: .init(apiKey: Self.apiKey, faults: faults), logger: logger)
        port = try await server.start()
        ledger = try await TemporaryLedger(mapping: "2023-02-07", mode: .lifecycle)
    }

    /// A client that retries fast, so fault tests do not wait for real backoffs.
    func withClient<T>(_ body: (TIXnGOClient) async throws -> T) async throws -> T {
        var logger = Logger(label: "client")
        logger.logLevel = .critical
        let configuration = TIXnGOClientConfiguration(
            baseURL: url, apiKey: try APIKey(Self.apiKey), requestTimeout: .seconds(10),
            retryPolicy: RetryPolicy(maxAttempts: 12, baseDelay: .milliseconds(5), maxDelay: .milliseconds(50), maxElapsed: .seconds(60)))
        return try await TIXnGOClient.withHTTPClient(configuration: configuration, logger: logger, body)
    }

    /// One ingest run in-process, as the library's callers make it (lock, run journal, signed tree head).
    @discardableResult
    func ingest(into target: TemporaryLedger? = nil, batchSize: Int = 100) async throws -> IngestSummary {
        let ledger = target ?? self.ledger
        return try await withClient { client in
            try await ledger.database.ingest(from: client, organizer: "ORG", batchSize: batchSize)
        }
    }

    /// Checks the ledger against the simulator's ground truth; returns the mismatches, described.
    func mismatches(in target: TemporaryLedger? = nil) async throws -> [String] {
        let ledger = target ?? self.ledger
        let truth = server.groundTruth()
        var problems: [String] = []
        let events = try await ledger.database.summary().events
        if events != truth.distinctItems.count { problems.append("\(events) events for \(truth.distinctItems.count) distinct items") }
        let reports = Dictionary(uniqueKeysWithValues: try await ledger.database.tickets().map { ($0.ticketId, $0) })
        if reports.count != truth.tickets.count { problems.append("\(reports.count) tickets for \(truth.tickets.count)") }
        for (id, expected) in truth.tickets {
            guard let report = reports[id] else {
                problems.append("\(id) missing")
                continue
            }
            if report.view.tixngoStatus?.rawValue != expected.status.rawValue {
                problems.append("\(id): \(report.view.tixngoStatus?.rawValue ?? "-") instead of \(expected.status.rawValue)")
            }
            if report.holder.json["email"]?.stringValue != expected.email {
                problems.append("\(id): holder email differs")
            }
        }
        return problems
    }

    func stop() async { await server.stop() }
}

import Foundation
import Logging
import TIXnGOSimulator

/// Starts a simulator on an ephemeral port of 127.0.0.1, runs `body`, and always stops it.
func withServer<Result>(
    feed: TicketFeed,
    clock: SimulationClock,
    apiKey: String = "test-key",
    faults: FaultConfiguration = .none,
    _ body: (SimulatorServer, FeedClient) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "simulator-tests")
    logger.logLevel = .critical
    let server = try SimulatorServer(
        feed: feed, clock: clock, configuration: .init(port: 0, apiKey: apiKey, faults: faults), logger: logger)
    let port = try await server.start()
    do {
        let result = try await body(server, FeedClient(port: port, apiKey: apiKey))
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A small feed for server tests.
func smallFeed(tickets: Int = 300, shape: ItemShape = .lifecycle, seed: UInt64 = 7) throws -> TicketFeed {
    try TicketFeed(configuration: FeedConfiguration(tickets: tickets, seed: seed, shape: shape))
}

/// A time after every item of `feed` is published.
func endOfDay(_ feed: TicketFeed) -> Date {
    (feed.lastPublishTime ?? FeedConfiguration.defaultStart).addingTimeInterval(1)
}

import Foundation
import Logging
import Testing
import TIXnGOSimulator

@Suite("The server starts on a port it reports and stops cleanly")
struct ServerLifecycleTests {
    private func server(port: Int, feed: TicketFeed) throws -> SimulatorServer {
        var logger = Logger(label: "simulator-tests")
        logger.logLevel = .critical
        return try SimulatorServer(
            feed: feed, clock: .manual(start: endOfDay(feed)), configuration: .init(port: port, apiKey: "k"),
            logger: logger)
    }

    @Test func stoppingClosesThePort() async throws {
        let feed = try smallFeed(tickets: 10)
        let first = try server(port: 0, feed: feed)
        let port = try await first.start()
        #expect(port > 0)
        let client = FeedClient(port: port, apiKey: "k")
        let before = try await client.get()
        #expect(before.status == 200)
        await first.stop()
        await #expect(throws: (any Error).self) {
            _ = try await client.get()
        }
    }

    @Test func aBusyPortFailsToStartInsteadOfHanging() async throws {
        let feed = try smallFeed(tickets: 10)
        let first = try server(port: 0, feed: feed)
        let port = try await first.start()
        let second = try server(port: port, feed: feed)
        await #expect(throws: SimulatorError.self) {
            _ = try await second.start()
        }
        await second.stop()
        await first.stop()
    }
}

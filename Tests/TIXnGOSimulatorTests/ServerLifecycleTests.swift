import Foundation
import LedgerTestSupport
import Logging
import Testing
import TIXnGOSimulator

@Suite("The server starts on a port it reports and stops cleanly")
struct ServerLifecycleTests {
    private func server(port: Int, feed: TicketFeed, logger: Logger? = nil) throws -> SimulatorServer {
        var quiet = Logger(label: "simulator-tests")
        quiet.logLevel = .critical
        return try SimulatorServer(
            feed: feed, clock: .manual(start: endOfDay(feed)), configuration: .init(port: port, apiKey: "k"),
            logger: logger ?? quiet)
    }

    /// A stop is what an operator or a test asks for: not an error in the server's log, even
    /// with a client's keep-alive connection still open.
    @Test func stoppingLogsNoError() async throws {
        let capture = LogCapture()
        let server = try server(port: 0, feed: try smallFeed(tickets: 10), logger: capture.logger())
        let client = FeedClient(port: try await server.start(), apiKey: "k")
        #expect(try await client.get().status == 200)
        await server.stop()
        let errors = capture.logs.filter { $0.level >= .error }.map(\.message)
        #expect(errors.isEmpty, "\(errors)")
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

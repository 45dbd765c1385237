import ArgumentParser
import Foundation
import Logging
import TIXnGOSimulator

extension SimulatorCommand {
    /// Serves a generated feed over HTTP until SIGINT or SIGTERM.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve GET /v3/organizer/tickets/diff on 127.0.0.1 for a generated organizer feed.",
            discussion: """
                Simulated time starts at --start and runs --speed times faster than the wall clock; \
                an item is served once its publish time has passed. The API key comes from --api-key \
                or the environment variable TIXNGO_API_KEY, and is never printed.
                """)

        @OptionGroup var feed: FeedOptions
        @OptionGroup var faults: FaultOptions

        @Option(help: "Port on 127.0.0.1; 0 picks a free one.")
        var port = 8080

        @Option(help: "How many tickets the organizer has.")
        var tickets = 1000

        @Option(help: "Simulated seconds per real second (0 freezes the clock at --start).")
        var speed = 60.0

        @Option(help: "Simulated time at launch: RFC 3339 UTC, or 'end' for after the last item (default: --start).")
        var now: String?

        @Option(help: "The API key clients must send as x-api-key (default: $TIXNGO_API_KEY).")
        var apiKey: String?

        func validate() throws {
            if tickets < 1 {
                throw ValidationError("--tickets \(tickets): serve at least 1 ticket")
            }
            _ = try feed.configuration(tickets: tickets)
            _ = try serverConfiguration()
            if speed < 0 {
                throw ValidationError("--speed \(speed): use 0 or more simulated seconds per second")
            }
            if let name = ProcessInfo.processInfo.environment["LOG_LEVEL"], !name.isEmpty, Logger.Level(rawValue: name.lowercased()) == nil {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("LOG_LEVEL=\(name.debugDescription): use one of \(levels)")
            }
            if let now, now != "end", ISO8601DateFormatter().date(from: now) == nil {
                throw ValidationError("--now \(now): use an RFC 3339 UTC time such as 2026-06-20T12:00:00Z, or end")
            }
        }

        func run() async throws {
            let feedConfiguration = try feed.configuration(tickets: tickets)
            let ticketFeed = try TicketFeed(configuration: feedConfiguration)
            var logger = Logger(label: "tixngo-simulator")
            logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
            let server = try SimulatorServer(
                feed: ticketFeed, clock: SimulationClock(start: launchTime(of: ticketFeed), speed: speed),
                configuration: try serverConfiguration(), logger: logger)
            let summary = "\(ticketFeed.count) items of \(tickets) tickets, organizer \(feed.organizer), \(feed.shape.rawValue) shape, speed x\(speed)"
            try await server.run { port in
                Self.say("tixngo-simulator serving \(SimulatorServer.baseURL(port: port))/tickets/diff (\(summary))")
            }
            let counters = server.counters
            let faultSummary = FaultKind.allCases.map { "\($0.rawValue)=\(counters.faults[$0, default: 0])" }
            Self.say(
                "requests=\(counters.requests) pages=\(counters.pages) items=\(counters.itemsServed) "
                    + "unauthorized=\(counters.unauthorized) badRequests=\(counters.badRequests) "
                    + faultSummary.joined(separator: " "))
        }

        /// The simulated time the clock starts at.
        private func launchTime(of ticketFeed: TicketFeed) -> Date {
            switch now {
            case "end": (ticketFeed.lastPublishTime ?? ticketFeed.configuration.start).addingTimeInterval(1)
            case let now?: ISO8601DateFormatter().date(from: now) ?? ticketFeed.configuration.start
            case nil: ticketFeed.configuration.start
            }
        }

        /// Writes a line to standard output at once, so a script waiting for the port sees it.
        private static func say(_ line: String) {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }

        private func serverConfiguration() throws -> SimulatorServer.Configuration {
            guard let key = apiKey ?? ProcessInfo.processInfo.environment["TIXNGO_API_KEY"], !key.isEmpty else {
                throw ValidationError("no API key: pass --api-key or set TIXNGO_API_KEY")
            }
            let configuration = SimulatorServer.Configuration(
                port: port, apiKey: key, faults: try faults.configuration(defaultSeed: feed.seed))
            do {
                try configuration.validate()
            } catch let error as SimulatorError {
                throw ValidationError(error.description)
            }
            return configuration
        }
    }
}

import ArgumentParser
import Foundation
import TIXnGOSimulator

/// The flags that choose what feed is generated, shared by every subcommand.
struct FeedOptions: ParsableArguments {
    @Option(help: "Seed of every random choice: the same seed gives the same feed.")
    var seed: UInt64 = 1

    @Option(help: """
        The TIXnGO organizer whose tickets are simulated. Its items carry organizationId ORGANIZER-1 or \
        ORGANIZER-2: in TIXnGO one organizer's wallet receives tickets injected by several organizations.
        """)
    var organizer = "ORG-DEMO"

    @Option(help: "Item shape: history (legacyStatus/action/state) or lifecycle (status).")
    var shape: ItemShape = .history

    @Option(help: "Time of the first injection of the match day (RFC 3339 UTC).")
    var start = "2026-06-20T08:00:00Z"

    @Option(help: "Share of items served a second time later in the feed (0...1).")
    var duplicateRate = 0.0

    @Option(help: "Share of items published after later changes of the same ticket (0...1).")
    var outOfOrderRate = 0.0

    /// The start as a date, or nil when it is not RFC 3339.
    var startDate: Date? {
        ISO8601DateFormatter().date(from: start)
    }

    /// The feed configuration these flags describe, for `tickets` tickets.
    func configuration(tickets: Int) throws -> FeedConfiguration {
        guard let startDate else {
            throw ValidationError("--start \(start): use an RFC 3339 UTC time such as 2026-06-20T08:00:00Z")
        }
        let configuration = FeedConfiguration(
            organizer: organizer, tickets: tickets, seed: seed, shape: shape, start: startDate,
            duplicateRate: duplicateRate, outOfOrderRate: outOfOrderRate)
        do {
            try configuration.validate()
        } catch let error as SimulatorError {
            throw ValidationError(error.description)
        }
        return configuration
    }
}

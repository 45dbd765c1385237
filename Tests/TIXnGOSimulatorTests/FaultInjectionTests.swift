import Foundation
import Testing
import TIXnGOSimulator

@Suite("Transient faults never change the feed")
struct FaultInjectionTests {
    @Test func retryingEveryRequestYieldsExactlyTheFaultFreeFeed() async throws {
        let feed = try smallFeed(tickets: 200)
        var faults = FaultConfiguration.evenly(total: 0.5, seed: 99)
        faults.slowDelay = .milliseconds(20)
        try await withServer(feed: feed, clock: .manual(start: endOfDay(feed)), faults: faults) { server, client in
            let walk = try await client.walk(limit: 10)
            #expect(walk.items == (0..<feed.count).map { feed.entry(at: $0).item })
            let counters = server.counters
            for kind in FaultKind.allCases {
                #expect(counters.faults[kind, default: 0] > 0, "no \(kind.rawValue) injected")
            }
            #expect(counters.requests == counters.pages + counters.totalFaults - counters.faults[.slowResponse, default: 0])
        }
    }

    @Test(arguments: [(FaultKind.serverError, 500), (.unavailable, 503), (.rateLimited, 429)])
    func statusFaultsAnswerWithTheirCode(kind: FaultKind, status: Int) async throws {
        let feed = try smallFeed(tickets: 20)
        let faults = FaultConfiguration(rates: [kind: 1], retryAfterSeconds: 1)
        try await withServer(feed: feed, clock: .manual(start: endOfDay(feed)), faults: faults) { server, client in
            let answer = try await client.get()
            #expect(answer.status == status)
            if kind != .serverError {
                #expect(answer.headers["retry-after"] == "1")
            }
            #expect(server.counters.faults[kind] == 1)
        }
    }

    @Test(arguments: [FaultKind.droppedConnection, .truncatedBody])
    func brokenAnswersCannotBeReadAsAPage(kind: FaultKind) async throws {
        let feed = try smallFeed(tickets: 20)
        let faults = FaultConfiguration(rates: [kind: 1])
        try await withServer(feed: feed, clock: .manual(start: endOfDay(feed)), faults: faults) { server, client in
            await #expect(throws: FeedClient.TransientFailure.self) {
                try await client.page(after: nil, limit: 50)
            }
            #expect(server.counters.faults[kind, default: 0] >= 1)
            #expect(server.counters.pages == 0)
        }
    }

    @Test func slowAnswersArriveLateButWhole() async throws {
        let feed = try smallFeed(tickets: 20)
        let faults = FaultConfiguration(rates: [.slowResponse: 1], slowDelay: .milliseconds(300))
        try await withServer(feed: feed, clock: .manual(start: endOfDay(feed)), faults: faults) { _, client in
            let started = ContinuousClock.now
            let page = try await client.page(after: nil, limit: 50)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(page.tickets == (0..<50).map { feed.entry(at: $0).item })
        }
    }

    @Test func faultRatesAboveOneAreRefused() throws {
        let feed = try smallFeed(tickets: 5)
        #expect(throws: SimulatorError.self) {
            try SimulatorServer(
                feed: feed, clock: .manual(start: .now),
                configuration: .init(apiKey: "k", faults: .evenly(total: 1.2)), logger: .init(label: "t"))
        }
    }
}

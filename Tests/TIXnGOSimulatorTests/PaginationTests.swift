import Foundation
import Testing
import TIXnGOSimulator

@Suite("The server pages through the visible feed")
struct PaginationTests {
    @Test func walksTheWholeVisibleFeedAndEndsWithAShortPage() async throws {
        let feed = try smallFeed()
        let clock = SimulationClock.manual(start: endOfDay(feed))
        try await withServer(feed: feed, clock: clock) { server, client in
            let walk = try await client.walk(limit: 100)
            #expect(walk.items == (0..<feed.count).map { feed.entry(at: $0).item })
            #expect(walk.pages.dropLast().allSatisfy { $0 == 100 })
            #expect(try #require(walk.pages.last) < 100)
            #expect(server.counters.itemsServed == feed.count)
            #expect(server.counters.pages == walk.pages.count)
        }
    }

    @Test func anEmptyPageStillReturnsAKeyToGoOnWith() async throws {
        let feed = try smallFeed(tickets: 50)
        let clock = SimulationClock.manual(start: endOfDay(feed))
        try await withServer(feed: feed, clock: clock) { _, client in
            let (full, _) = try await client.pageRetrying(after: nil, limit: feed.count)
            #expect(full.tickets.count == feed.count)
            let (empty, _) = try await client.pageRetrying(after: full.nextPageKey, limit: 10)
            #expect(empty.tickets.isEmpty)
            #expect(empty.nextPageKey == full.nextPageKey)
        }
    }

    @Test func advancingSimulatedTimeRevealsNewItems() async throws {
        let feed = try smallFeed()
        let clock = SimulationClock.manual(start: FeedConfiguration.defaultStart.addingTimeInterval(3 * 3600))
        try await withServer(feed: feed, clock: clock) { server, client in
            let morning = try await client.walk(limit: 64)
            let morningCount = feed.visibleCount(at: clock.now)
            #expect(morning.items.count == morningCount && morningCount > 0)
            let (again, _) = try await client.pageRetrying(after: morning.key, limit: 64)
            #expect(again.tickets.isEmpty && again.nextPageKey == morning.key)

            clock.advance(by: 4 * 3600)
            let afternoon = try await client.walk(from: morning.key, limit: 64)
            let afternoonCount = feed.visibleCount(at: clock.now)
            #expect(afternoonCount > morningCount)
            #expect(afternoon.items == (morningCount..<afternoonCount).map { feed.entry(at: $0).item })
            #expect(server.groundTruth().visibleItemCount == afternoonCount)
        }
    }

    @Test func aMissingOrWrongApiKeyGets401() async throws {
        let feed = try smallFeed(tickets: 20)
        try await withServer(feed: feed, clock: .manual(start: endOfDay(feed))) { server, client in
            let missing = FeedClient(port: client.port, apiKey: nil)
            let wrong = FeedClient(port: client.port, apiKey: "not-the-key")
            let statuses = [try await missing.get().status, try await wrong.get().status, try await client.get().status]
            #expect(statuses == [401, 401, 200])
            #expect(server.counters.unauthorized == 2)
        }
    }

    @Test(arguments: [
        ("not-a-key", nil), ("AAAAAAAAAAAAAAAA", nil), (nil, "0"), (nil, "10001"), (nil, "ten"), (nil, "-5"),
    ] as [(String?, String?)])
    func aBadKeyOrLimitGets400(key: String?, limit: String?) async throws {
        let feed = try smallFeed(tickets: 20)
        try await withServer(feed: feed, clock: .manual(start: endOfDay(feed))) { server, client in
            let answer = try await client.get(paginationKey: key, limit: limit)
            #expect(answer.status == 400)
            #expect(server.counters.badRequests == 1)
        }
    }

    @Test func aKeyFromAnotherFeedGets400() async throws {
        let feed = try smallFeed(tickets: 20)
        let other = try smallFeed(tickets: 20, seed: 8)
        let otherKey = try await withServer(feed: other, clock: .manual(start: endOfDay(other))) { _, client in
            try await client.pageRetrying(after: nil, limit: 5).0.nextPageKey
        }
        try await withServer(feed: feed, clock: .manual(start: endOfDay(feed))) { _, client in
            let answer = try await client.get(paginationKey: otherKey)
            #expect(answer.status == 400)
        }
    }

    @Test func withoutALimitAPageHoldsAThousandItems() async throws {
        let feed = try smallFeed()
        try await withServer(feed: feed, clock: .manual(start: endOfDay(feed))) { _, client in
            let answer = try await client.get()
            let page = try JSONDecoder().decode(FeedClient.Page.self, from: answer.body)
            #expect(feed.count > 1000 && page.tickets.count == 1000)
            #expect(answer.headers["content-type"] == "application/json")
        }
    }
}

import Foundation
import Testing
import TIXnGOSimulator

@Suite("The generator is deterministic and well ordered")
struct GeneratorDeterminismTests {
    private let configuration = FeedConfiguration(
        tickets: 400, seed: 42, shape: .lifecycle, duplicateRate: 0.05, outOfOrderRate: 0.05)

    @Test func sameSeedGivesTheSameFeedByteForByte() throws {
        let first = try FeedSequence(configuration: configuration).map { $0.item.jsonBytes() }
        let second = try FeedSequence(configuration: configuration).map { $0.item.jsonBytes() }
        #expect(first.count > 1000)
        #expect(first == second)
    }

    @Test func materializedFeedEqualsTheStream() throws {
        let stream = Array(try FeedSequence(configuration: configuration))
        let feed = try TicketFeed(configuration: configuration)
        #expect(feed.count == stream.count)
        #expect((0..<feed.count).map(feed.entry(at:)) == stream)
    }

    @Test func anotherSeedGivesAnotherFeed() throws {
        var other = configuration
        other.seed = 43
        let first = try FeedSequence(configuration: configuration).prefix(50).map(\.item)
        let second = try FeedSequence(configuration: other).prefix(50).map(\.item)
        #expect(first != second)
    }

    @Test func statusDatesStrictlyIncreasePerTicketAndPrecedePublication() throws {
        var plain = configuration
        plain.duplicateRate = 0
        plain.outOfOrderRate = 0
        var lastDate = [String: String]()
        var lastPublish = Date.distantPast
        for entry in try FeedSequence(configuration: plain) {
            let item = entry.item
            #expect(item.ticketId.wholeMatch(of: /T-\d{6}/) != nil)
            #expect(item.statusDate.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
            let statusDate = try #require(ISO8601DateFormatter().date(from: item.statusDate))
            #expect(entry.publishTime >= statusDate)
            #expect(entry.publishTime >= lastPublish)
            if let previous = lastDate[item.ticketId] {
                #expect(previous < item.statusDate, "\(item.ticketId) went from \(previous) to \(item.statusDate)")
            }
            lastDate[item.ticketId] = item.statusDate
            lastPublish = entry.publishTime
        }
        #expect(lastDate.count == plain.tickets)
    }

    @Test func rejectsAFeedWithoutTickets() {
        #expect(throws: SimulatorError.self) {
            try TicketFeed(configuration: FeedConfiguration(tickets: 0))
        }
    }
}

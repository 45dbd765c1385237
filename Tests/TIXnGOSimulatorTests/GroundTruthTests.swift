import Foundation
import Testing
import TIXnGOSimulator

@Suite("Ground truth tells each ticket's latest visible item")
struct GroundTruthTests {
    private let feed: TicketFeed

    init() throws {
        feed = try TicketFeed(configuration: FeedConfiguration(tickets: 800, seed: 21, duplicateRate: 0.05, outOfOrderRate: 0.1))
    }

    @Test func latestItemHasTheGreatestVisibleStatusDate() throws {
        let noon = FeedConfiguration.defaultStart.addingTimeInterval(4 * 3600)
        let truth = feed.groundTruth(at: noon)
        let visible = (0..<feed.visibleCount(at: noon)).map(feed.entry(at:))
        #expect(truth.visibleItemCount == visible.count)
        #expect(visible.allSatisfy { $0.publishTime <= noon })
        var latest = [String: FeedEntry]()
        var email = [String: String]()
        for entry in visible.sorted(by: { $0.item.statusDate < $1.item.statusDate }) {
            latest[entry.item.ticketId] = entry
            if let address = entry.item.spectatorDetails?.email { email[entry.item.ticketId] = address }
        }
        #expect(truth.tickets.count == latest.count)
        for (ticket, entry) in latest {
            let expected = try #require(truth.tickets[ticket])
            #expect(expected.latest == entry.item)
            #expect(expected.status == entry.status)
            #expect(expected.statusDate == entry.item.statusDate)
            #expect(expected.email == email[ticket])
        }
        #expect(Set(truth.distinctItems) == Set(visible.map(\.item)))
        #expect(truth.distinctItems.count == visible.filter { !$0.isDuplicate }.count)
    }

    @Test func nothingIsVisibleBeforeTheDayStarts() {
        let truth = feed.groundTruth(at: FeedConfiguration.defaultStart.addingTimeInterval(-1))
        #expect(truth.visibleItemCount == 0 && truth.tickets.isEmpty && truth.distinctItems.isEmpty)
    }

    @Test func everythingIsVisibleAtTheEndOfTheDay() {
        let truth = feed.groundTruth(at: endOfDay(feed))
        #expect(truth.visibleItemCount == feed.count)
        #expect(truth.tickets.count == 800)
        #expect(truth.tickets.values.contains { $0.status == .controlled })
    }
}

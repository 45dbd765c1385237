import Foundation
import Testing
import TIXnGOSimulator

@Suite("Duplicates and late arrivals are part of the feed itself")
struct AnomalyTests {
    private static let configuration = FeedConfiguration(
        tickets: 1000, seed: 3, shape: .history, duplicateRate: 0.1, outOfOrderRate: 0.1)

    @Test func duplicatesRepeatAnEarlierItemExactly() throws {
        let feed = try TicketFeed(configuration: Self.configuration)
        var seen = Set<[UInt8]>()
        var duplicates = 0
        for index in 0..<feed.count {
            let entry = feed.entry(at: index)
            let bytes = entry.item.jsonBytes()
            #expect(seen.contains(bytes) == entry.isDuplicate)
            if entry.isDuplicate { duplicates += 1 }
            seen.insert(bytes)
        }
        let share = Double(duplicates) / Double(feed.count)
        #expect((0.06...0.14).contains(share), "duplicate share \(share)")
        let truth = feed.groundTruth(at: endOfDay(feed))
        #expect(truth.distinctItems.count == seen.count)
        #expect(truth.duplicateCount == duplicates)
    }

    @Test func lateItemsArriveAfterLaterChangesOfTheirTicket() throws {
        func lateShare(_ configuration: FeedConfiguration) throws -> Double {
            var newest = [String: String]()
            var late = 0
            var total = 0
            for entry in try FeedSequence(configuration: configuration) where !entry.isDuplicate {
                total += 1
                let item = entry.item
                if let seen = newest[item.ticketId], seen > item.statusDate { late += 1 }
                newest[item.ticketId] = max(newest[item.ticketId] ?? "", item.statusDate)
            }
            return Double(late) / Double(total)
        }
        var plain = Self.configuration
        plain.outOfOrderRate = 0
        #expect(try lateShare(plain) == 0)
        let share = try lateShare(Self.configuration)
        #expect((0.05...0.12).contains(share), "late share \(share)")
    }

    @Test func anomaliesDoNotChangeTheUnderlyingLifecycles() throws {
        var plain = Self.configuration
        (plain.duplicateRate, plain.outOfOrderRate) = (0, 0)
        let noisy = Set(try FeedSequence(configuration: Self.configuration).map(\.item))
        let clean = Set(try FeedSequence(configuration: plain).map(\.item))
        #expect(noisy == clean)
    }
}

public import Foundation
import SharedSupport

/// A whole feed held in memory in compact form, for random access by the server and for
/// ground truth; items are rendered when asked for.
public struct TicketFeed: Sendable {
    /// One item of the feed, unrendered.
    struct Slot: Sendable {
        let time: Int64
        let ticket: Int32
        let change: Int16
        let isDuplicate: Bool
    }

    /// What was generated.
    public let configuration: FeedConfiguration
    let plans: [TicketPlan?]
    let slots: [Slot]
    let renderer: ChangeRenderer
    /// Tells this feed apart from feeds of other configurations, e.g. in pagination keys.
    let fingerprint: UInt64

    /// Generates the feed of `configuration`.
    public init(configuration: FeedConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        var merger = FeedMerger(configuration: configuration)
        var plans = [TicketPlan?](repeating: nil, count: configuration.tickets)
        var slots = [Slot]()
        while let scheduled = merger.next() {
            plans[scheduled.plan.index] = scheduled.plan
            let publication = scheduled.publication
            slots.append(
                Slot(
                    time: publication.time, ticket: Int32(scheduled.plan.index), change: Int16(publication.change),
                    isDuplicate: publication.isDuplicate))
        }
        self.plans = plans
        self.slots = slots
        renderer = ChangeRenderer(configuration: configuration)
        fingerprint = Self.fingerprint(of: configuration)
    }

    /// How many items the whole feed has, repeated copies included.
    public var count: Int { slots.count }

    /// When the first item becomes visible.
    public var firstPublishTime: Date? { slots.first.map { Date(timeIntervalSince1970: TimeInterval($0.time)) } }

    /// When the last item becomes visible.
    public var lastPublishTime: Date? { slots.last.map { Date(timeIntervalSince1970: TimeInterval($0.time)) } }

    /// How many items are visible at `time`: always a prefix of the feed.
    public func visibleCount(at time: Date) -> Int {
        let limit = time.timeIntervalSince1970
        var low = 0
        var high = slots.count
        while low < high {
            let middle = (low + high) / 2
            if TimeInterval(slots[middle].time) <= limit { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The item at `index` with its publish time.
    public func entry(at index: Int) -> FeedEntry {
        let slot = slots[index]
        let plan = plan(of: slot)
        return FeedEntry(
            publishTime: Date(timeIntervalSince1970: TimeInterval(slot.time)), isDuplicate: slot.isDuplicate,
            status: plan.changes[Int(slot.change)].status, item: renderer.item(plan, change: Int(slot.change)))
    }

    /// Writes the items in `range` as JSON array elements.
    func writeItems(_ range: Range<Int>, to json: inout JSONWriter) {
        for index in range {
            let slot = slots[index]
            renderer.item(plan(of: slot), change: Int(slot.change)).write(to: &json)
        }
    }

    func plan(of slot: Slot) -> TicketPlan {
        guard let plan = plans[Int(slot.ticket)] else { preconditionFailure("slot of an unplanned ticket") }
        return plan
    }

    private static func fingerprint(of configuration: FeedConfiguration) -> UInt64 {
        var hash = SplitMix64.mix(configuration.seed)
        let parts: [UInt64] = [
            UInt64(configuration.tickets), UInt64(bitPattern: configuration.startSeconds),
            configuration.duplicateRate.bitPattern, configuration.outOfOrderRate.bitPattern,
            UInt64(bitPattern: Int64(configuration.itemLimit ?? -1)), configuration.shape == .history ? 1 : 2,
        ]
        for part in parts + configuration.organizer.utf8.map(UInt64.init) {
            hash = SplitMix64.mix(hash ^ part)
        }
        return hash
    }
}

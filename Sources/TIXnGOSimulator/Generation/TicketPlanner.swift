import SharedSupport

/// Plans one ticket's match day from the seed alone, independently of every other ticket.
struct TicketPlanner: Sendable {
    let configuration: FeedConfiguration

    /// Kick-off of each match, in seconds after the first injection.
    static let kickoffOffsets: [Int64] = [7 * 3600, 10 * 3600, 13 * 3600]

    private static let extraInfo1 = ["Family stand", "Hospitality", "Accessible seating", "Supporters' end", "Press"]

    /// When ticket `index` is injected: no change of it is published earlier.
    func injectionTime(of index: Int) -> Int64 {
        var rng = SplitMix64(seed: configuration.seed, stream: UInt64(index), substream: 2)
        return configuration.startSeconds + rng.int(in: 0...7199)
    }

    /// The plan of ticket `index`.
    func plan(_ index: Int) -> TicketPlan {
        var rng = SplitMix64(seed: configuration.seed, stream: UInt64(index), substream: 3)
        let organization = rng.chance(0.7) ? 1 : 2
        let eventDraw = rng.unit()
        let event = eventDraw < 0.4 ? 0 : (eventDraw < 0.75 ? 1 : 2)
        let extra: [String: String]? =
            rng.chance(0.3)
            ? [
                "ExtraInfo1": rng.pick(Self.extraInfo1),
                "ExtraInfo2": "Block \(rng.int(in: 101...148)) Row \(rng.int(in: 1...40)) Seat \(rng.int(in: 1...30))",
            ] : nil
        var lifecycle = LifecycleBuilder(
            ticket: index, injection: injectionTime(of: index),
            kickoff: configuration.startSeconds + Self.kickoffOffsets[event], gate: Int(rng.int(in: 0...15)))
        let changes = lifecycle.build(rng: &rng)
        return TicketPlan(
            index: index, organization: organization, event: event, extra: extra,
            changes: changes, publications: publications(of: changes, rng: &rng))
    }

    /// When the feed shows each change: a short lag after its statusDate, never before an earlier
    /// change of the ticket, except the late ones; plus the duplicated copies.
    private func publications(of changes: [LifecycleChange], rng: inout SplitMix64) -> [TicketPlan.Publication] {
        var times = [Int64]()
        times.reserveCapacity(changes.count)
        for change in changes {
            times.append(max(change.statusDate + rng.int(in: 0...90), times.last ?? .min))
        }
        for index in stride(from: changes.count - 2, through: 0, by: -1)
        where rng.chance(configuration.outOfOrderRate) {
            times[index] = times[index + 1] + rng.int(in: 60...1800)
        }
        var publications = times.enumerated().map { TicketPlan.Publication(change: $0, time: $1, isDuplicate: false) }
        for (index, time) in times.enumerated() where rng.chance(configuration.duplicateRate) {
            publications.append(.init(change: index, time: time + rng.int(in: 60...3600), isDuplicate: true))
        }
        publications.sort { ($0.time, $0.change, $0.isDuplicate ? 1 : 0) < ($1.time, $1.change, $1.isDuplicate ? 1 : 0) }
        return publications
    }
}

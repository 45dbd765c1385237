/// Merges every ticket's publications into the feed order (publish time, then ticket), planning
/// each ticket only when its injection comes up and forgetting it once published.
struct FeedMerger: IteratorProtocol {
    /// One item of the feed, not yet rendered.
    struct Scheduled {
        let plan: TicketPlan
        let publication: TicketPlan.Publication
    }

    /// The next publication of one ticket; before its plan exists, the injection time stands in.
    private struct Pending: Comparable {
        let time: Int64
        let ticket: Int
        let cursor: Int

        static func < (lhs: Pending, rhs: Pending) -> Bool {
            (lhs.time, lhs.ticket) < (rhs.time, rhs.ticket)
        }
    }

    private let planner: TicketPlanner
    private var heap: MinHeap<Pending>
    private var plans: [TicketPlan?]
    private var remaining: Int

    init(configuration: FeedConfiguration) {
        planner = TicketPlanner(configuration: configuration)
        let planner = planner
        heap = MinHeap((0..<configuration.tickets).map { Pending(time: planner.injectionTime(of: $0), ticket: $0, cursor: 0) })
        plans = Array(repeating: nil, count: configuration.tickets)
        remaining = configuration.itemLimit ?? .max
    }

    mutating func next() -> Scheduled? {
        guard remaining > 0 else { return nil }
        while let pending = heap.popMin() {
            guard let plan = plans[pending.ticket] else {
                let plan = planner.plan(pending.ticket)
                plans[pending.ticket] = plan
                heap.push(Pending(time: plan.publications[0].time, ticket: pending.ticket, cursor: 0))
                continue
            }
            let publication = plan.publications[pending.cursor]
            let next = pending.cursor + 1
            if next < plan.publications.count {
                heap.push(Pending(time: plan.publications[next].time, ticket: pending.ticket, cursor: next))
            } else {
                plans[pending.ticket] = nil
            }
            remaining -= 1
            return Scheduled(plan: plan, publication: publication)
        }
        return nil
    }
}

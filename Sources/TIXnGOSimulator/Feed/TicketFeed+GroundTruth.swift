public import Foundation

extension TicketFeed {
    /// What the feed has shown by `time`: each ticket's latest visible item and the distinct items.
    public func groundTruth(at time: Date) -> GroundTruth {
        let visible = visibleCount(at: time)
        var latest = [Int32: Slot]()
        var latestWithHolder = [Int32: Slot]()
        var distinct = [Slot]()
        for slot in slots[0..<visible] where !slot.isDuplicate {
            distinct.append(slot)
            let change = plan(of: slot).changes[Int(slot.change)]
            if isLater(change, than: latest[slot.ticket]) {
                latest[slot.ticket] = slot
            }
            if change.holder != nil, isLater(change, than: latestWithHolder[slot.ticket]) {
                latestWithHolder[slot.ticket] = slot
            }
        }
        var tickets = [String: TicketTruth](minimumCapacity: latest.count)
        for (ticket, slot) in latest {
            let plan = plan(of: slot)
            let item = renderer.item(plan, change: Int(slot.change))
            let email = latestWithHolder[ticket].flatMap {
                renderer.item(plan, change: Int($0.change)).spectatorDetails?.email
            }
            tickets[plan.ticketId] = TicketTruth(
                ticketId: plan.ticketId, status: plan.changes[Int(slot.change)].status,
                statusDate: item.statusDate, email: email, latest: item)
        }
        return GroundTruth(
            time: time, visibleItemCount: visible, tickets: tickets,
            distinctItems: distinct.map { renderer.item(plan(of: $0), change: Int($0.change)) })
    }

    private func isLater(_ change: LifecycleChange, than slot: Slot?) -> Bool {
        guard let slot else { return true }
        return change.statusDate > plan(of: slot).changes[Int(slot.change)].statusDate
    }
}

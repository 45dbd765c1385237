/// One ticket's whole day: its profile, its changes, and when the feed publishes each.
final class TicketPlan: Sendable {
    /// One appearance of a change in the feed.
    struct Publication: Sendable {
        /// Index into ``TicketPlan/changes``.
        let change: Int
        /// When the change becomes visible, in seconds since the epoch.
        let time: Int64
        /// True for a second copy of a change already published.
        let isDuplicate: Bool
    }

    /// Position of the ticket in the organizer's list (0-based).
    let index: Int
    /// The ticket's S-360 id.
    let ticketId: String
    /// Which organization of the organizer injected it (1 or 2).
    let organization: Int
    /// Which match it is for.
    let event: Int
    /// Organizer-defined extra information, on some tickets.
    let extra: [String: String]?
    /// The changes, in statusDate order (strictly increasing).
    let changes: [LifecycleChange]
    /// The publications, in feed order.
    let publications: [Publication]

    init(
        index: Int, organization: Int, event: Int, extra: [String: String]?,
        changes: [LifecycleChange], publications: [Publication]
    ) {
        self.index = index
        self.ticketId = Self.ticketId(index)
        self.organization = organization
        self.event = event
        self.extra = extra
        self.changes = changes
        self.publications = publications
    }

    /// "T-000123" for index 122.
    static func ticketId(_ index: Int) -> String {
        let digits = String(index + 1)
        return "T-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

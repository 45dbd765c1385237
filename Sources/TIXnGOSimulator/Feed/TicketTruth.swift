/// What a consumer that stored every visible item should conclude about one ticket.
public struct TicketTruth: Sendable, Hashable {
    /// The ticket.
    public let ticketId: String
    /// The lifecycle status of the visible item with the greatest statusDate
    /// (for history-shaped items, the business status it was rendered from).
    public let status: LifecycleStatus
    /// That item's statusDate (RFC 3339).
    public let statusDate: String
    /// The e-mail in the spectatorDetails of the latest visible item that has any; nil before download.
    public let email: String?
    /// The visible item with the greatest statusDate, as served.
    public let latest: TicketChange
}

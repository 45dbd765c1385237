/// A ticket's identity in the ledger: the same ticket id may exist under several organizers.
public struct TicketKey: Hashable, Sendable {
    public var organizer: String
    public var ticketId: String

    public init(organizer: String, ticketId: String) {
        self.organizer = organizer
        self.ticketId = ticketId
    }
}

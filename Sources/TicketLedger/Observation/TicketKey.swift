/// A ticket's identity in the ledger: the same ticket id may exist under several organizers.
struct TicketKey: Hashable, Sendable {
    var organizer: String
    var ticketId: String

    init(organizer: String, ticketId: String) {
        self.organizer = organizer
        self.ticketId = ticketId
    }
}

/// One observation of one ticket, as the feed serves it (docs/feedback-api.yaml `TicketChange`).
public struct TicketChange: Sendable, Hashable, Codable {
    /// S-360 ticket id (ticket tax number).
    public var ticketId: String
    /// Organization of the organizer that injected the ticket.
    public var organizationId: String?
    /// The event (match) the ticket is for.
    public var eventId: String?
    /// When TIXnGO recorded this status (RFC 3339 UTC).
    public var statusDate: String
    /// Lifecycle mode: the business status.
    public var status: LifecycleStatus?
    /// History mode: the legacy status.
    public var legacyStatus: LegacyStatus?
    /// History mode: the blockchain action.
    public var action: TransactionAction?
    /// History mode: the blockchain transaction state.
    public var state: TransactionState?
    /// History mode: the blockchain transaction.
    public var transactionId: String?
    /// The wallet that holds the ticket now.
    public var ownerId: String?
    /// The holder.
    public var spectatorDetails: SpectatorDetails?
    /// The transfer waiting on acceptance.
    public var pendingTransfer: PendingTransfer?
    /// How and when the ticket was activated.
    public var activation: Activation?
    /// Where and when the ticket was controlled.
    public var control: Control?
    /// What S-360 pushed when deleting the ticket.
    public var deletionReason: DeletionReason?
    /// The Bluetooth beacon that activated the ticket.
    public var beaconName: String?
    /// Organizer-defined details.
    public var ticketDetails: TicketDetails?

    /// Creates an observation with its required fields; set the others as needed.
    public init(ticketId: String, statusDate: String) {
        self.ticketId = ticketId
        self.statusDate = statusDate
    }
}

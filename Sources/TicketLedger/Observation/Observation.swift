/// One TIXnGO status observation, judged valid and split into what the ledger may
/// keep in clear and what is personal data.
public struct Observation: Sendable {
    /// S-360's ticket id (ticket tax number).
    public var ticketId: String
    /// When TIXnGO recorded this status.
    public var statusDate: Timestamp
    /// Lifecycle shape: the business status.
    public var status: TIXnGOStatus?
    /// History shape: the blockchain transaction.
    public var transaction: Transaction?
    /// What S-360 pushed when it deleted the ticket.
    public var deletionReason: DeletionReason?
    /// The item carries `beaconName`.
    public var hasBeacon: Bool
    /// The item carries `ticketDetails.extra`.
    public var hasExtraInfo: Bool
    /// The item without its personal members, as received (canonical form).
    public var publicPart: JSONValue
    /// `spectatorDetails`, the holder: personal data.
    public var spectatorDetails: JSONValue?
    /// `pendingTransfer`, naming the recipient: personal data.
    public var pendingTransfer: JSONValue?
    /// The canonical bytes of the whole item: what the content key is computed from.
    public var canonicalBytes: [UInt8]

    /// The holder's email, which identifies the person their data is encrypted for.
    public var holderEmail: String? { spectatorDetails?["email"]?.stringValue }
    /// The transfer recipient's email.
    public var recipientEmail: String? { pendingTransfer?["recipientEmail"]?.stringValue }
}

/// A history-mode transaction: (legacyStatus, action, state).
public struct Transaction: Sendable, Equatable {
    public var legacyStatus: LegacyStatus
    public var action: TransactionAction
    public var state: TransactionState

    public init(legacyStatus: LegacyStatus, action: TransactionAction, state: TransactionState) {
        self.legacyStatus = legacyStatus
        self.action = action
        self.state = state
    }
}

/// The members of a TicketChange that hold personal data; everything else is kept in clear.
public enum PersonalMembers {
    public static let spectatorDetails = "spectatorDetails"
    public static let pendingTransfer = "pendingTransfer"
    static let all: Set<String> = [spectatorDetails, pendingTransfer]
}

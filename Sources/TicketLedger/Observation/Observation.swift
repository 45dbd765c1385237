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
    /// The item without its personal members, as received, in canonical JSON.
    public var publicBody: String
    /// `spectatorDetails`, the holder: personal data, in canonical JSON.
    public var spectatorDetails: PersonalMember?
    /// `pendingTransfer`, naming the recipient: personal data, in canonical JSON.
    public var pendingTransfer: PersonalMember?
    /// The canonical bytes of the whole item: what the content key is computed from.
    public var canonicalBytes: [UInt8]
}

/// A personal member of an item: its canonical bytes (what is sealed) and the email that names its person.
public struct PersonalMember: Sendable {
    public var canonicalBytes: [UInt8]
    public var email: String?
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

/// One TIXnGO status observation, judged valid and split into what the ledger may
/// keep in clear and what is personal data.
struct Observation: Sendable, Equatable {
    /// S-360's ticket id (ticket tax number).
    var ticketId: String
    /// When TIXnGO recorded this status.
    var statusDate: Timestamp
    /// Lifecycle shape: the business status.
    var status: TIXnGOStatus?
    /// History shape: the blockchain transaction.
    var transaction: Transaction?
    /// What S-360 pushed when it deleted the ticket.
    var deletionReason: DeletionReason?
    /// The item carries `beaconName`.
    var hasBeacon: Bool
    /// The item carries `ticketDetails.extra`.
    var hasExtraInfo: Bool
    /// The item without its personal members, as received, in canonical JSON.
    var publicBody: String
    /// `spectatorDetails`, the holder: personal data, in canonical JSON.
    var spectatorDetails: PersonalMember?
    /// `pendingTransfer`, naming the recipient: personal data, in canonical JSON.
    var pendingTransfer: PersonalMember?
    /// The canonical bytes of the whole item: what the content key is computed from.
    var canonicalBytes: [UInt8]
}

/// A personal member of an item: its canonical bytes (what is sealed) and the email that names its person.
struct PersonalMember: Sendable, Equatable {
    var canonicalBytes: [UInt8]
    var email: String?
}

/// A history-mode transaction: (legacyStatus, action, state).
struct Transaction: Sendable, Equatable {
    var legacyStatus: LegacyStatus
    var action: TransactionAction
    var state: TransactionState

    init(legacyStatus: LegacyStatus, action: TransactionAction, state: TransactionState) {
        self.legacyStatus = legacyStatus
        self.action = action
        self.state = state
    }
}

/// The members of a TicketChange that hold personal data; everything else is kept in clear.
enum PersonalMembers {
    static let spectatorDetails = "spectatorDetails"
    static let pendingTransfer = "pendingTransfer"
    static let all = [spectatorDetails, pendingTransfer]

    /// The personal member whose name is these UTF-8 bytes, or nil for a public member.
    static func named(_ name: UnsafeBufferPointer<UInt8>) -> String? {
        // Compared as bytes, so the names of an item scanned in place need not become Strings.
        for member in all where member.utf8.elementsEqual(name) { return member }
        return nil
    }
}

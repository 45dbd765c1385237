/// One change in a ticket's life, before it is rendered in either item shape.
struct LifecycleChange: Sendable, Hashable {
    /// What happened to the ticket.
    enum Kind: UInt8, Sendable {
        case injection, download, assignment
        case pendingTransfer, transferAccepted, transferRejected, transferCancelledByOrganizer
        case activation, deactivation, control
        case deletionPending, deletion
    }

    var kind: Kind
    /// When TIXnGO recorded it, in seconds since the epoch.
    var statusDate: Int64
    /// The person holding the ticket after the change, nil before download.
    var holder: UInt64?
    /// The person whose wallet holds the ticket after the change.
    var owner: UInt64?
    /// Pending transfer: the recipient.
    var recipient: UInt64?
    /// Which blockchain transaction of the ticket it belongs to (0 = injection).
    var transaction: UInt8 = 0
    /// Activation: the method.
    var method: ActivationMethod?
    /// Activation by beacon, control: index of the gate.
    var gate: Int = 0
    /// Deletion: why.
    var deletionReason: DeletionReason?
    /// History shape of a failed transfer: KO, CANCELLED or FAILED.
    var failureState: TransactionState = .ko
    /// History shape of a deletion: DELETE or BURN.
    var deletionAction: TransactionAction = .delete

    /// The business status this change shows in lifecycle mode.
    var status: LifecycleStatus {
        switch kind {
        case .injection: .injected
        case .download: .downloaded
        case .assignment: .assigned
        case .pendingTransfer: .pendingTransfer
        case .transferAccepted: .transferred
        case .transferRejected: .failureTransfer
        case .transferCancelledByOrganizer: .failure
        case .activation: (method ?? .online).status
        case .deactivation: .deactivated
        case .control: .controlled
        case .deletionPending: .deletionPending
        case .deletion: .deleted
        }
    }
}

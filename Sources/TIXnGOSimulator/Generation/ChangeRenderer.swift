import SharedSupport

/// Renders a planned change as the item the feed serves, in the configured shape.
struct ChangeRenderer: Sendable {
    let shape: ItemShape
    let organizer: String
    let seed: UInt64
    let persons: PersonFactory

    /// The match ids, one per kick-off of ``TicketPlanner/kickoffOffsets``.
    static let eventIds = ["M-01", "M-02", "M-03"]
    private static let gates = ["NORTH", "EAST", "SOUTH", "WEST"]

    init(configuration: FeedConfiguration) {
        shape = configuration.shape
        organizer = configuration.organizer
        seed = configuration.seed
        persons = PersonFactory(seed: configuration.seed)
    }

    /// The item for change `index` of `plan`.
    func item(_ plan: TicketPlan, change index: Int) -> TicketChange {
        let change = plan.changes[index]
        let statusDate = RFC3339.string(microseconds: change.statusDate * 1_000_000)
        var item = TicketChange(ticketId: plan.ticketId, statusDate: statusDate)
        item.organizationId = "\(organizer)-\(plan.organization)"
        item.eventId = Self.eventIds[plan.event]
        switch shape {
        case .lifecycle:
            item.status = change.status
        case .history:
            (item.legacyStatus, item.action, item.state) = Self.transaction(of: change)
            item.transactionId = transactionId(plan.index, change.transaction)
        }
        if let owner = change.owner {
            item.ownerId = persons.walletId(of: owner)
        }
        if let holder = change.holder {
            item.spectatorDetails = persons.details(of: holder)
        }
        if let recipient = change.recipient {
            item.pendingTransfer = PendingTransfer(
                recipientEmail: persons.email(of: recipient), senderOwnerId: item.ownerId)
        }
        switch change.kind {
        case .activation:
            item.activation = Activation(method: change.method, time: statusDate)
            if change.method == .bluetooth {
                item.beaconName = "\(Self.gates[change.gate % 4])-GATE-\(change.gate / 4 + 1)"
            }
        case .control:
            item.control = Control(time: statusDate, gate: "\(Self.gates[change.gate % 4])-\(change.gate / 4 + 1)")
        default:
            break
        }
        item.deletionReason = change.deletionReason
        if let extra = plan.extra {
            item.ticketDetails = TicketDetails(extra: extra)
        }
        return item
    }

    /// The history-mode translation the ledger's mapping table expects.
    static func transaction(of change: LifecycleChange) -> (LegacyStatus, TransactionAction, TransactionState) {
        switch change.kind {
        case .injection: (.injected, .inject, .confirmed)
        case .download, .assignment: (.received, .inject, .confirmed)
        case .pendingTransfer: (.transferPending, .transfer, .pending)
        case .transferAccepted: (.transferred, .transfer, .confirmed)
        case .transferRejected, .transferCancelledByOrganizer: (.transferred, .transfer, change.failureState)
        case .activation, .deactivation: (.activated, .inject, .confirmed)
        case .control: (.controlled, .inject, .confirmed)
        case .deletionPending: (.deletionPending, .delete, .deletionPending)
        case .deletion: (.deleted, change.deletionAction, .deleted)
        }
    }

    /// "0x" and 16 hex digits, the same for every change of one transaction of one ticket.
    private func transactionId(_ ticket: Int, _ transaction: UInt8) -> String {
        let hash = SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(ticket) << 8 | UInt64(transaction)))
        let hex = String(hash, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

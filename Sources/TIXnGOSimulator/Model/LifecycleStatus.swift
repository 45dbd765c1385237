/// A TIXnGO business status, as lifecycle-mode items carry it in `status` (docs/domain.md §3).
public enum LifecycleStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// In TIXnGO, not yet in a wallet.
    case injected = "INJECTED"
    /// In the spectator's wallet.
    case downloaded = "DOWNLOADED"
    /// Assigned to a named guest.
    case assigned = "ASSIGNED"
    /// Scanned at the gate.
    case controlled = "CONTROLLED"
    /// Sent to another wallet, not yet accepted.
    case pendingTransfer = "PENDING_TRANSFER"
    /// Transfer rejected, cancelled by the sender, or timed out.
    case failureTransfer = "FAILURE_TRANSFER"
    /// In the recipient's wallet: the owner changed.
    case transferred = "TRANSFERRED"
    /// Activated by a Bluetooth beacon.
    case btActivated = "BT_ACTIVATED"
    /// Activated by hand.
    case manualActivated = "MANUAL_ACTIVATED"
    /// Activated offline.
    case offlineActivated = "OFFLINE_ACTIVATED"
    /// Activated online.
    case onlineActivated = "ONLINE_ACTIVATED"
    /// Deleted; the blockchain deletion is pending.
    case deletionPending = "DELETION_PENDING"
    /// Deleted; cannot be used.
    case deleted = "DELETED"
    /// Activated, method unsaid.
    case activated = "ACTIVATED"
    /// Activation withdrawn.
    case deactivated = "DEACTIVATED"
    /// Undocumented by TIXnGO.
    case `default` = "DEFAULT"
    /// Undocumented by TIXnGO.
    case invalid = "INVALID"
    /// Legacy name of PENDING_TRANSFER.
    case pending = "PENDING"
    /// Transfer cancelled automatically by the organizer.
    case failure = "FAILURE"

    /// The family the status belongs to.
    public var family: StatusFamily {
        switch self {
        case .injected, .downloaded, .assigned, .default, .invalid: .initialDelivery
        case .pendingTransfer, .pending, .failureTransfer, .failure, .transferred: .transfer
        case .btActivated, .manualActivated, .offlineActivated, .onlineActivated, .activated, .deactivated:
            .activation
        case .controlled: .control
        case .deletionPending, .deleted: .deletion
        }
    }
}

/// A TIXnGO business status, as lifecycle-mode items carry it in `status` (DOMAIN.md §3).
public enum LifecycleStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case injected = "INJECTED"
    case downloaded = "DOWNLOADED"
    case assigned = "ASSIGNED"
    case controlled = "CONTROLLED"
    case pendingTransfer = "PENDING_TRANSFER"
    case failureTransfer = "FAILURE_TRANSFER"
    case transferred = "TRANSFERRED"
    case btActivated = "BT_ACTIVATED"
    case manualActivated = "MANUAL_ACTIVATED"
    case offlineActivated = "OFFLINE_ACTIVATED"
    case onlineActivated = "ONLINE_ACTIVATED"
    case deletionPending = "DELETION_PENDING"
    case deleted = "DELETED"
    case activated = "ACTIVATED"
    case deactivated = "DEACTIVATED"
    case `default` = "DEFAULT"
    case invalid = "INVALID"
    case pending = "PENDING"
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

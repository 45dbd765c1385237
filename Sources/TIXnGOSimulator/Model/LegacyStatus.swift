/// The `legacyStatus` of a history-mode item (docs/domain.md §5).
public enum LegacyStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Injected into TIXnGO.
    case injected = "INJECTED"
    /// In a wallet (downloaded or assigned).
    case received = "RECEIVED"
    /// Activated.
    case activated = "ACTIVATED"
    /// Transfer sent, not yet settled.
    case transferPending = "TRANSFER_PENDING"
    /// Transfer settled (its state says how).
    case transferred = "TRANSFERRED"
    /// Scanned at the gate.
    case controlled = "CONTROLLED"
    /// Deletion pending.
    case deletionPending = "DELETION_PENDING"
    /// Deleted.
    case deleted = "DELETED"
}

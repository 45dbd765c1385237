/// The `legacyStatus` of a history-mode item (DOMAIN.md §5).
public enum LegacyStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case injected = "INJECTED"
    case received = "RECEIVED"
    case activated = "ACTIVATED"
    case transferPending = "TRANSFER_PENDING"
    case transferred = "TRANSFERRED"
    case controlled = "CONTROLLED"
    case deletionPending = "DELETION_PENDING"
    case deleted = "DELETED"
}

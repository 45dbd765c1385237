/// The blockchain `state` of a history-mode item.
public enum TransactionState: String, Sendable, Hashable, CaseIterable, Codable {
    case pending = "PENDING"
    case confirmed = "CONFIRMED"
    case ko = "KO"
    case deletionPending = "DELETION_PENDING"
    case deleted = "DELETED"
    case registrationPending = "REGISTRATION_PENDING"
    case cancelled = "CANCELLED"
    case failed = "FAILED"
}

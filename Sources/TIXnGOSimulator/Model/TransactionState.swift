/// The blockchain `state` of a history-mode item.
public enum TransactionState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Not yet settled.
    case pending = "PENDING"
    /// Settled.
    case confirmed = "CONFIRMED"
    /// Failed.
    case ko = "KO"
    /// Deletion under way.
    case deletionPending = "DELETION_PENDING"
    /// Deletion done.
    case deleted = "DELETED"
    /// Waiting for registration.
    case registrationPending = "REGISTRATION_PENDING"
    /// Cancelled.
    case cancelled = "CANCELLED"
    /// Failed.
    case failed = "FAILED"
}

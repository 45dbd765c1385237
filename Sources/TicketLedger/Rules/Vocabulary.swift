/// The closed vocabularies of TIXnGO and S-360 (docs/feedback-api.yaml, docs/domain.md §3–§5).
///
/// These enums name what the wire and the S-360 contract allow; which value maps to
/// which is never decided here but in a ``MappingRuleSet``.

/// A TIXnGO business status: one of lifecycle mode's 19, which history-mode transactions are translated to
/// (docs/domain.md §3, §5.2).
public enum TIXnGOStatus: String, CaseIterable, Sendable, Codable {
    case INJECTED, DOWNLOADED, ASSIGNED, DEFAULT, INVALID
    case PENDING_TRANSFER, PENDING, FAILURE_TRANSFER, FAILURE, TRANSFERRED
    case BT_ACTIVATED, MANUAL_ACTIVATED, OFFLINE_ACTIVATED, ONLINE_ACTIVATED, ACTIVATED, DEACTIVATED
    case CONTROLLED
    case DELETION_PENDING, DELETED
}

/// The family a TIXnGO status belongs to, as the rule set sorts it (docs/domain.md §3).
public enum StatusFamily: String, CaseIterable, Sendable, Codable {
    case INITIAL_DELIVERY, TRANSFER, ACTIVATION, CONTROL, DELETION
}

/// The status S-360 shows for a ticket (docs/domain.md §4). `NOT_PRINTED` is a ticket the ledger knows
/// but whose observations have not set a status yet.
public enum S360Status: String, CaseIterable, Sendable, Codable {
    case NOT_PRINTED, PRINTED, CONTROLLED, INVALIDATED, CANCELLED
}

/// History mode: the blockchain view's status of a ticket.
enum LegacyStatus: String, CaseIterable, Sendable, Codable {
    case INJECTED, RECEIVED, ACTIVATED, TRANSFER_PENDING, TRANSFERRED, CONTROLLED, DELETION_PENDING, DELETED
}

/// History mode: the blockchain transaction's kind.
enum TransactionAction: String, CaseIterable, Sendable, Codable {
    case INJECT, TRANSFER, DELETE, BURN
}

/// History mode: the blockchain transaction's state.
enum TransactionState: String, CaseIterable, Sendable, Codable {
    case PENDING, CONFIRMED, KO, DELETION_PENDING, DELETED, REGISTRATION_PENDING, CANCELLED, FAILED
}

/// What S-360 pushed when it deleted a ticket in TIXnGO.
public enum DeletionReason: String, CaseIterable, Sendable, Codable {
    case CANCELLED, INVALIDATED
}

/// How the projection reads observations (docs/domain.md §5).
public enum ProjectionMode: String, CaseIterable, Sendable, Codable {
    case history, lifecycle
}

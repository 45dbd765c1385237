import GRDB

extension ObservationFacts {
    /// The facts of a stored event from its columns (unknown values read as absent).
    init(
        status: String?, legacyStatus: String?, action: String?, state: String?, deletionReason: String?,
        hasSpectatorDetails: Bool, hasBeacon: Bool, hasExtraInfo: Bool
    ) {
        let transaction: Transaction?
        if let legacy = legacyStatus.flatMap(LegacyStatus.init(rawValue:)),
            let action = action.flatMap(TransactionAction.init(rawValue:)),
            let state = state.flatMap(TransactionState.init(rawValue:))
        {
            transaction = Transaction(legacyStatus: legacy, action: action, state: state)
        } else {
            transaction = nil
        }
        self.init(
            status: status.flatMap(TIXnGOStatus.init(rawValue:)), transaction: transaction,
            deletionReason: deletionReason.flatMap(DeletionReason.init(rawValue:)),
            hasSpectatorDetails: hasSpectatorDetails, hasBeacon: hasBeacon, hasExtraInfo: hasExtraInfo)
    }

    /// The event columns a fold reads, in the order ``init(row:from:)`` expects them.
    static let columns = "status, legacy_status, action, state, deletion_reason, holder_key IS NOT NULL, has_beacon, has_extra_info"

    /// How many columns ``columns`` selects.
    static let columnCount = 8

    /// Decodes the facts selected with ``columns``, starting at column `first` of `row`.
    init(row: Row, from first: Int) {
        self.init(
            status: row[first], legacyStatus: row[first + 1], action: row[first + 2], state: row[first + 3],
            deletionReason: row[first + 4], hasSpectatorDetails: row[first + 5], hasBeacon: row[first + 6],
            hasExtraInfo: row[first + 7])
    }
}

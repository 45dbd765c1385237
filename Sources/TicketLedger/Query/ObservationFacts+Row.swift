import GRDB

extension ObservationFacts {
    /// The event columns the fold reads, in the order ``init(row:from:)`` expects them
    /// (qualified by `alias` when given).
    static func columns(_ alias: String?) -> String {
        let p = alias.map { "\($0)." } ?? ""
        return "\(p)status, \(p)legacy_status, \(p)action, \(p)state, \(p)deletion_reason, "
            + "\(p)holder_key IS NOT NULL, \(p)has_beacon, \(p)has_extra_info"
    }

    /// The unqualified columns.
    static let columns = columns(nil)

    /// How many columns ``columns(_:)`` selects.
    static let columnCount = 8

    /// Decodes the facts of a stored event from ``columns``, starting at column `first` of `row`.
    init(row: Row, from first: Int) {
        let transaction: Transaction?
        if let legacy = (row[first + 1] as String?).flatMap(LegacyStatus.init(rawValue:)),
            let action = (row[first + 2] as String?).flatMap(TransactionAction.init(rawValue:)),
            let state = (row[first + 3] as String?).flatMap(TransactionState.init(rawValue:))
        {
            transaction = Transaction(legacyStatus: legacy, action: action, state: state)
        } else {
            transaction = nil
        }
        self.init(
            status: (row[first] as String?).flatMap(TIXnGOStatus.init(rawValue:)), transaction: transaction,
            deletionReason: (row[first + 4] as String?).flatMap(DeletionReason.init(rawValue:)),
            hasSpectatorDetails: row[first + 5], hasBeacon: row[first + 6], hasExtraInfo: row[first + 7])
    }
}

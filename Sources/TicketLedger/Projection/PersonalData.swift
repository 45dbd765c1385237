/// Personal data as the ledger can read it.
enum PersonalData: Sendable, Equatable {
    case absent
    case erased
    /// Stored, and the ledger was opened without the key file that opens it.
    case sealed
    case present(JSONValue)
}

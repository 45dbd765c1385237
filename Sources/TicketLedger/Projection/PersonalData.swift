/// Personal data as the ledger can read it.
enum PersonalData: Sendable, Equatable {
    case absent
    case erased
    case present(JSONValue)
}

import TicketLedger

/// How text output shows a person it cannot show: erased by `forget`, or sealed because the
/// ledger was read without its key file (docs/cli.md).
enum PersonalText {
    static let erased = "(erased)"
    static let sealed = "[sealed: no key file]"

    /// "Ada Lovelace" for a mapped holder (S-360 fields), or why the name cannot be shown.
    static func name(of holder: MappedHolder) -> String {
        switch holder {
        case .erased: erased
        case .sealed: sealed
        case .fields:
            [holder.json["individualFirstname"], holder.json["individualLastname"]].compactMap { $0?.stringValue }.joined(separator: " ")
        }
    }

    /// "Ada Lovelace" for an item's spectatorDetails as output shows them, why the name cannot
    /// be shown, or nil when the item names nobody.
    static func name(ofSpectator details: JSONValue?) -> String? {
        guard let details else { return nil }
        if details.stringValue == "[erased]" { return erased }
        if details == MappedHolder.sealedMarker { return sealed }
        let name = [details["firstName"], details["lastName"]].compactMap { $0?.stringValue }.joined(separator: " ")
        return name.isEmpty ? nil : name
    }
}

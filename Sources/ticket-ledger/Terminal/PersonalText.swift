import TicketLedger

/// How text output shows a person it cannot show: erased by `forget`, or sealed because the
/// ledger was read without its key file (docs/cli.md).
enum PersonalText {
    static let erased = "(erased)"
    static let sealed = "[sealed: no key file]"

    /// "Ada Lovelace" for a mapped holder (S-360 fields), why the name cannot be shown, or "".
    static func name(of holder: MappedHolder) -> String { PersonName(holder: holder).map(text) ?? "" }

    /// "Ada Lovelace" for an item's spectatorDetails as output shows them, why the name cannot
    /// be shown, or nil when the item names nobody.
    static func name(ofSpectator details: JSONValue?) -> String? { PersonName(spectator: details).map(text) }

    private static func text(_ name: PersonName) -> String {
        switch name {
        case .name(let name): name
        case .erased: erased
        case .sealed: sealed
        }
    }
}

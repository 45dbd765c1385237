/// A person as output meant for people names them: their name, or why it cannot be shown.
/// The terminal and the console word the two reasons their own way.
public enum PersonName: Equatable, Sendable {
    case name(String)
    /// Erased by `forget`.
    case erased
    /// Stored, and read without the key file that opens it.
    case sealed

    /// The current holder of a ticket (S-360 fields): nil when the fields name nobody.
    public init?(holder: MappedHolder) {
        switch holder {
        case .erased: self = .erased
        case .sealed: self = .sealed
        case .fields: self.init(holder.json["individualFirstname"], holder.json["individualLastname"])
        }
    }

    /// The spectator of an item's `spectatorDetails` as history shows them: nil when the item names nobody.
    public init?(spectator details: JSONValue?) {
        guard let details else { return nil }
        if details.stringValue == "[erased]" { self = .erased; return }
        if details == MappedHolder.sealedMarker { self = .sealed; return }
        self.init(details["firstName"], details["lastName"])
    }

    private init?(_ first: JSONValue?, _ last: JSONValue?) {
        let name = [first, last].compactMap { $0?.stringValue }.joined(separator: " ")
        guard !name.isEmpty else { return nil }
        self = .name(name)
    }
}

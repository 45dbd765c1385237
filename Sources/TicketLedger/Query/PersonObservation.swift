/// One observation that names a person, as `history --holder-email --json` prints it.
public struct PersonObservation: Sendable {
    /// How the observation names the person.
    public enum Role: String, Sendable, Comparable {
        /// Their spectator details: they hold the ticket from here on.
        case holder
        /// The ticket moves away from them (a transfer while they held it).
        case sender
        /// They are the transfer's recipient (`pendingTransfer.recipientEmail`).
        case recipient

        public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var position: Int64
    public var organizer: String
    public var ticketId: String
    public var statusDate: Timestamp
    /// When the ledger received it: the date the data was collected.
    public var ingestedAt: Timestamp
    /// What the item said: its status, or legacyStatus/action/state in history shape.
    public var item: String
    public var roles: [Role]
    public var source: ItemSource

    public var json: JSONValue {
        .object(EventRecord.jsonMembers(position: position, organizer: organizer, ticketId: ticketId, statusDate: statusDate, ingestedAt: ingestedAt) + [
            ("item", .string(item)),
            ("roles", .array(roles.map { .string($0.rawValue) })),
            ("source", source.json),
        ])
    }
}

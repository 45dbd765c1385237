/// One observation that names a person, as `history --holder-email --json` prints it.
public struct PersonObservation: Sendable {
    /// How the observation names the person.
    public enum Role: String, Sendable, Comparable {
        /// The observation carries their spectator details: they hold the ticket from here on, unless it is
        /// a pending or failed history transaction.
        case holder
        /// A transfer-family status (pending, failed or done) came while they held the ticket.
        case sender
        /// They are the transfer's recipient (`pendingTransfer.recipientEmail`).
        case recipient

        public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The event's position in the ledger (1-based, gapless).
    public var position: Int64
    /// The TIXnGO organizer the observation was ingested for.
    public var organizer: String
    /// The ticket the observation is about.
    public var ticketId: String
    /// When TIXnGO recorded the status (the item's `statusDate`).
    public var statusDate: Timestamp
    /// When the ledger received it: the date the data was collected.
    public var ingestedAt: Timestamp
    /// What the item said: its status, or legacyStatus/action/state in history shape.
    public var item: String
    /// Every way the observation names the person, in name order (`holder`, `recipient`, `sender`).
    public var roles: [Role]
    /// The file or TIXnGO page the item was read from.
    public var source: ItemSource

    /// One element of the `history --holder-email --json` array (docs/cli.md); it holds no personal data.
    public var json: JSONValue {
        .object(EventRecord.jsonMembers(position: position, organizer: organizer, ticketId: ticketId, statusDate: statusDate, ingestedAt: ingestedAt) + [
            ("item", .string(item)),
            ("roles", .array(roles.map { .string($0.rawValue) })),
            ("source", source.json),
        ])
    }
}

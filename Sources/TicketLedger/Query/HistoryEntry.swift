import GRDB

/// One line of a ticket's audit trail: the document of `history --json` (docs/cli.md).
public struct HistoryEntry: Sendable {
    /// The event's position in the ledger (1-based, gapless).
    public var position: Int64
    /// The TIXnGO organizer the observation was ingested for.
    public var organizer: String
    /// The ticket the observation is about.
    public var ticketId: String
    /// When TIXnGO recorded the status (the item's `statusDate`); orders the fold.
    public var statusDate: Timestamp
    /// When the ledger appended the observation.
    public var ingestedAt: Timestamp
    /// What the ticket showed after folding this observation (in statusDate order) under the current rules.
    public var view: S360View
    /// The observation as received (canonical form), personal members opened or marked erased.
    public var raw: JSONValue
    /// The file or TIXnGO page the item was read from.
    public var source: ItemSource
    /// The position of the observation whose spectator holds the ticket once this one is
    /// folded (nil while nobody does): a pending or failed transfer leaves it where it was.
    public var holderPosition: Int64?

    /// One element of the `history --json` array (docs/cli.md); `holderPosition` is not in it.
    public var json: JSONValue {
        .object(EventRecord.jsonMembers(position: position, organizer: organizer, ticketId: ticketId, statusDate: statusDate, ingestedAt: ingestedAt) + [
            ("tixngoStatus", .string(view.tixngoStatus?.rawValue)),
            ("s360Status", .string(view.s360Status.rawValue)),
            ("raw", raw),
            ("source", source.json),
        ])
    }
}

extension LedgerDatabase {
    /// Every observation of a ticket, in ledger order, each with the S-360 view at that point of the fold.
    /// Synchronous: the lookup takes less time than a hop to a reader's queue would add.
    public func history(of ticketId: String, organizer: String? = nil) throws -> [HistoryEntry] {
        try readHere { db in
            let settings = try self.liveSettings(db)
            let events = try EventRecord.ofTicket(ticketId, organizer: organizer, db: db).events
            let projector = Projector(settings: settings)
            var state = TicketState()
            var views: [Int64: (view: S360View, holder: Int64?)] = [:]
            for event in events.map(\.folded).sorted(by: { $0.order < $1.order }) {
                projector.step(event, &state)
                views[event.position] = (S360View(state: state, rules: settings.rules), state.holder?.position)
            }
            let reader = HolderSourceReader(db: db, keys: self.keys)
            return try events.map { event in
                // The public part is canonical, so its members are sorted: the personal ones go in their place.
                var members = event.publicPart.members
                for (name, sealed) in [(PersonalMembers.spectatorDetails, event.holder), (PersonalMembers.pendingTransfer, event.recipient)] {
                    guard let value = try reader.open(sealed).outputValue else { continue }
                    let place = members.firstIndex { !$0.key.utf8.lexicographicallyPrecedes(name.utf8) } ?? members.count
                    members.insert((name, value), at: place)
                }
                return HistoryEntry(
                    position: event.position, organizer: event.organizer, ticketId: event.ticketId,
                    statusDate: Timestamp(microseconds: event.statusDate), ingestedAt: Timestamp(microseconds: event.ingestedAt),
                    view: views[event.position]?.view ?? S360View(state: TicketState(), rules: settings.rules),
                    raw: .object(members), source: event.source, holderPosition: views[event.position]?.holder)
            }
        }
    }
}

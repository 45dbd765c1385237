import GRDB

/// One ticket as S-360 sees it: the document of `status --json` (CLI.md).
public struct TicketReport: Sendable, Equatable {
    public var organizer: String
    public var ticketId: String
    public var view: S360View
    public var holder: MappedHolder
    public var statusDate: Timestamp?
    public var lastPosition: Int64
    public var mappingVersion: String
    public var mode: ProjectionMode

    /// Exactly the documented fields, in the documented order.
    public var json: JSONValue {
        .object([
            ("organizer", .string(organizer)),
            ("ticketId", .string(ticketId)),
            ("s360Status", .string(view.s360Status.rawValue)),
            ("tixngoStatus", .string(view.tixngoStatus?.rawValue)),
            ("family", .string(view.family?.rawValue)),
            ("holder", holder.json),
            ("statusDate", .string(statusDate?.description)),
            ("lastPosition", .integer(lastPosition)),
            ("mappingVersion", .string(mappingVersion)),
            ("mode", .string(mode.rawValue)),
        ])
    }

    /// Builds the report of a folded state, reading the holder's sources from the events.
    static func make(_ key: TicketKey, state: TicketState, settings: ProjectionSettings, db: Database) throws -> TicketReport {
        TicketReport(
            organizer: key.organizer, ticketId: key.ticketId, view: S360View(state: state, rules: settings.rules),
            holder: settings.rules.holder(from: try holderSources(of: state, db: db)),
            statusDate: state.status.map { Timestamp(microseconds: $0.order.statusDate) },
            lastPosition: state.lastPosition, mappingVersion: settings.rules.version, mode: settings.mode)
    }

    /// Reads (and opens) what a state's holder registers point at.
    static func holderSources(of state: TicketState, db: Database) throws -> HolderSources {
        let holderEvent = try state.holder.flatMap { try StoredEvent.at($0.position, db: db) }
        return HolderSources(
            spectatorDetails: try PersonalData.open(holderEvent?.holder, db: db),
            beaconObservation: try state.beacon.flatMap { try StoredEvent.at($0.position, db: db)?.publicPart },
            extraInfoObservation: try state.extraInfo.flatMap { try StoredEvent.at($0.position, db: db)?.publicPart })
    }
}

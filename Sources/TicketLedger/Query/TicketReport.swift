import GRDB

/// One ticket as S-360 sees it: the document of `status --json` (docs/cli.md).
public struct TicketReport: Sendable, Equatable {
    /// The TIXnGO organizer the ticket belongs to.
    public var organizer: String
    /// S-360's ticket id (the items' `ticketId`).
    public var ticketId: String
    /// The TIXnGO status, family and S-360 status the ticket shows.
    public var view: S360View
    /// The current holder as S-360 fields; marked erased after `forget`.
    public var holder: MappedHolder
    /// The statusDate of the observation that set the current status; nil while none has (NOT_PRINTED).
    public var statusDate: Timestamp?
    /// The highest ledger position among the events folded into the ticket.
    public var lastPosition: Int64
    /// The version of the rule set the ticket was mapped with, e.g. `2023-04-03`.
    public var mappingVersion: String
    /// The mode the ticket was folded in.
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
    static func make(_ key: TicketKey, state: TicketState, settings: ProjectionSettings, reader: HolderSourceReader) throws -> TicketReport {
        TicketReport(
            organizer: key.organizer, ticketId: key.ticketId, view: S360View(state: state, rules: settings.rules),
            holder: settings.rules.holder(from: try reader.sources(of: state, for: [settings.rules])),
            statusDate: state.status.map { Timestamp(microseconds: $0.order.statusDate) },
            lastPosition: state.lastPosition, mappingVersion: settings.rules.version, mode: settings.mode)
    }
}

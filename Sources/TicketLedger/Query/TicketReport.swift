import GRDB

/// One ticket as S-360 sees it: the document of `status --json` (docs/cli.md).
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
    static func make(_ key: TicketKey, state: TicketState, settings: ProjectionSettings, reader: HolderSourceReader) throws -> TicketReport {
        TicketReport(
            organizer: key.organizer, ticketId: key.ticketId, view: S360View(state: state, rules: settings.rules),
            holder: settings.rules.holder(from: try reader.sources(of: state, for: [settings.rules])),
            statusDate: state.status.map { Timestamp(microseconds: $0.order.statusDate) },
            lastPosition: state.lastPosition, mappingVersion: settings.rules.version, mode: settings.mode)
    }
}

import GRDB

/// Folding stored events into ticket states: the columns a fold reads and the one loop
/// that folds them, shared by a replay's chunks, its catch-up, its recount and the
/// as-of queries.
enum EventFold {
    static let columns = "position, status_date, \(ObservationFacts.columns), organizer, ticket_id"

    static func key(_ row: Row) -> TicketKey {
        TicketKey(organizer: row[2 + ObservationFacts.columnCount], ticketId: row[3 + ObservationFacts.columnCount])
    }

    /// Folds one row of ``columns`` into `state` under `settings`.
    static func apply(_ row: Row, settings: ProjectionSettings, to state: inout TicketState) {
        let effect = settings.rules.effect(of: ObservationFacts(row: row, from: 2), mode: settings.mode)
        state.apply(effect, at: FoldOrder(statusDate: row[1], position: row[0]))
    }

    /// Folds the events matching `condition` (an SQL expression over the events table) into per-ticket states.
    static func fold(
        where condition: String, _ arguments: StatementArguments, settings: ProjectionSettings, db: Database
    ) throws -> [TicketKey: TicketState] {
        var folds: [TicketKey: TicketState] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT \(columns) FROM events WHERE \(condition)"), arguments: arguments)
        while let row = try rows.next() { apply(row, settings: settings, to: &folds[key(row), default: TicketState()]) }
        return folds
    }

    /// The state of one ticket from its events matching `condition`; nil when none does.
    static func ticket(
        _ key: TicketKey, where condition: String = "1", _ arguments: StatementArguments = [], settings: ProjectionSettings, db: Database
    ) throws -> TicketState? {
        try fold(where: "ticket_id = ? AND organizer = ? AND (\(condition))", [key.ticketId, key.organizer] + arguments, settings: settings, db: db)[key]
    }
}

import GRDB

/// The columns a fold reads from a stored event, and folding one such row: shared by a
/// replay's chunks, its catch-up and its recount of late tickets.
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

    /// The state of one ticket from its events at positions up to `last`; nil when it has none.
    static func ticket(_ key: TicketKey, through last: Int64, settings: ProjectionSettings, db: Database) throws -> TicketState? {
        let statement = try db.cachedStatement(
            sql: "SELECT \(columns) FROM events WHERE ticket_id = ? AND organizer = ? AND position <= ?")
        let rows = try Row.fetchCursor(statement, arguments: [key.ticketId, key.organizer, last])
        var state: TicketState?
        while let row = try rows.next() {
            var folded = state ?? TicketState()
            apply(row, settings: settings, to: &folded)
            state = folded
        }
        return state
    }
}

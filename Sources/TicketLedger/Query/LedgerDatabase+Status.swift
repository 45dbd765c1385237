import GRDB

extension LedgerDatabase {
    /// The ticket's key: its organizer is `organizer` when given, else the only one that has it.
    func ticketKey(_ ticketId: String, organizer: String?, db: Database) throws -> TicketKey {
        let statement = try db.cachedStatement(sql: "SELECT DISTINCT organizer FROM events WHERE ticket_id = ? ORDER BY organizer")
        return try Self.ticketKey(ticketId, organizer: organizer, among: String.fetchAll(statement, arguments: [ticketId]))
    }

    /// The key of `ticketId` given the organizers (sorted, distinct) that have a ticket of that id.
    static func ticketKey(_ ticketId: String, organizer: String?, among organizers: [String]) throws -> TicketKey {
        if let organizer {
            guard organizers.contains(organizer) else { throw LedgerError.ticketNotFound(ticketId) }
            return TicketKey(organizer: organizer, ticketId: ticketId)
        }
        guard let only = organizers.first else { throw LedgerError.ticketNotFound(ticketId) }
        guard organizers.count == 1 else { throw LedgerError.ambiguousTicket(ticketId: ticketId, organizers: organizers) }
        return TicketKey(organizer: only, ticketId: ticketId)
    }

    /// One ticket as S-360 sees it now, or as it saw it at `asOf` (only observations with statusDate ≤ asOf).
    public func status(of ticketId: String, organizer: String? = nil, asOf: Timestamp? = nil) async throws -> TicketReport {
        try await read { db in
            let key = try self.ticketKey(ticketId, organizer: organizer, db: db)
            let settings = try self.liveSettings(db)
            let state: TicketState
            if let asOf {
                state = try Projector.ticket(key, where: "status_date <= ?", [.integer(asOf.microseconds)], settings: settings, db: db) ?? TicketState()
            } else {
                state = try TicketStateStore(settings: settings).load(key, db: db)
                    ?? Projector.ticket(key, settings: settings, db: db) ?? TicketState()
            }
            return try TicketReport.make(key, state: state, settings: settings, reader: HolderSourceReader(db: db))
        }
    }
}

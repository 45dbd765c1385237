import GRDB

extension LedgerDatabase {
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
            return try TicketReport.make(key, state: state, settings: settings, reader: HolderSourceReader(db: db, keys: self.keys))
        }
    }
}

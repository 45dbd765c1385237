import GRDB

extension LedgerDatabase {
    /// The tickets matching `filter`, ordered by organizer and ticket id, now or as of a time;
    /// with `limit`, at most that many from the `offset`th on (a page of a listing).
    public func tickets(_ filter: TicketFilter = TicketFilter(), asOf: Timestamp? = nil, limit: Int? = nil, offset: Int = 0) async throws -> [TicketReport] {
        try await read { db in
            let settings = try self.liveSettings(db)
            // The live rows are paged by SQLite, unless a filter that needs the events comes after it.
            let paged = limit != nil || offset > 0
            let window = paged && asOf == nil && filter.organization == nil ? (limit: limit ?? -1, offset: offset) : nil
            var states = try asOf.map { try Self.foldAll(through: $0, settings: settings, db: db) }
                ?? Self.liveStates(filter, window: window, settings: settings, db: db)
            let reader = HolderSourceReader(db: db, keys: self.keys)
            let injected = try filter.organization.map { try Self.tickets(injectedBy: $0, db: db) }
            states = states
                .filter { injected?.contains($0.key) ?? true }
                .filter { filter.matches($0.key.organizer, $0.key.ticketId, view: S360View(state: $0.state, rules: settings.rules)) }
            if paged, window == nil { states = Array(states.dropFirst(offset).prefix(limit ?? .max)) }
            return try states.map { try TicketReport.make($0.key, state: $0.state, settings: settings, reader: reader) }
        }
    }

    private static func liveStates(
        _ filter: TicketFilter, window: (limit: Int, offset: Int)?, settings: ProjectionSettings, db: Database
    ) throws -> [(key: TicketKey, state: TicketState)] {
        var conditions = ["generation = ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [settings.generation]
        if let prefix = filter.ticketIdPrefix, !prefix.isEmpty {
            // GLOB, whose three special characters are bracketed (scalar by scalar: a combining mark
            // after one must not hide it), is case-sensitive as ticket ids are; it reads the
            // generation's rows, as the other filters do.
            conditions.append("ticket_id GLOB ?")
            arguments.append(prefix.unicodeScalars.reduce(into: "") { $0 += "*?[".unicodeScalars.contains($1) ? "[\($1)]" : String($1) } + "*")
        }
        if let organizer = filter.organizer { conditions.append("organizer = ?"); arguments.append(organizer) }
        if let status = filter.s360Status { conditions.append("s360_status = ?"); arguments.append(status.rawValue) }
        if let status = filter.tixngoStatus { conditions.append("tixngo_status = ?"); arguments.append(status.rawValue) }
        if let family = filter.family { conditions.append("family = ?"); arguments.append(family.rawValue) }
        let paging = window.map { " LIMIT \($0.limit) OFFSET \($0.offset)" } ?? ""
        let rows = try Row.fetchCursor(
            db, sql: "SELECT * FROM ticket_states WHERE \(conditions.joined(separator: " AND ")) ORDER BY organizer, ticket_id" + paging,
            arguments: StatementArguments(arguments))
        var states: [(key: TicketKey, state: TicketState)] = []
        while let row = try rows.next() {
            states.append((TicketKey(organizer: row["organizer"], ticketId: row["ticket_id"]), TicketStateStore.state(from: row)))
        }
        return states
    }

    /// Folds every event with statusDate ≤ `asOf`, streaming them; ordered like the live listing.
    static func foldAll(through asOf: Timestamp, settings: ProjectionSettings, db: Database) throws -> [(key: TicketKey, state: TicketState)] {
        let folds = try Projector.folding(where: "status_date <= ?", [.integer(asOf.microseconds)], settings: settings, db: db).states
        return folds.map { (key: $0.key, state: $0.value) }
            .sorted { ($0.key.organizer, $0.key.ticketId) < ($1.key.organizer, $1.key.ticketId) }
    }
}

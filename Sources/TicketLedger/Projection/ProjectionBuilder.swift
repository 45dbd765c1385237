import GRDB

/// Folds stored events into one projection generation, ticket by ticket, and counts
/// what it changes against the live one.
///
/// Events are read in ticket order (the `events_by_ticket` index), so each ticket is
/// folded whole and written once. A chunk is a range of tickets covering about
/// `eventsPerChunk` events; ``readersAhead`` chunks are read, folded under both rule sets
/// and compared on readers (the other cores) while the writer inserts the previous one.
/// Memory holds a few chunks and bounded page caches, whatever the number of events.
struct ProjectionBuilder: Sendable {
    /// Events folded per chunk by default.
    static let eventsPerChunk: Int64 = 50_000
    /// Chunks read at once: reading (random row lookups, folding, decrypting holders for
    /// the diff) costs about three times the writing, so two readers keep the writer busy.
    static let readersAhead = 2

    let ledger: LedgerDatabase
    /// The projection the new one is compared with.
    let live: ProjectionSettings
    let settings: ProjectionSettings
    let eventsPerChunk: Int64

    /// The tickets of one chunk folded whole from the events at positions up to the build's last.
    struct Chunk: Sendable {
        var states: [(key: TicketKey, value: TicketState)] = []
        var diff: ProjectionDiff
        var events = 0
    }

    /// Folds the events at positions 1...`last` into the generation; reports progress in
    /// events; returns what the new states change against the live projection's.
    func build(through last: Int64, progress: ProgressReporter?) async throws -> ProjectionDiff {
        var reading: [Task<Chunk, any Error>] = []
        defer { reading.forEach { $0.cancel() } }
        var lower: TicketKey? = TicketKey(organizer: "", ticketId: "")
        var diff = ProjectionDiff(old: live, new: settings)
        var folded = 0
        while true {
            try Task.checkCancellation()
            while reading.count < Self.readersAhead, let after = lower {
                lower = try await ledger.read { [self] db in try boundary(after: after, db: db) }
                if let upper = lower { reading.append(readTask(after: after, upTo: upper, through: last)) }
            }
            guard !reading.isEmpty else { return diff }
            let chunk = try await reading.removeFirst().value
            _ = try await ledger.write { [settings] db in try TicketStateStore(settings: settings).merge(chunk.states, db: db) }
            diff.add(chunk.diff)
            folded += chunk.events
            progress?(folded, Int(last))
        }
    }

    private func readTask(after lower: TicketKey, upTo upper: TicketKey, through last: Int64) -> Task<Chunk, any Error> {
        Task { [self] in
            try await ledger.readWithBulkCache { db in try chunk(after: lower, upTo: upper, through: last, db: db) }
        }
    }

    /// The last ticket of the chunk after `after`: the one `eventsPerChunk` index entries
    /// further, or the last ticket; nil when no ticket is left.
    private func boundary(after: TicketKey, db: Database) throws -> TicketKey? {
        let sql = "SELECT ticket_id, organizer FROM events WHERE (ticket_id, organizer) > (?, ?)"
        let arguments: StatementArguments = [after.ticketId, after.organizer]
        let row = try Row.fetchOne(db, sql: sql + " ORDER BY ticket_id, organizer LIMIT 1 OFFSET ?", arguments: arguments + [eventsPerChunk - 1])
            ?? Row.fetchOne(db, sql: sql + " ORDER BY ticket_id DESC, organizer DESC LIMIT 1", arguments: arguments)
        return row.map { TicketKey(organizer: $0[1], ticketId: $0[0]) }
    }

    /// Reads, folds and compares the tickets after `lower` up to `upper` (in ticket order).
    private func chunk(after lower: TicketKey, upTo upper: TicketKey, through last: Int64, db: Database) throws -> Chunk {
        var statement = try DirectStatement(sql: """
            SELECT \(EventRecord.foldedSelectList) FROM events
            WHERE (ticket_id, organizer) > (?, ?) AND (ticket_id, organizer) <= (?, ?) AND position <= ?
            ORDER BY ticket_id, organizer
            """, db: db)
        statement.bind([.text(lower.ticketId), .text(lower.organizer), .text(upper.ticketId), .text(upper.organizer), .integer(last)])
        let (old, new) = (Projector(settings: live), Projector(settings: settings))
        var chunk = Chunk(diff: ProjectionDiff(old: live, new: settings))
        let reader = HolderSourceReader(db: db, keys: ledger.keys)
        typealias Ticket = (key: TicketKey, old: TicketState, new: TicketState)
        func finish(_ ticket: Ticket) throws {
            chunk.states.append((ticket.key, ticket.new))
            try chunk.diff.count(ticket.key, old: ticket.old, new: ticket.new, reader: reader)
        }
        var current: Ticket?
        try statement.forEachRow { row in
            let event = EventRecord.folded(row)
            var ticket = current ?? (event.key, TicketState(), TicketState())
            if ticket.key != event.key {
                try finish(ticket)
                ticket = (event.key, TicketState(), TicketState())
            }
            old.step(event, &ticket.old)
            new.step(event, &ticket.new)
            chunk.events += 1
            current = ticket
        }
        if let current { try finish(current) }
        return chunk
    }

    /// Tickets whose contacts are refolded per transaction.
    static let ticketsPerContactsChunk = 5_000

    /// Refolds the contacts of every ticket of the generation (mapping 2023-04-03 in lifecycle mode).
    func buildContacts() async throws {
        guard settings.buildsContacts else { return }
        var after = TicketKey(organizer: "", ticketId: "")
        while true {
            try Task.checkCancellation()
            let start = after
            let tickets = try await ledger.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT organizer, ticket_id FROM ticket_states
                        WHERE generation = ? AND (organizer, ticket_id) > (?, ?) ORDER BY organizer, ticket_id LIMIT ?
                        """,
                    arguments: [settings.generation, start.organizer, start.ticketId, Self.ticketsPerContactsChunk]
                ).map { TicketKey(organizer: $0[0], ticketId: $0[1]) }
            }
            guard let last = tickets.last else { return }
            try await ledger.write { db in try ContactsStore(settings: settings).refresh(tickets, db: db) }
            after = last
        }
    }
}

import GRDB

/// Folds stored events into one projection generation, a chunk of positions at a time.
///
/// Each chunk is read in its own transaction (events never change, so chunks need
/// no common snapshot), folded in memory, and merged into the generation's rows:
/// memory holds one chunk's tickets, whatever the number of events.
public struct ProjectionBuilder: Sendable {
    /// Events folded per chunk by default: bounds replay memory to one chunk's tickets.
    public static let eventsPerChunk: Int64 = 250_000

    let ledger: LedgerDatabase
    let settings: ProjectionSettings
    let eventsPerChunk: Int64

    /// Folds events in `positions` (inclusive bounds) into the generation; reports progress in events.
    func build(through last: Int64, after first: Int64 = 0, progress: ProgressReporter?) async throws {
        var start = first
        while start < last {
            try Task.checkCancellation()
            let end = min(last, start + eventsPerChunk)
            let lower = start
            let folds = try await ledger.read { db in try Self.fold(positions: lower + 1...end, settings: settings, db: db) }
            _ = try await ledger.write { db in try TicketStateStore(settings: settings).merge(folds, db: db) }
            start = end
            progress?(Int(end - first), Int(last - first))
        }
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

    /// Folds the events in `positions` into per-ticket partial states.
    static func fold(positions: ClosedRange<Int64>, settings: ProjectionSettings, db: Database) throws -> [TicketKey: TicketState] {
        var folds: [TicketKey: TicketState] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT position, organizer, ticket_id, status_date, status, legacy_status, action, state, deletion_reason,
                       holder_key IS NOT NULL, has_beacon, has_extra_info
                FROM events WHERE position BETWEEN ? AND ? ORDER BY position
                """,
            arguments: [positions.lowerBound, positions.upperBound])
        let rules = settings.rules
        while let row = try rows.next() {
            let transaction: Transaction?
            if let legacy: String = row[5], let action: String = row[6], let state: String = row[7],
                let legacyStatus = LegacyStatus(rawValue: legacy), let transactionAction = TransactionAction(rawValue: action),
                let transactionState = TransactionState(rawValue: state)
            {
                transaction = Transaction(legacyStatus: legacyStatus, action: transactionAction, state: transactionState)
            } else {
                transaction = nil
            }
            let facts = ObservationFacts(
                status: (row[4] as String?).flatMap(TIXnGOStatus.init(rawValue:)), transaction: transaction,
                deletionReason: (row[8] as String?).flatMap(DeletionReason.init(rawValue:)),
                hasSpectatorDetails: row[9], hasBeacon: row[10], hasExtraInfo: row[11])
            folds[TicketKey(organizer: row[1], ticketId: row[2]), default: TicketState()]
                .apply(rules.effect(of: facts, mode: settings.mode), at: FoldOrder(statusDate: row[3], position: row[0]))
        }
        return folds
    }
}

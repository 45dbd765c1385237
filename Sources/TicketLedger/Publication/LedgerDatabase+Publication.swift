public import Foundation
import GRDB

/// What a copy of the ledger already holds (`publish` keeps it in the copy, docs/design.md,
/// "Publishing to PostgreSQL").
public struct PublicationCursor: Sendable, Equatable {
    /// Every event up to this position.
    public var eventsThrough: Int64
    /// Every rejected item up to this id.
    public var rejectedThrough: Int64
    /// Every run up to this id, as it stood when copied.
    public var runsThrough: Int64
    /// The runs the copy holds unfinished: their rows change when they finish, so they are read again.
    public var unfinishedRuns: [Int64]

    public init(eventsThrough: Int64 = 0, rejectedThrough: Int64 = 0, runsThrough: Int64 = 0, unfinishedRuns: [Int64] = []) {
        (self.eventsThrough, self.rejectedThrough, self.runsThrough, self.unfinishedRuns) = (eventsThrough, rejectedThrough, runsThrough, unfinishedRuns)
    }
}

/// The live projection generation and the rules it was built with.
public struct PublishedGeneration: Sendable, Equatable {
    public var generation: Int64
    public var mappingVersion: String
    public var mode: ProjectionMode
}

/// What the ledger holds beyond a cursor, read in one snapshot.
public struct LedgerChanges: Sendable {
    public var ledgerID: String
    /// The live projection generation in this snapshot.
    public var live: PublishedGeneration
    /// The events after the cursor, in position order, at most the limit asked.
    public var events: [StoredEvent]
    /// The rejected items after the cursor, at most the limit asked.
    public var rejectedItems: [StoredRejectedItem]
    /// The runs after the cursor, and the cursor's unfinished runs as they are now.
    public var runs: [StoredRun]
    /// The live generation's rows of the tickets whose last event is among ``events``: a copy
    /// that takes them with these events never shows a state built from events it lacks, and
    /// takes each ticket's state once per publish however many batches touch it.
    public var ticketStates: [StoredTicketState]
    /// The ledger's last position in this snapshot.
    public var lastPosition: Int64

    /// Whether there is nothing to copy (unfinished runs read again do not count as new).
    public var isEmpty: Bool { events.isEmpty && rejectedItems.isEmpty && runs.allSatisfy { $0.finishedAt == nil } }
}

extension LedgerDatabase {
    /// The ledger's id: made at random when the ledger was created, named in every tree head and copy.
    public func ledgerID() async throws -> String {
        try await read { db in try LedgerIdentity.id(db) }
    }

    /// The live projection generation and its rules.
    public func liveGeneration() async throws -> PublishedGeneration {
        try await read { db in Self.published(try self.liveSettings(db)) }
    }

    private static func published(_ settings: ProjectionSettings) -> PublishedGeneration {
        PublishedGeneration(generation: settings.generation, mappingVersion: settings.rules.version, mode: settings.mode)
    }

    /// What the ledger holds beyond `cursor`, in one snapshot: at most `limit` events and
    /// `limit` rejected items, the runs, and the live projection rows of the tickets the events touched.
    public func changes(after cursor: PublicationCursor, limit: Int) async throws -> LedgerChanges {
        try await read { db in
            let settings = try self.liveSettings(db)
            let events = try Self.storedEvents(after: cursor.eventsThrough, limit: limit, db: db)
            var touched: [TicketKey] = []
            var seen = Set<TicketKey>()
            for event in events where seen.insert(TicketKey(organizer: event.organizer, ticketId: event.ticketId)).inserted {
                touched.append(TicketKey(organizer: event.organizer, ticketId: event.ticketId))
            }
            return LedgerChanges(
                ledgerID: try LedgerIdentity.id(db),
                live: Self.published(settings),
                events: events,
                rejectedItems: try Self.storedRejectedItems(after: cursor.rejectedThrough, limit: limit, db: db),
                runs: try Self.storedRuns(after: cursor.runsThrough, again: cursor.unfinishedRuns, db: db),
                ticketStates: try Self.storedTicketStates(of: touched, generation: settings.generation, db: db)
                    .filter { $0.lastPosition <= events.last?.position ?? 0 },
                lastPosition: try Self.lastPosition(db))
        }
    }

    /// The chain hash of the event at `position`, or nil when the ledger ends before it: what a
    /// copy holding events up to `position` must also hold there to be this ledger's copy.
    public func chainHash(at position: Int64) async throws -> Data? {
        try await read { db in
            try Data.fetchOne(db, sql: "SELECT chain_hash FROM events WHERE position = ?", arguments: [position])
        }
    }

    /// A page of a generation's ticket states in key order, after `key` (from the start when nil).
    public func ticketStates(generation: Int64, after key: TicketKey?, limit: Int) async throws -> [StoredTicketState] {
        try await read { db in
            var statement = try DirectStatement(
                sql: "SELECT \(Self.ticketStateColumns) FROM ticket_states WHERE generation = ? AND (organizer, ticket_id) > (?, ?) ORDER BY organizer, ticket_id LIMIT ?",
                db: db)
            statement.bind(generation)
            statement.bind(key?.organizer ?? "")
            statement.bind(key?.ticketId ?? "")
            statement.bind(Int64(limit))
            var states: [StoredTicketState] = []
            try statement.forEachRow { states.append(Self.ticketState($0)) }
            return states
        }
    }

    private static func storedEvents(after position: Int64, limit: Int, db: Database) throws -> [StoredEvent] {
        var statement = try DirectStatement(
            sql: "SELECT \(StoredEvent.columnNames.joined(separator: ", ")) FROM events WHERE position > ? ORDER BY position LIMIT ?", db: db)
        statement.bind(position)
        statement.bind(Int64(limit))
        var events: [StoredEvent] = []
        events.reserveCapacity(limit)
        try statement.forEachRow { row in
            events.append(StoredEvent(
                position: row.int64(0) ?? 0, organizer: row.string(1) ?? "", ticketId: row.string(2) ?? "",
                statusDate: row.int64(3) ?? 0, ingestedAt: row.int64(4) ?? 0, sourceKind: row.string(5) ?? "",
                sourceRef: row.string(6) ?? "", sourceItem: row.int64(7) ?? 0, status: row.string(8), legacyStatus: row.string(9),
                action: row.string(10), state: row.string(11), deletionReason: row.string(12), hasBeacon: row.int64(13) ?? 0,
                hasExtraInfo: row.int64(14) ?? 0, body: row.string(15) ?? "", holderKey: row.int64(16), holderData: row.data(17),
                recipientKey: row.int64(18), recipientData: row.data(19), contentKey: row.data(20) ?? Data(), chainHash: row.data(21) ?? Data()))
        }
        return events
    }

    private static func storedRejectedItems(after id: Int64, limit: Int, db: Database) throws -> [StoredRejectedItem] {
        var statement = try DirectStatement(
            sql: """
                SELECT id, organizer, content_key, reason, source_kind, source_ref, source_item, rejected_at, body, personal_key, personal_data
                FROM rejected_items WHERE id > ? ORDER BY id LIMIT ?
                """, db: db)
        statement.bind(id)
        statement.bind(Int64(limit))
        var items: [StoredRejectedItem] = []
        try statement.forEachRow { row in
            items.append(StoredRejectedItem(
                id: row.int64(0) ?? 0, organizer: row.string(1) ?? "", contentKey: row.data(2) ?? Data(), reason: row.string(3) ?? "",
                sourceKind: row.string(4) ?? "", sourceRef: row.string(5) ?? "", sourceItem: row.int64(6) ?? 0,
                rejectedAt: row.int64(7) ?? 0, body: row.string(8) ?? "", personalKey: row.int64(9), personalData: row.data(10)))
        }
        return items
    }

    private static func storedRuns(after id: Int64, again unfinished: [Int64], db: Database) throws -> [StoredRun] {
        guard try db.tableExists("ingest_runs") else { return [] }
        let wanted = unfinished.filter { $0 <= id }
        var statement = try DirectStatement(
            sql: """
                SELECT id, organizer, source, started_at, finished_at, pages, received, appended, duplicates, skipped, rejected,
                       pagination_key_before, pagination_key_after, outcome, error
                FROM ingest_runs WHERE id > ? OR id IN (SELECT value FROM json_each(?)) ORDER BY id
                """, db: db)
        statement.bind(id)
        statement.bind("[" + wanted.map(String.init).joined(separator: ",") + "]")
        var runs: [StoredRun] = []
        try statement.forEachRow { row in
            runs.append(StoredRun(
                id: row.int64(0) ?? 0, organizer: row.string(1) ?? "", source: row.string(2) ?? "", startedAt: row.int64(3) ?? 0,
                finishedAt: row.int64(4), pages: row.int64(5) ?? 0, received: row.int64(6) ?? 0, appended: row.int64(7) ?? 0,
                duplicates: row.int64(8) ?? 0, skipped: row.int64(9) ?? 0, rejected: row.int64(10) ?? 0,
                paginationKeyBefore: row.string(11), paginationKeyAfter: row.string(12), outcome: row.string(13), error: row.string(14)))
        }
        return runs
    }

    private static let ticketStateColumns = """
        organizer, ticket_id, s360_status, tixngo_status, family, deletion_reason, anomaly, status_date, holder_position, last_position
        """

    private static func ticketState(_ row: DirectRow) -> StoredTicketState {
        StoredTicketState(
            organizer: row.string(0) ?? "", ticketId: row.string(1) ?? "", s360Status: row.string(2) ?? "", tixngoStatus: row.string(3),
            family: row.string(4), deletionReason: row.string(5), anomaly: row.int64(6) == 1, statusDate: row.int64(7),
            holderPosition: row.int64(8), lastPosition: row.int64(9) ?? 0)
    }

    private static func storedTicketStates(of tickets: [TicketKey], generation: Int64, db: Database) throws -> [StoredTicketState] {
        var statement = try DirectStatement(
            sql: "SELECT \(ticketStateColumns) FROM ticket_states WHERE generation = ? AND organizer = ? AND ticket_id = ?", db: db)
        var states: [StoredTicketState] = []
        states.reserveCapacity(tickets.count)
        for ticket in tickets {
            statement.bind(generation)
            statement.bind(ticket.organizer)
            statement.bind(ticket.ticketId)
            if let state = try statement.fetchOne({ Self.ticketState($0) }) { states.append(state) }
        }
        return states
    }
}

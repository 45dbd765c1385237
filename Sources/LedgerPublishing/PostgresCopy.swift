import Foundation
import Logging
import NIOCore
import PostgresNIO
import TicketLedger

/// The PostgreSQL side of a publish: one connection, the statements that write a ledger's copy.
struct PostgresCopy {
    let connection: PostgresConnection
    let logger: Logger

    /// The events' columns in the copy, in ``StoredEvent`` order (the ledger id first).
    static let eventColumns = ["ledger_id"] + StoredEvent.columnNames
    static let rejectedColumns = [
        "ledger_id", "id", "organizer", "content_key", "reason", "source_kind", "source_ref", "source_item", "rejected_at", "body",
        "personal_key", "personal_data",
    ]
    static let ticketStateColumns = [
        "ledger_id", "generation", "organizer", "ticket_id", "s360_status", "tixngo_status", "family", "deletion_reason", "anomaly",
        "status_date", "holder_position", "last_position",
    ]
    /// Bytes of COPY text sent per write.
    static let copyChunkBytes = 1 << 20

    func register(_ ledgerID: String) async throws {
        try await connection.query("INSERT INTO ledgers (ledger_id) VALUES (\(ledgerID)) ON CONFLICT (ledger_id) DO NOTHING", logger: logger)
        try await connection.query(
            "CREATE TEMP TABLE IF NOT EXISTS incoming_ticket_states (LIKE ticket_states) ON COMMIT DELETE ROWS", logger: logger)
    }

    /// Where the copy of `ledgerID` stands.
    func cursor(of ledgerID: String) async throws -> (cursor: PublicationCursor, liveGeneration: Int64?) {
        let rows = try await connection.query(
            "SELECT events_through, rejected_through, runs_through, live_generation FROM ledgers WHERE ledger_id = \(ledgerID)", logger: logger)
        var found: (Int64, Int64, Int64, Int64?)?
        for try await row in rows.decode((Int64, Int64, Int64, Int64?).self) { found = row }
        guard let found else { throw PublishError.inconsistent("the copy has no row for ledger \(ledgerID) in its ledgers table") }
        var unfinished: [Int64] = []
        for try await id in try await connection.query(
            "SELECT id FROM ingest_runs WHERE ledger_id = \(ledgerID) AND finished_at IS NULL ORDER BY id", logger: logger
        ).decode(Int64.self) {
            unfinished.append(id)
        }
        return (PublicationCursor(eventsThrough: found.0, rejectedThrough: found.1, runsThrough: found.2, unfinishedRuns: unfinished), found.3)
    }

    /// Writes one batch with the cursor it moves to, in one transaction; false (nothing written)
    /// when the copy's cursor is no longer `cursor` (another publisher of the ledger moved it).
    func commitBatch(_ changes: LedgerChanges, after cursor: PublicationCursor, makingLive: Bool) async throws -> Bool {
        let ledgerID = changes.ledgerID
        try await connection.query("BEGIN", logger: logger)
        do {
            var current: (Int64, Int64)?
            for try await row in try await connection.query(
                "SELECT events_through, rejected_through FROM ledgers WHERE ledger_id = \(ledgerID) FOR UPDATE", logger: logger
            ).decode((Int64, Int64).self) {
                current = row
            }
            guard let current, current == (cursor.eventsThrough, cursor.rejectedThrough) else {
                try await connection.query("ROLLBACK", logger: logger)
                return false
            }
            try await copyEvents(changes.events, ledgerID: ledgerID)
            try await copyRejectedItems(changes.rejectedItems, ledgerID: ledgerID)
            for run in changes.runs { try await upsert(run, ledgerID: ledgerID) }
            if !changes.ticketStates.isEmpty || makingLive {
                try await register(changes.live, ledgerID: ledgerID)
                try await upsert(changes.ticketStates, generation: changes.live.generation, ledgerID: ledgerID)
            }
            let moved = changes.cursor(after: cursor)
            let live: Int64? = makingLive ? changes.live.generation : nil
            try await connection.query(
                """
                UPDATE ledgers SET events_through = \(moved.eventsThrough), rejected_through = \(moved.rejectedThrough),
                       runs_through = \(moved.runsThrough),
                       live_generation = coalesce(\(live), live_generation), published_at = now()
                WHERE ledger_id = \(ledgerID)
                """, logger: logger)
            KillPoint.publishBeforeCommit.reached()
            try await connection.query("COMMIT", logger: logger)
            KillPoint.publishAfterCommit.reached()
            return true
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Writes a page of a generation not yet live, in its own transaction.
    func commitGenerationPage(_ states: [StoredTicketState], of generation: PublishedGeneration, ledgerID: String) async throws {
        try await transaction {
            try await register(generation, ledgerID: ledgerID)
            try await upsert(states, generation: generation.generation, ledgerID: ledgerID)
        }
    }

    /// Makes `generation` the one readers see, and drops every other of the ledger, in one transaction.
    func swap(to generation: Int64, replacing old: Int64, ledgerID: String) async throws {
        try await transaction {
            try await connection.query("SELECT 1 FROM ledgers WHERE ledger_id = \(ledgerID) FOR UPDATE", logger: logger)
            try await connection.query(
                "UPDATE ledgers SET live_generation = \(generation), published_at = now() WHERE ledger_id = \(ledgerID)", logger: logger)
            try await connection.query("DELETE FROM ticket_states WHERE ledger_id = \(ledgerID) AND generation <> \(generation)", logger: logger)
            try await connection.query(
                "DELETE FROM projection_generations WHERE ledger_id = \(ledgerID) AND generation <> \(generation)", logger: logger)
        }
    }

    private func transaction(_ body: () async throws -> Void) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await body()
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private func register(_ generation: PublishedGeneration, ledgerID: String) async throws {
        try await connection.query(
            """
            INSERT INTO projection_generations (ledger_id, generation, mapping_version, mode)
            VALUES (\(ledgerID), \(generation.generation), \(generation.mappingVersion), \(generation.mode.rawValue))
            ON CONFLICT (ledger_id, generation) DO NOTHING
            """, logger: logger)
    }

    private func copyEvents(_ events: [StoredEvent], ledgerID: String) async throws {
        guard !events.isEmpty else { return }
        try await copy(into: "events", columns: Self.eventColumns, events) { text, event in
            text.add(ledgerID)
            text.add(event.position)
            text.add(event.organizer)
            text.add(event.ticketId)
            text.add(event.statusDate)
            text.add(event.ingestedAt)
            text.add(event.sourceKind)
            text.add(event.sourceRef)
            text.add(event.sourceItem)
            for value in [event.status, event.legacyStatus, event.action, event.state, event.deletionReason] { text.add(value) }
            text.add(event.hasBeacon)
            text.add(event.hasExtraInfo)
            text.add(event.body)
            text.add(event.holderKey)
            text.add(event.holderData)
            text.add(event.recipientKey)
            text.add(event.recipientData)
            text.add(event.contentKey)
            text.add(event.chainHash)
        }
    }

    private func copyRejectedItems(_ items: [StoredRejectedItem], ledgerID: String) async throws {
        guard !items.isEmpty else { return }
        try await copy(into: "rejected_items", columns: Self.rejectedColumns, items) { text, item in
            text.add(ledgerID)
            text.add(item.id)
            text.add(item.organizer)
            text.add(item.contentKey)
            text.add(item.reason)
            text.add(item.sourceKind)
            text.add(item.sourceRef)
            text.add(item.sourceItem)
            text.add(item.rejectedAt)
            text.add(item.body)
            text.add(item.personalKey)
            text.add(item.personalData)
        }
    }

    /// A generation's rows through a temporary table, then merged: a ticket's row changes as its events come.
    private func upsert(_ states: [StoredTicketState], generation: Int64, ledgerID: String) async throws {
        guard !states.isEmpty else { return }
        try await copy(into: "incoming_ticket_states", columns: Self.ticketStateColumns, states) { text, state in
            text.add(ledgerID)
            text.add(generation)
            text.add(state.organizer)
            text.add(state.ticketId)
            text.add(state.s360Status)
            text.add(state.tixngoStatus)
            text.add(state.family)
            text.add(state.deletionReason)
            text.add(state.anomaly)
            text.add(state.statusDate)
            text.add(state.holderPosition)
            text.add(state.lastPosition)
        }
        let columns = Self.ticketStateColumns.joined(separator: ", ")
        let updates = Self.ticketStateColumns.dropFirst(4).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await connection.query(
            PostgresQuery(unsafeSQL: """
                INSERT INTO ticket_states (\(columns)) SELECT \(columns) FROM incoming_ticket_states
                ON CONFLICT (ledger_id, generation, organizer, ticket_id) DO UPDATE SET \(updates)
                """), logger: logger)
        try await connection.query("DELETE FROM incoming_ticket_states", logger: logger)
    }

    private func upsert(_ run: StoredRun, ledgerID: String) async throws {
        try await connection.query(
            """
            INSERT INTO ingest_runs (ledger_id, id, organizer, source, started_at, finished_at, pages, received, appended, duplicates,
                                     skipped, rejected, pagination_key_before, pagination_key_after, outcome, error)
            VALUES (\(ledgerID), \(run.id), \(run.organizer), \(run.source), \(run.startedAt), \(run.finishedAt), \(run.pages), \(run.received),
                    \(run.appended), \(run.duplicates), \(run.skipped), \(run.rejected), \(run.paginationKeyBefore),
                    \(run.paginationKeyAfter), \(run.outcome), \(run.error))
            ON CONFLICT (ledger_id, id) DO UPDATE SET finished_at = excluded.finished_at, pages = excluded.pages,
                received = excluded.received, appended = excluded.appended, duplicates = excluded.duplicates,
                skipped = excluded.skipped, rejected = excluded.rejected, pagination_key_after = excluded.pagination_key_after,
                outcome = excluded.outcome, error = excluded.error
            """, logger: logger)
    }

    /// `COPY table (columns) FROM STDIN` of `rows`, each written by `write`, sent in chunks.
    private func copy<Row>(into table: String, columns: [String], _ rows: [Row], write: (inout CopyText, Row) -> Void) async throws {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var text = CopyText(capacity: Self.copyChunkBytes + (Self.copyChunkBytes >> 2))
            for row in rows {
                write(&text, row)
                text.endRow()
                if text.buffer.readableBytes >= Self.copyChunkBytes {
                    try await writer.write(text.buffer)
                    text = CopyText(capacity: Self.copyChunkBytes + (Self.copyChunkBytes >> 2))
                }
            }
            if text.buffer.readableBytes > 0 { try await writer.write(text.buffer) }
        }
    }
}

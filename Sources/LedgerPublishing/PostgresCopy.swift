import Foundation
import Logging
import NIOCore
import PostgresNIO
import TicketLedger

/// The PostgreSQL side of a publish: one connection, the statements that write a ledger's copy.
struct PostgresCopy {
    let connection: PostgresConnection
    let logger: Logger

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
            // A run killed stays unfinished for good and is read again each batch: kills are rare.
            "SELECT id FROM ingest_runs WHERE ledger_id = \(ledgerID) AND finished_at IS NULL ORDER BY id", logger: logger
        ).decode(Int64.self) {
            unfinished.append(id)
        }
        return (PublicationCursor(eventsThrough: found.0, rejectedThrough: found.1, runsThrough: found.2, unfinishedRuns: unfinished), found.3)
    }

    /// The chain hash the copy holds at `position`.
    func chainHash(of ledgerID: String, at position: Int64) async throws -> Data? {
        var hash: Data?
        for try await value in try await connection.query(
            "SELECT chain_hash FROM events WHERE ledger_id = \(ledgerID) AND position = \(position)", logger: logger
        ).decode(Data.self) {
            hash = value
        }
        return hash
    }

    /// Writes one batch with the cursor it moves to, in one transaction; false (nothing written)
    /// when the copy's cursor is no longer `cursor` (another publisher of the ledger moved it).
    func commitBatch(_ batch: CopyBatch, after cursor: PublicationCursor, makingLive: Bool) async throws -> Bool {
        let changes = batch.changes
        let ledgerID = changes.ledgerID
        try await connection.query("BEGIN", logger: logger)
        do {
            var current: (Int64, Int64, Int64)?
            for try await row in try await connection.query(
                "SELECT events_through, rejected_through, runs_through FROM ledgers WHERE ledger_id = \(ledgerID) FOR UPDATE", logger: logger
            ).decode((Int64, Int64, Int64).self) {
                current = row
            }
            guard let current, current.0 == cursor.eventsThrough, current.1 == cursor.rejectedThrough, current.2 == cursor.runsThrough else {
                try await connection.query("ROLLBACK", logger: logger)
                return false
            }
            try await send(batch.events, into: "events", columns: CopyBatch.eventColumns)
            try await send(batch.rejectedItems, into: "rejected_items", columns: CopyBatch.rejectedColumns)
            for run in changes.runs { try await upsert(run, ledgerID: ledgerID) }
            if !changes.ticketStates.isEmpty || makingLive {
                try await register(changes.live, ledgerID: ledgerID)
                try await upsertTicketStates(batch.ticketStates)
            }
            let moved = changes.cursor(after: cursor)
            let live: Int64? = makingLive ? changes.live.generation : nil
            try await connection.query(
                """
                UPDATE ledgers SET events_through = \(moved.eventsThrough), rejected_through = \(moved.rejectedThrough),
                       runs_through = greatest(runs_through, \(moved.runsThrough)),
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

    /// Writes a page of a generation not yet live, in its own transaction, while the live one is
    /// still `old` (taking turns with swaps on the ledger's row); false, writing nothing, once
    /// another publisher has swapped: this copy of the generation is then not needed.
    func commitGenerationPage(
        _ states: [StoredTicketState], of generation: PublishedGeneration, replacing old: Int64, ledgerID: String
    ) async throws -> Bool {
        var written = false
        try await transaction {
            var live: Int64?
            for try await value in try await connection.query(
                "SELECT live_generation FROM ledgers WHERE ledger_id = \(ledgerID) FOR UPDATE", logger: logger
            ).decode(Int64?.self) {
                live = value
            }
            guard live == old else { return }
            try await register(generation, ledgerID: ledgerID)
            try await upsertTicketStates(CopyBatch.ticketStates(states, generation: generation.generation, ledgerID: ledgerID))
            written = true
        }
        return written
    }

    /// Makes `generation` the one readers see, in place of `old`, and drops every other of the
    /// ledger, in one transaction; false (nothing changed) when the live generation is no longer
    /// `old` (another publisher swapped first).
    func swap(to generation: Int64, replacing old: Int64, ledgerID: String) async throws -> Bool {
        var swapped = false
        try await transaction {
            var updated = 0
            for try await _ in try await connection.query(
                """
                UPDATE ledgers SET live_generation = \(generation), published_at = now()
                WHERE ledger_id = \(ledgerID) AND live_generation = \(old) RETURNING 1
                """, logger: logger
            ) {
                updated += 1
            }
            guard updated == 1 else { return }
            try await connection.query("DELETE FROM ticket_states WHERE ledger_id = \(ledgerID) AND generation <> \(generation)", logger: logger)
            try await connection.query(
                "DELETE FROM projection_generations WHERE ledger_id = \(ledgerID) AND generation <> \(generation)", logger: logger)
            swapped = true
        }
        return swapped
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

    /// A generation's rows (COPY text) through a temporary table, then merged: a ticket's row changes as its events come.
    private func upsertTicketStates(_ chunks: [ByteBuffer]) async throws {
        guard !chunks.isEmpty else { return }
        try await send(chunks, into: "incoming_ticket_states", columns: CopyBatch.ticketStateColumns)
        let columns = CopyBatch.ticketStateColumns.joined(separator: ", ")
        let updates = CopyBatch.ticketStateColumns.dropFirst(4).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await connection.query(
            PostgresQuery(unsafeSQL: """
                INSERT INTO ticket_states (\(columns)) SELECT \(columns) FROM incoming_ticket_states
                ON CONFLICT (ledger_id, generation, organizer, ticket_id) DO UPDATE SET \(updates)
                WHERE ticket_states.last_position <= excluded.last_position
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

    /// `COPY table (columns) FROM STDIN` of COPY text already made.
    private func send(_ chunks: [ByteBuffer], into table: String, columns: [String]) async throws {
        guard !chunks.isEmpty else { return }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            for chunk in chunks { try await writer.write(chunk) }
        }
    }
}

import Foundation
import GRDB

extension LedgerDatabase {
    /// Appends one batch of items in one transaction: the new observations, the
    /// rejected items, the live projection's rows they change and, when given, the
    /// pagination key that follows the batch all commit together or not at all.
    ///
    /// The projection updated is the one live when the transaction runs, so a replay
    /// that swapped in a new projection meanwhile is updated, not the retired one.
    func append(
        _ items: [SourcedItem], organizer: String, skipping skipList: Set<String> = [], cursor: String? = nil
    ) async throws -> IngestCounts {
        try await append(try unlockedKeys().prepare(items, organizer: organizer, skipping: skipList), cursor: cursor)
    }

    /// Appends a prepared batch in one transaction (see ``append(_:organizer:skipping:cursor:)``), counting
    /// it and its `pages` in `journal`'s run in that transaction. With `more`, the transaction goes on
    /// with the batches it returns, in its thread, until it holds ``PreparedBatch/itemsPerTransaction``
    /// items or `more` returns nil: a feed prepared a slice at a time is written as it is prepared.
    func append(
        _ batch: PreparedBatch, then more: (@Sendable () -> PreparedBatch?)? = nil,
        cursor: String? = nil, journal: RunJournal? = nil, pages: Int = 0
    ) async throws -> IngestCounts {
        let organizer = batch.organizer
        let keys = try unlockedKeys()
        let session = try await write { db in
            let settings = try self.liveSettings(db)
            let time = self.now()
            let session = try keys.vault.session(db, at: time)
            var appender = try EventAppender(db: db, session: session, secrets: keys.secrets, organizer: organizer, at: time)
            var projector = Projector(settings: settings)
            var counts = IngestCounts()
            var next: PreparedBatch? = batch
            while let batch = next.take() {
                for prepared in batch.items {
                    counts.received += 1
                    switch prepared.verdict {
                    case .skipped:
                        counts.skipped += 1
                    case .rejected(let reason, let value):
                        counts.rejected += 1
                        try appender.reject(value, source: prepared.source, contentKey: prepared.contentKey, reason: reason)
                    case .observation(let observation, let holder, let recipient):
                        guard let position = try appender.append(
                            observation, holder: holder, recipient: recipient, contentKey: prepared.contentKey, source: prepared.source)
                        else {
                            counts.duplicates += 1
                            continue
                        }
                        counts.appended += 1
                        counts.newestStatusDate = max(counts.newestStatusDate ?? observation.statusDate, observation.statusDate)
                        projector.fold(FoldedEvent(
                            position: position, statusDate: observation.statusDate.microseconds, organizer: organizer,
                            ticketId: observation.ticketId, facts: ObservationFacts(observation)))
                    }
                }
                // Freeing the prepared items was 7 % of the writer's time: each batch taken from `more` is moved
                // to another thread, which lets it go (the first, still the caller's, is freed after the commit).
                DispatchQueue.global(qos: .utility).async { [spent = consume batch] in _ = spent }
                next = counts.received < PreparedBatch.itemsPerTransaction ? more?() : nil
            }
            try projector.write(db: db)
            if let cursor {
                try db.execute(
                    sql: """
                        INSERT INTO ingest_cursors (organizer, pagination_key, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (organizer) DO UPDATE SET pagination_key = excluded.pagination_key, updated_at = excluded.updated_at
                        """,
                    arguments: [organizer, cursor, time.microseconds])
            }
            try journal?.count(counts, pages: pages, cursor: cursor, db: db)
            KillPoint.pageBeforeCommit.reached()
            return SessionResult(session: session, counts: counts)
        }
        KillPoint.pageAfterCommit.reached()
        session.session.publish()
        return session.counts
    }

    /// The stored pagination key of an organizer, or nil before its first page.
    public func paginationKey(organizer: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT pagination_key FROM ingest_cursors WHERE organizer = ?", arguments: [organizer])
        }
    }
}

/// Carries a transaction's vault session out of the write closure so its keys are published after commit.
private struct SessionResult: @unchecked Sendable {
    // The session is used only after the transaction, on the same task.
    var session: PersonalDataVault.Session
    var counts: IngestCounts
}

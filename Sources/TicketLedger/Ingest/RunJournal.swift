import GRDB

/// How an ingest run ended, as the run journal tells it.
public enum RunOutcome: String, Sendable, Equatable {
    /// It finished: every page it fetched was written (a graceful stop included).
    case ok
    /// It stopped on an error, recorded with the run; what it wrote before stays.
    case failed
    /// It started and never finished: the process was killed.
    case interrupted
    /// It is running now (its organizer's ingest lock is held).
    case running
}

/// One ingest run, as the run journal records it: the document of `runs --json` (docs/cli.md).
public struct RunRecord: Sendable, Equatable {
    public var organizer: String
    /// The file path, or the TIXnGO URL without credentials.
    public var source: String
    public var startedAt: Timestamp
    public var finishedAt: Timestamp?
    public var pages: Int
    public var counts: IngestCounts
    public var paginationKeyBefore: String?
    public var paginationKeyAfter: String?
    public var outcome: RunOutcome
    /// The error sentence of a failed run.
    public var error: String?

    /// Exactly the fields of `runs --json`, in order.
    public var json: JSONValue {
        .object([
            ("organizer", .string(organizer)), ("source", .string(source)),
            ("startedAt", .string(startedAt.description)), ("finishedAt", .string(finishedAt?.description)),
            ("pages", .integer(Int64(pages))), ("received", .integer(Int64(counts.received))),
            ("appended", .integer(Int64(counts.appended))), ("duplicates", .integer(Int64(counts.duplicates))),
            ("skipped", .integer(Int64(counts.skipped))), ("rejected", .integer(Int64(counts.rejected))),
            ("paginationKeyBefore", .string(paginationKeyBefore)), ("paginationKeyAfter", .string(paginationKeyAfter)),
            ("outcome", .string(outcome.rawValue)), ("error", .string(error)),
        ])
    }
}

/// The run journal's rows of one run in progress: started in its own transaction, counted in the
/// transaction of each page it writes, and finished with its outcome.
struct RunJournal: Sendable {
    let id: Int64

    /// Records the start of a run of `organizer` reading `source`, from `startKey` or else the stored key.
    static func start(_ ledger: LedgerDatabase, organizer: String, source: String, startKey: String?) async throws -> RunJournal {
        try await ledger.write { db in
            let stored = try String.fetchOne(db, sql: "SELECT pagination_key FROM ingest_cursors WHERE organizer = ?", arguments: [organizer])
            let before = startKey ?? stored
            try db.execute(
                sql: """
                    INSERT INTO ingest_runs (organizer, source, started_at, pagination_key_before, pagination_key_after)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [organizer, source, ledger.now().microseconds, before, before])
            return RunJournal(id: db.lastInsertedRowID)
        }
    }

    /// Adds what one write transaction did (inside that transaction).
    func count(_ counts: IngestCounts, pages: Int, cursor: String?, db: Database) throws {
        try db.execute(
            sql: """
                UPDATE ingest_runs SET pages = pages + ?, received = received + ?, appended = appended + ?,
                    duplicates = duplicates + ?, skipped = skipped + ?, rejected = rejected + ?,
                    pagination_key_after = coalesce(?, pagination_key_after)
                WHERE id = ?
                """,
            arguments: [pages, counts.received, counts.appended, counts.duplicates, counts.skipped, counts.rejected, cursor, id])
    }

    /// What the journal holds of a finished run, for the metrics.
    struct Finished: Sendable {
        var pages: Int
        var counts: IngestCounts
        /// The ledger's last position.
        var events: Int64
    }

    /// Records how the run ended; `error` is the sentence of a failed run. Runs in a task of its own, so a
    /// cancelled run (a shutdown) is still recorded as failed rather than left looking interrupted.
    func finish(_ ledger: LedgerDatabase, error: (any Error)?, pages: Int? = nil) async throws -> Finished {
        let (id, sentence) = (id, error.map { "\($0)" })
        return try await Task {
            try await ledger.write { db in
                try db.execute(
                    sql: "UPDATE ingest_runs SET finished_at = ?, outcome = ?, error = ?, pages = coalesce(?, pages) WHERE id = ?",
                    arguments: [ledger.now().microseconds, sentence == nil ? "ok" : "failed", sentence, pages, id])
                let row = try Row.fetchOne(db, sql: "SELECT * FROM ingest_runs WHERE id = ?", arguments: [id])
                let record = row.map { RunRow($0).record }
                return Finished(pages: record?.pages ?? 0, counts: record?.counts ?? IngestCounts(), events: try LedgerDatabase.lastPosition(db))
            }
        }.value
    }

    /// Runs `body` as the run journal's run: finished ok when it returns, failed with its error when it
    /// throws; either way the run is reported to the metrics backend (``IngestMetrics``).
    static func recording(
        _ ledger: LedgerDatabase, organizer: String, source: String, startKey: String? = nil, pages: Int? = nil,
        _ body: (RunJournal) async throws -> IngestSummary
    ) async throws -> IngestSummary {
        let started = ContinuousClock.now
        let journal = try await start(ledger, organizer: organizer, source: source, startKey: startKey)
        do {
            var summary = try await body(journal)
            if let pages { summary.pages = pages }
            let finished = try await journal.finish(ledger, error: nil, pages: pages)
            IngestMetrics.run(
                organizer: organizer, outcome: .ok, finished: finished, newestStatusDate: summary.newestStatusDate,
                duration: .now - started, ledger: ledger)
            return summary
        } catch {
            let finished = try? await journal.finish(ledger, error: error)
            IngestMetrics.run(
                organizer: organizer, outcome: .failed, finished: finished, newestStatusDate: nil, duration: .now - started, ledger: ledger)
            throw error
        }
    }
}

extension LedgerDatabase {
    /// The run journal, newest first: every run, or `organizer`'s; at most `limit`.
    public func runs(organizer: String? = nil, limit: Int? = nil) async throws -> [RunRecord] {
        let rows = try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM ingest_runs" + (organizer == nil ? "" : " WHERE organizer = ?") + " ORDER BY id DESC"
                    + (limit == nil ? "" : " LIMIT ?"),
                arguments: StatementArguments((organizer.map { [$0] } ?? []) + (limit.map { [$0] } ?? [])))
                .map(RunRow.init)
        }
        return try await marked(rows)
    }

    /// Each organizer's newest run, by organizer.
    public func lastRuns() async throws -> [RunRecord] {
        let rows = try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ingest_runs WHERE id IN (SELECT max(id) FROM ingest_runs GROUP BY organizer) ORDER BY organizer")
                .map(RunRow.init)
        }
        return try await marked(rows)
    }

    /// The records of `rows`: a row with no outcome is running when it is its organizer's newest run and
    /// the organizer's ingest lock is held now; any other is interrupted.
    private func marked(_ rows: [RunRow]) async throws -> [RunRecord] {
        let newest = try await read { db in
            try Row.fetchAll(db, sql: "SELECT organizer, max(id) FROM ingest_runs GROUP BY organizer")
                .map { ($0[0] as String, $0[1] as Int64) }
        }
        let newestID = Dictionary(newest, uniquingKeysWith: max)
        return rows.map { row in
            row.record(running: row.outcome == nil && newestID[row.organizer] == row.id
                && LedgerLock.isIngestHeld(ledgerPath: path, organizer: row.organizer))
        }
    }
}

/// A journal row as read, before the lock tells a run with no outcome running from interrupted.
private struct RunRow: Sendable {
    var id: Int64
    var organizer: String
    var outcome: String?
    var record: RunRecord

    init(_ row: Row) {
        id = row["id"]
        organizer = row["organizer"]
        outcome = row["outcome"]
        var counts = IngestCounts()
        (counts.received, counts.appended, counts.duplicates) = (row["received"], row["appended"], row["duplicates"])
        (counts.skipped, counts.rejected) = (row["skipped"], row["rejected"])
        record = RunRecord(
            organizer: organizer, source: row["source"], startedAt: Timestamp(microseconds: row["started_at"]),
            finishedAt: (row["finished_at"] as Int64?).map(Timestamp.init(microseconds:)), pages: row["pages"], counts: counts,
            paginationKeyBefore: row["pagination_key_before"], paginationKeyAfter: row["pagination_key_after"],
            outcome: outcome.flatMap(RunOutcome.init(rawValue:)) ?? .interrupted, error: row["error"])
    }

    func record(running: Bool) -> RunRecord {
        var record = record
        if running { record.outcome = .running }
        return record
    }
}

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

    /// Records the start of a run of `organizer` reading `source`.
    static func start(_ ledger: LedgerDatabase, organizer: String, source: String) async throws -> RunJournal {
        try await ledger.write { db in
            let before = try String.fetchOne(db, sql: "SELECT pagination_key FROM ingest_cursors WHERE organizer = ?", arguments: [organizer])
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

    /// Records how the run ended; `error` is the sentence of a failed run. Returns the ledger's last position.
    func finish(_ ledger: LedgerDatabase, error: (any Error)?, pages: Int? = nil) async throws -> Int64 {
        try await ledger.write { db in
            try db.execute(
                sql: "UPDATE ingest_runs SET finished_at = ?, outcome = ?, error = ?, pages = coalesce(?, pages) WHERE id = ?",
                arguments: [ledger.now().microseconds, error == nil ? "ok" : "failed", error.map { "\($0)" }, pages, id])
            return try LedgerDatabase.lastPosition(db)
        }
    }

    /// Runs `body` as the run journal's run: finished ok when it returns, failed with its error when it
    /// throws; either way the run is reported to the metrics backend (``IngestMetrics``).
    static func recording(
        _ ledger: LedgerDatabase, organizer: String, source: String, pages: Int? = nil,
        _ body: (RunJournal) async throws -> IngestSummary
    ) async throws -> IngestSummary {
        let started = ContinuousClock.now
        let journal = try await start(ledger, organizer: organizer, source: source)
        do {
            var summary = try await body(journal)
            if let pages { summary.pages = pages }
            let events = try await journal.finish(ledger, error: nil, pages: pages)
            IngestMetrics.run(organizer: organizer, outcome: .ok, summary: summary, duration: .now - started, ledger: ledger, events: events)
            return summary
        } catch {
            let events = (try? await journal.finish(ledger, error: error)) ?? 0
            IngestMetrics.run(organizer: organizer, outcome: .failed, summary: nil, duration: .now - started, ledger: ledger, events: events)
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
        return rows.map { $0.record(running: $0.outcome == nil && LedgerLock.isIngestHeld(ledgerPath: path, organizer: $0.organizer)) }
    }

    /// Each organizer's newest run, by organizer.
    public func lastRuns() async throws -> [RunRecord] {
        let rows = try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ingest_runs WHERE id IN (SELECT max(id) FROM ingest_runs GROUP BY organizer) ORDER BY organizer")
                .map(RunRow.init)
        }
        return rows.map { $0.record(running: $0.outcome == nil && LedgerLock.isIngestHeld(ledgerPath: path, organizer: $0.organizer)) }
    }
}

/// A journal row as read, before the lock tells a run with no outcome running from interrupted.
private struct RunRow: Sendable {
    var organizer: String
    var outcome: String?
    var record: RunRecord

    init(_ row: Row) {
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

extension LedgerDatabase {
    /// Ingests every item of a file holding what TIXnGO returned, for `organizer`, into
    /// the ledger and its live projection. The file was checked whole when it was opened;
    /// a run killed part-way is finished by running it again (what was appended is
    /// recognised as duplicates).
    ///
    /// Takes the organizer's ingest lock for the run: throws ``RunInProgress`` at once when
    /// another run of the same organizer, in this process or another, holds it. Ends by
    /// signing a tree head (``signTreeHead()``).
    public func ingest(
        _ file: ItemFile, organizer: String, skipping skipList: Set<String> = [], progress: ProgressReporter? = nil
    ) async throws -> IngestSummary {
        let lock = try ingestLock(organizer: organizer)
        defer { withExtendedLifetime(lock) {} }
        defer { truncateWALUnlessRead() }
        let run = try ItemFileIngest(ledger: self, organizer: organizer, skipList: skipList, logger: logger)
        return try await endingWithTreeHead {
            try await RunJournal.recording(self, organizer: organizer, source: file.path, pages: 1) { journal in
                try await run.run(file, journal: journal, progress: progress)
            }
        }
    }

    /// One run of the feedback interface for `organizer`: pages from `source`, starting
    /// after `startKey` or else after the organizer's stored pagination key, until a page
    /// comes back shorter than `batchSize`. Each page is written with the key that follows
    /// it, so a run stopped at any instant resumes after the last page written. After each
    /// page `shouldContinue` may end the run early (a graceful shutdown).
    ///
    /// Takes the organizer's ingest lock for the run: throws ``RunInProgress`` at once when
    /// another run of the same organizer holds it. Both kinds of run are recorded in the run
    /// journal (``runs(organizer:limit:)``), counted in the transactions of their pages.
    public func ingest(
        from source: some FeedbackPageSource, organizer: String, batchSize: Int = 1000, skipping skipList: Set<String> = [],
        startKey: String? = nil, shouldContinue: @Sendable () -> Bool = { true }
    ) async throws -> IngestSummary {
        let lock = try ingestLock(organizer: organizer)
        defer { withExtendedLifetime(lock) {} }
        defer { truncateWALUnlessRead() }
        let run = try FeedbackRun(ledger: self, organizer: organizer, batchSize: batchSize, skipList: skipList, logger: logger)
        return try await endingWithTreeHead {
            try await RunJournal.recording(self, organizer: organizer, source: source.journalName, startKey: startKey) { journal in
                try await run.run(source, startKey: startKey, journal: journal, shouldContinue: shouldContinue)
            }
        }
    }

    /// The organizer's ingest lock; a refusal is counted (`ticket_ledger_runs_refused_total`).
    private func ingestLock(organizer: String) throws -> LedgerLock {
        do {
            return try LedgerLock.ingest(ledgerPath: path, organizer: organizer)
        } catch let held as RunInProgress {
            IngestMetrics.refused(organizer: organizer)
            throw held
        }
    }
}

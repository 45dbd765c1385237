import Logging

/// Ingest of a file holding what TIXnGO returned, in place of calling it: the file is
/// checked whole first, then appended in transactions of ``PreparedBatch/itemsPerTransaction``
/// items; a run killed between them is finished by running it again (what was appended
/// is recognised as duplicates).
struct ItemFileIngest: Sendable {
    let ledger: LedgerDatabase
    /// Keys the items are prepared with (a ledger opened without its key file cannot ingest).
    let keys: LedgerKeys
    let organizer: String
    let skipList: Set<String>
    let logger: Logger

    init(ledger: LedgerDatabase, organizer: String, skipList: Set<String> = [], logger: Logger) throws {
        self.ledger = ledger
        keys = try ledger.unlockedKeys()
        self.organizer = organizer
        self.skipList = skipList
        self.logger = logger
    }

    /// Appends every item of `file`, updating the live projection.
    func run(_ file: ItemFile, journal: RunJournal? = nil, progress: ProgressReporter? = nil) async throws -> IngestSummary {
        var counts = IngestCounts()
        // Waiting for the first slice here holds this task's thread for a moment; the preparing threads are not the pool's.
        let feed = PreparedFeed(file, keys: keys, organizer: organizer, skipping: skipList)
        defer { feed.stop() }
        while let first = feed.next() {
            try Task.checkCancellation()
            counts += try await ledger.append(first, then: { feed.next() }, journal: journal)
            progress?(counts.received, file.itemCount)
        }
        logger.info(
            "file ingested",
            metadata: [
                "ingest.organizer": "\(organizer)", "ingest.received": "\(counts.received)",
                "ingest.appended": "\(counts.appended)", "ingest.duplicates": "\(counts.duplicates)",
                "ingest.skipped": "\(counts.skipped)", "ingest.rejected": "\(counts.rejected)",
            ])
        return IngestSummary(
            organizer: organizer, pages: 1, counts: counts,
            paginationKey: try await ledger.paginationKey(organizer: organizer))
    }
}

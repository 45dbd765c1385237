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

    /// Appends every item of `feed`, updating the live projection.
    func run(_ feed: ItemFile, journal: RunJournal? = nil, progress: ProgressReporter? = nil) async throws -> IngestSummary {
        var counts = IngestCounts()
        var done = 0
        let reader = feed.reader()
        let prepareNext = { [keys, organizer, skipList] in
            // The next batch is read and prepared on another core while this one is written, a
            // page-sized slice at a time: only one slice's parsed JSON is held at once.
            Task {
                var items: [PreparedBatch.Item] = []
                while items.count < PreparedBatch.itemsPerTransaction {
                    let slice = reader.next(PreparedBatch.itemsPerSlice)
                    guard !slice.isEmpty else { break }
                    items += keys.prepare(slice, organizer: organizer, skipping: skipList).items
                }
                return PreparedBatch(organizer: organizer, items: items)
            }
        }
        var next = prepareNext()
        while true {
            try Task.checkCancellation()
            let batch = await next.value
            guard !batch.items.isEmpty else { break }
            next = prepareNext()
            counts += try await ledger.append(batch, journal: journal)
            done += batch.items.count
            progress?(done, feed.itemCount)
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

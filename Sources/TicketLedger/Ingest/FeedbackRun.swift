import Logging
import SharedSupport

/// One run of the feedback interface against TIXnGO: page after page until a page
/// comes back shorter than the batch size. Whole pages are written in transactions of up
/// to ``PreparedBatch/itemsPerTransaction`` items, each with the pagination key that
/// follows its last page, so a run stopped at any instant resumes exactly after the last
/// page written (pages fetched but not written are fetched again).
struct FeedbackRun: Sendable {
    let ledger: LedgerDatabase
    /// Keys the pages are prepared with (a ledger opened without its key file cannot ingest).
    let keys: LedgerKeys
    let organizer: String
    let batchSize: Int
    let skipList: Set<String>
    let logger: Logger

    init(ledger: LedgerDatabase, organizer: String, batchSize: Int = 1000, skipList: Set<String> = [], logger: Logger) throws {
        self.ledger = ledger
        keys = try ledger.unlockedKeys()
        self.organizer = organizer
        self.batchSize = batchSize
        self.skipList = skipList
        self.logger = logger
    }

    /// Pulls pages from `source`, starting at `startKey` or else at the organizer's stored key;
    /// after each page, `shouldContinue` may end the run early (graceful shutdown): what was
    /// fetched is written first. Pages are fetched, decoded and keyed while earlier ones are
    /// written, one write at a time, in order.
    func run(
        _ source: some FeedbackPageSource, startKey: String? = nil, journal: RunJournal? = nil,
        shouldContinue: @Sendable () -> Bool = { true }
    ) async throws -> IngestSummary {
        let started = ContinuousClock.now
        var key: String? = if let startKey { startKey } else { try await ledger.paginationKey(organizer: organizer) }
        var counts = IngestCounts()
        var pages = 0
        var next: Task<FetchedPage, any Error>? = fetch(source, after: key)
        defer { next?.cancel() }
        var unwritten = UnwrittenPages(organizer: organizer)
        var writing: Task<IngestCounts, any Error>?
        do {
            while let fetching = next {
                try Task.checkCancellation()
                var failure: (any Error)?
                var stopping = true
                do {
                    let page = try await fetching.value
                    pages += 1
                    unwritten.add(page)
                    stopping = page.items < batchSize || !shouldContinue()
                    next = stopping ? nil : fetch(source, after: page.nextPageKey)
                } catch {
                    failure = error
                    next = nil
                }
                if unwritten.pages > 0, stopping || unwritten.batch.items.count >= PreparedBatch.itemsPerTransaction {
                    if let previous = writing { counts += try await previous.value }
                    let group = unwritten
                    writing = Task { [ledger] in
                        try await ledger.append(group.batch, cursor: group.nextPageKey, journal: journal, pages: group.pages)
                    }
                    key = group.nextPageKey
                    logger.debug(
                        "pages written",
                        metadata: ["ingest.organizer": "\(organizer)", "ingest.pages": "\(group.pages)", "ingest.items": "\(group.batch.items.count)"])
                    unwritten = UnwrittenPages(organizer: organizer)
                }
                if let failure { throw failure }
            }
            if let previous = writing { counts += try await previous.value }
        } catch {
            // The write in flight finishes (or fails) before the run reports its error.
            if let previous = writing { _ = try? await previous.value }
            throw error
        }
        let lag = counts.newestStatusDate.map { Double(ledger.now().microseconds - $0.microseconds) / 1_000_000 }
        logger.info(
            "ingest run finished",
            metadata: [
                "ingest.organizer": "\(organizer)", "ingest.pages": "\(pages)", "ingest.received": "\(counts.received)",
                "ingest.appended": "\(counts.appended)", "ingest.duplicates": "\(counts.duplicates)",
                "ingest.skipped": "\(counts.skipped)", "ingest.rejected": "\(counts.rejected)",
                "ingest.duration_s": "\((ContinuousClock.now - started).seconds)",
                "ingest.lag_s": "\(lag.map { String(Int($0)) } ?? "none")",
            ])
        return IngestSummary(organizer: organizer, pages: pages, counts: counts, paginationKey: key)
    }
}

extension FeedbackRun {
    /// A page fetched and prepared for its write transaction.
    struct FetchedPage: Sendable {
        var batch: PreparedBatch
        var items: Int
        var nextPageKey: String?
    }

    /// Pages fetched and not yet written, and the key that follows the last of them.
    struct UnwrittenPages: Sendable {
        var batch: PreparedBatch
        var pages = 0
        var nextPageKey: String?

        init(organizer: String) { batch = PreparedBatch(organizer: organizer, items: []) }

        mutating func add(_ page: FetchedPage) {
            batch.append(page.batch)
            pages += 1
            nextPageKey = page.nextPageKey
        }
    }

    /// Fetches the page after `key` and prepares it, on another task.
    private func fetch(_ source: some FeedbackPageSource, after key: String?) -> Task<FetchedPage, any Error> {
        Task { [keys, organizer, skipList, batchSize] in
            let page = try await source.page(after: key, limit: batchSize)
            let requestKey = key ?? ""
            let items = page.items.enumerated().map { index, value in
                SourcedItem(value: value, source: ItemSource(kind: .api, reference: requestKey, item: Int64(index + 1)))
            }
            return FetchedPage(
                batch: keys.prepare(items, organizer: organizer, skipping: skipList), items: items.count,
                nextPageKey: page.nextPageKey)
        }
    }
}

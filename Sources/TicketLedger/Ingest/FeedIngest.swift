public import Logging

/// Where pages of the TIXnGO feed come from: the TIXnGO API, or anything that serves the same contract.
public protocol FeedbackPageSource: Sendable {
    /// The page after `paginationKey` (nil: the start of the feed), at most `limit` items.
    func page(after paginationKey: String?, limit: Int) async throws -> FeedbackPage
}

/// One run of the feedback interface against TIXnGO: page after page until a page
/// comes back shorter than the batch size. Each page and the pagination key that
/// follows it commit in one transaction, so a run stopped at any instant resumes
/// exactly where it stopped.
public struct FeedIngest: Sendable {
    public let ledger: LedgerDatabase
    public let organizer: String
    public let batchSize: Int
    public let skipList: Set<String>
    public let logger: Logger

    public init(ledger: LedgerDatabase, organizer: String, batchSize: Int = 1000, skipList: Set<String> = [], logger: Logger) {
        self.ledger = ledger
        self.organizer = organizer
        self.batchSize = batchSize
        self.skipList = skipList
        self.logger = logger
    }

    /// Pulls pages from `source`, starting at `startKey` or else at the organizer's stored key;
    /// before each page after the first, `shouldContinue` may end the run early (graceful shutdown).
    public func run(
        _ source: some FeedbackPageSource, startKey: String? = nil,
        shouldContinue: @Sendable () -> Bool = { true }
    ) async throws -> IngestSummary {
        let started = ContinuousClock.now
        var key: String? = if let startKey { startKey } else { try await ledger.paginationKey(organizer: organizer) }
        var counts = IngestCounts()
        var pages = 0
        while true {
            try Task.checkCancellation()
            let page = try await source.page(after: key, limit: batchSize)
            let requestKey = key ?? ""
            let items = page.items.enumerated().map { index, value in
                SourcedItem(value: value, source: ItemSource(kind: .api, reference: requestKey, item: Int64(index + 1)))
            }
            counts += try await ledger.append(items, organizer: organizer, skipping: skipList, cursor: page.nextPageKey)
            pages += 1
            key = page.nextPageKey
            logger.debug("page committed", metadata: ["ingest.organizer": "\(organizer)", "ingest.page": "\(pages)", "ingest.items": "\(items.count)"])
            if page.items.count < batchSize || !shouldContinue() { break }
        }
        let lag = counts.newestStatusDate.map { Double(WallClock.nowMicroseconds() - $0.microseconds) / 1_000_000 }
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

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// What one ingest run (or one batch of it) did with the items it received.
public struct IngestCounts: Equatable, Sendable {
    /// Items read from the source, whatever became of them.
    public var received = 0
    /// New observations appended to the ledger.
    public var appended = 0
    /// Observations the ledger already had (the same content arrived again).
    public var duplicates = 0
    /// Items of tickets on the skip list.
    public var skipped = 0
    /// Items that could not be observations (kept with their reason in rejected_items).
    public var rejected = 0
    /// The latest statusDate among the observations appended.
    public var newestStatusDate: Timestamp?

    public init() {}

    /// Adds another batch's counts; `newestStatusDate` becomes the later of the two.
    public static func += (lhs: inout IngestCounts, rhs: IngestCounts) {
        lhs.received += rhs.received
        lhs.appended += rhs.appended
        lhs.duplicates += rhs.duplicates
        lhs.skipped += rhs.skipped
        lhs.rejected += rhs.rejected
        lhs.newestStatusDate = [lhs.newestStatusDate, rhs.newestStatusDate].compactMap { $0 }.max()
    }
}

/// The result of one ingest run, as `ingest --json` prints it (docs/cli.md).
public struct IngestSummary: Equatable, Sendable {
    /// The TIXnGO organizer the run ingested for.
    public var organizer: String
    /// Pages fetched from TIXnGO; 1 for a file run, whatever its layout.
    public var pages: Int
    /// Items read from TIXnGO or the file, whatever became of them.
    public var received: Int
    /// New observations appended to the ledger.
    public var appended: Int
    /// Items the ledger already had, not appended again.
    public var duplicates: Int
    /// Items of tickets on the run's skip list, left out entirely.
    public var skipped: Int
    /// Items that failed validation; each is kept once with its reason, but counted every time it arrives.
    public var rejected: Int
    /// The organizer's pagination key after the run (nil before any API page).
    public var paginationKey: String?
    /// The latest statusDate among the observations the run appended (for the ingest lag; not in `--json`).
    public var newestStatusDate: Timestamp?

    /// The summary of a run of `pages` pages with `counts`, ending on `paginationKey`.
    public init(organizer: String, pages: Int, counts: IngestCounts, paginationKey: String?) {
        self.organizer = organizer
        self.pages = pages
        received = counts.received
        appended = counts.appended
        duplicates = counts.duplicates
        skipped = counts.skipped
        rejected = counts.rejected
        self.paginationKey = paginationKey
        newestStatusDate = counts.newestStatusDate
    }

    /// Exactly the fields of `ingest --json` (docs/cli.md).
    public var json: JSONValue {
        .object([
            ("organizer", .string(organizer)), ("pages", .integer(Int64(pages))), ("received", .integer(Int64(received))),
            ("appended", .integer(Int64(appended))), ("duplicates", .integer(Int64(duplicates))),
            ("skipped", .integer(Int64(skipped))), ("rejected", .integer(Int64(rejected))), ("paginationKey", .string(paginationKey)),
        ])
    }
}

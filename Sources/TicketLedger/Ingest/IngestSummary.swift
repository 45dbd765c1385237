/// The result of one ingest run, as `ingest --json` prints it (docs/cli.md).
public struct IngestSummary: Equatable, Sendable {
    public var organizer: String
    public var pages: Int
    public var received: Int
    public var appended: Int
    public var duplicates: Int
    public var skipped: Int
    public var rejected: Int
    /// The organizer's pagination key after the run (nil before any API page).
    public var paginationKey: String?

    public init(organizer: String, pages: Int, counts: IngestCounts, paginationKey: String?) {
        self.organizer = organizer
        self.pages = pages
        received = counts.received
        appended = counts.appended
        duplicates = counts.duplicates
        skipped = counts.skipped
        rejected = counts.rejected
        self.paginationKey = paginationKey
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

/// Reports progress of long work: (done, total) — total nil when unknown.
public typealias ProgressReporter = @Sendable (_ done: Int, _ total: Int?) -> Void

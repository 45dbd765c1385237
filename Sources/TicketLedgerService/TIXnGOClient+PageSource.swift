public import TicketLedger
public import TIXnGOClient

extension TIXnGOClient: FeedbackPageSource {
    /// A page of the feed, decoded by the ledger's one decoder; a body that does not decode is retried.
    public func page(after paginationKey: String?, limit: Int) async throws -> FeedbackPage {
        try await fetchPage(paginationKey: paginationKey, limit: limit) { body in try FeedbackPage.decode(body) }
    }
}

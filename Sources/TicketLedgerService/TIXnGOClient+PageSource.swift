import Foundation
public import TicketLedger
public import TIXnGOClient

extension TIXnGOClient: FeedbackPageSource {
    /// A page of the feed, decoded by the ledger's one decoder; a body that does not decode is retried.
    public func page(after paginationKey: String?, limit: Int) async throws -> FeedbackPage {
        try await fetchPage(paginationKey: paginationKey, limit: limit) { body in try FeedbackPage.decode(body) }
    }

    /// The endpoint as the run journal names it: scheme, host, port and path; no user, password or query.
    public var journalName: String {
        guard var parts = URLComponents(string: configuration.baseURL) else { return "TIXnGO" }
        (parts.user, parts.password, parts.query, parts.fragment) = (nil, nil, nil, nil)
        return parts.string ?? "TIXnGO"
    }
}

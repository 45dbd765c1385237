/// Where pages of the TIXnGO feed come from: the TIXnGO API, or anything that serves the same contract.
public protocol FeedbackPageSource: Sendable {
    /// The page after `paginationKey` (nil: the start of the feed), at most `limit` items.
    func page(after paginationKey: String?, limit: Int) async throws -> FeedbackPage

    /// How the run journal names this source: a URL without credentials, never a key.
    var journalName: String { get }
}

extension FeedbackPageSource {
    public var journalName: String { "\(Self.self)" }
}

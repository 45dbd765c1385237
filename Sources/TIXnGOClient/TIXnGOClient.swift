public import AsyncHTTPClient
public import Logging
import Metrics

/// Fetches pages of ticket changes from TIXnGO's `GET /tickets/diff`, retrying transient failures.
///
/// Retried: connection errors and timeouts, HTTP 429 and 5xx (honouring `Retry-After`), and a
/// body the caller's decoder rejects. Not retried: HTTP 401, 400, other 3xx/4xx and cancellation.
public struct TIXnGOClient: Sendable {
    /// Where and how the client reaches TIXnGO.
    public let configuration: TIXnGOClientConfiguration
    let httpClient: HTTPClient
    let logger: Logger
    let environment: RetryEnvironment

    /// A client that sends its requests through `httpClient`, which the caller owns and shuts down.
    ///
    /// `httpClient` should not follow redirects (a redirect would resend the API key to another
    /// host); ``httpClientConfiguration`` has suitable settings.
    public init(
        configuration: TIXnGOClientConfiguration,
        httpClient: HTTPClient,
        logger: Logger,
        environment: RetryEnvironment = .live
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
        self.environment = environment
    }

    /// Fetches the page after `paginationKey` (from the start when nil) and hands its body to `decode`.
    ///
    /// A body that `decode` rejects counts as a retryable failure; the error it threw is not
    /// logged or reported, because it may quote the body's personal data.
    public func fetchPage<Page: Sendable>(
        paginationKey: String?,
        limit: Int,
        decode: @Sendable ([UInt8]) throws -> Page
    ) async throws -> Page {
        let request = try makeRequest(paginationKey: paginationKey, limit: limit)
        let policy = configuration.retryPolicy
        let start = environment.now()
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let failure: RetryableFailure
            Counter(label: "ticket_ledger_tixngo_requests_total").increment()
            do {
                let page = try await send(request, decode: decode)
                logger.debug(
                    "fetched a TIXnGO page",
                    metadata: metadata(attempt: attempt, paginationKey: paginationKey)
                )
                return page
            } catch let retryable as RetryableFailure {
                failure = retryable
            }
            let elapsed = start.duration(to: environment.now())
            let wait =
                failure.retryAfter.map { min($0, policy.maxDelay) }
                ?? policy.backoff(afterAttempt: attempt, unit: environment.randomUnit())
            guard attempt < policy.maxAttempts, elapsed + wait < policy.maxElapsed else {
                throw TIXnGOClientError.retriesExhausted(
                    attempts: attempt,
                    elapsed: elapsed,
                    lastFailure: failure.summary
                )
            }
            var retryMetadata = metadata(attempt: attempt, paginationKey: paginationKey)
            retryMetadata["tixngo.status"] = "\(failure.kind)"
            retryMetadata["tixngo.failure"] = "\(failure.summary)"
            retryMetadata["tixngo.retry_in"] = "\(wait)"
            logger.warning("TIXnGO request failed; retrying", metadata: retryMetadata)
            Counter(label: "ticket_ledger_tixngo_retries_total", dimensions: [("cause", failure.kind)]).increment()
            try await environment.sleep(wait)
        }
    }

    private func metadata(attempt: Int, paginationKey: String?) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["tixngo.attempt": "\(attempt)"]
        if let paginationKey {
            metadata["tixngo.pagination_key"] = "\(paginationKey)"
        }
        return metadata
    }
}

/// One failed attempt that another attempt may fix.
struct RetryableFailure: Error {
    /// A short stable label for logs: the HTTP status, `connection` or `undecodable_body`.
    let kind: String
    /// What happened, in words fit for an error message; never holds body content.
    let summary: String
    /// The wait the server asked for with `Retry-After`, if any.
    let retryAfter: Duration?

    /// A retryable HTTP status, with the server's `Retry-After` in seconds when it sent one.
    static func status(_ code: Int, retryAfter: String?) -> RetryableFailure {
        let seconds = retryAfter.flatMap { UInt($0) }
        return RetryableFailure(kind: String(code), summary: "HTTP \(code)", retryAfter: seconds.map { .seconds($0) })
    }

    /// A connection that failed, timed out or closed before the response was complete.
    static func connection(_ reason: String) -> RetryableFailure {
        RetryableFailure(kind: "connection", summary: "connection error: \(reason)", retryAfter: nil)
    }

    /// A complete body that the caller's decoder rejected, for example a truncated page.
    static func undecodableBody(byteCount: Int) -> RetryableFailure {
        RetryableFailure(
            kind: "undecodable_body",
            summary: "the response body (\(byteCount) bytes) could not be decoded",
            retryAfter: nil
        )
    }
}

/// Why a TIXnGO API key could not be loaded or a feedback page could not be fetched.
public enum TIXnGOClientError: Error, CustomStringConvertible, Sendable {
    /// No key was found in the named source (an empty environment variable or file).
    case apiKeyMissing(source: String)
    /// The key file does not exist or cannot be read.
    case apiKeyFileUnreadable(path: String)
    /// The key holds characters that cannot travel in an HTTP header.
    case apiKeyMalformed(source: String)
    /// TIXnGO answered HTTP 401.
    case unauthorized
    /// TIXnGO answered HTTP 400.
    case badRequest
    /// TIXnGO answered another status that is not retried (3xx, other 4xx).
    case requestRefused(status: Int)
    /// The base URL cannot be turned into a request URL.
    case invalidBaseURL(String)
    /// The base URL is plain `http://` to another machine: the API key would travel unencrypted.
    case insecureTransport(host: String)
    /// The HTTP client failed in a way retrying cannot fix (for example, it was shut down).
    case httpClientFailure(String)
    /// The response body is larger than the configured cap.
    case responseTooLarge(limitBytes: Int)
    /// Every allowed attempt failed, or the time budget ran out before the next one.
    case retriesExhausted(attempts: Int, elapsed: Duration, lastFailure: String)

    /// One sentence saying what went wrong and what to check.
    public var description: String {
        switch self {
        case .apiKeyMissing(let source):
            "found no TIXnGO API key in \(source): set \(APIKey.environmentVariable) or pass --api-key-file PATH"
        case .apiKeyFileUnreadable(let path):
            "cannot read the TIXnGO API key file \(path): check that it exists and is readable"
        case .apiKeyMalformed(let source):
            "the TIXnGO API key in \(source) contains spaces or control characters: it must be one line of visible ASCII"
        case .unauthorized:
            "TIXnGO refused the API key (HTTP 401): check \(APIKey.environmentVariable) or --api-key-file"
        case .badRequest:
            "TIXnGO rejected the request (HTTP 400): check --pagination-key and --batch-size"
        case .requestRefused(let status):
            "TIXnGO answered HTTP \(status), which is not retried: check --url (the organizer API base, e.g. https://api.tixngo.io/v3/organizer)"
        case .invalidBaseURL:
            // The URL is not quoted: it may carry a user, a password or a key in its query.
            "the TIXnGO URL is not a valid http(s) URL with a host and no query (it is not shown: it may hold a secret): check --url or TIXNGO_URL"
        case .insecureTransport(let host):
            "the TIXnGO URL is plain http:// to \(host): the API key would travel unencrypted; use https://, or pass --allow-insecure-http"
        case .httpClientFailure(let reason):
            "the HTTP client could not send the TIXnGO request (\(reason)), which retrying cannot fix"
        case .responseTooLarge(let limit):
            "the TIXnGO response is larger than the \(limit)-byte cap: lower --batch-size"
        case .retriesExhausted(let attempts, let elapsed, let lastFailure):
            "gave up on TIXnGO after \(attempts) attempt\(attempts == 1 ? "" : "s") in \(elapsed.secondsText): last failure: \(lastFailure)"
        }
    }
}

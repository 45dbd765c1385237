/// A transient failure the server can inject instead of (or into) a normal answer.
public enum FaultKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// HTTP 500.
    case serverError
    /// HTTP 503 with Retry-After.
    case unavailable
    /// HTTP 429 with Retry-After.
    case rateLimited
    /// The normal answer, after a delay.
    case slowResponse
    /// The status line and headers, then the connection closes before any body byte.
    case droppedConnection
    /// The normal answer's JSON cut in the middle, then the connection closes.
    case truncatedBody
}

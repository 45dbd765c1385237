/// Where and how the client talks to TIXnGO.
public struct TIXnGOClientConfiguration: Sendable {
    /// The organizer API base, e.g. `https://api.tixngo.io/v3/organizer`.
    public var baseURL: String
    /// The key sent as `x-api-key`.
    public var apiKey: APIKey
    /// The longest one request may take, from sending to the last body byte.
    public var requestTimeout: Duration
    /// The largest response body accepted.
    public var maxBodyBytes: Int
    /// When and how often failed requests are retried.
    public var retryPolicy: RetryPolicy

    /// A configuration; defaults: 30 s per request, 64 MiB per body, `RetryPolicy()`.
    public init(
        baseURL: String,
        apiKey: APIKey,
        requestTimeout: Duration = .seconds(30),
        maxBodyBytes: Int = 64 * 1024 * 1024,
        retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.maxBodyBytes = maxBodyBytes
        self.retryPolicy = retryPolicy
    }
}

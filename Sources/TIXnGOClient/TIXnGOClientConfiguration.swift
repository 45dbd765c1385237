import Foundation

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
    /// Whether plain `http://` to a host other than this machine is allowed: it sends the API key
    /// unencrypted, so it is refused unless set (docs/design.md, "The API key travels encrypted").
    public var allowsInsecureHTTP = false

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

    /// The host a plain `http://` base URL would send the API key to unencrypted, or nil when
    /// the URL is `https://`, names a loopback address (`localhost`, 127.0.0.0/8, `::1`), or is
    /// not a URL at all (refused later as such).
    public static func clearTextHost(of baseURL: String) -> String? {
        guard let url = URL(string: baseURL), url.scheme?.lowercased() == "http", let host = url.host?.lowercased() else { return nil }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let loopback = bare == "localhost" || bare == "::1" || bare.split(separator: ".").first == "127" && bare.split(separator: ".").count == 4
        return loopback ? nil : host
    }
}

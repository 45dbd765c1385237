public import AsyncHTTPClient
public import Logging

extension TIXnGOClient {
    /// HTTP client settings for TIXnGO: no redirects, and failed connections fail at once.
    ///
    /// Redirects are refused because they would resend the `x-api-key` header to the new
    /// location. Connection attempts are not retried inside the HTTP client so that the
    /// client's ``RetryPolicy`` (with its logging and bounds) decides every retry.
    public static var httpClientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10))
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// Runs `body` with a client on a new `HTTPClient` that is shut down when `body` ends.
    ///
    /// The `HTTPClient` uses ``httpClientConfiguration`` on `HTTPClient.defaultEventLoopGroup`
    /// (NIO's process-wide singleton group); `HTTPClient.shared` is not used because it follows
    /// redirects.
    public static func withHTTPClient<Value>(
        configuration: TIXnGOClientConfiguration,
        logger: Logger,
        environment: RetryEnvironment = .live,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (TIXnGOClient) async throws -> Value
    ) async throws -> Value {
        try await HTTPClient.withHTTPClient(configuration: httpClientConfiguration) { httpClient in
            let client = TIXnGOClient(
                configuration: configuration,
                httpClient: httpClient,
                logger: logger,
                environment: environment
            )
            return try await body(client)
        }
    }
}

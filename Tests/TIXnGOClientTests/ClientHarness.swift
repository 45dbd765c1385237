import LedgerTestSupport
import Logging
import TIXnGOClient

/// The secret the tests use; it must never show up in errors or logs.
let secretKeyValue = "sk-live-SECRET-7f3a9c"

/// A client setup with fake time and captured logs for one test.
struct ClientHarness {
    let time = FakeTime()
    let logCapture = LogCapture()
    var policy = RetryPolicy()
    var requestTimeout: Duration = .seconds(5)
    var maxBodyBytes = 64 * 1024 * 1024
    var randomUnit: @Sendable () -> Double = { 0 }
    /// Replaces the fake clock when a test needs real sleeps.
    var environment: RetryEnvironment?

    /// Fetches one page from `baseURL` through a fresh HTTP client.
    func fetch(baseURL: String, paginationKey: String? = "k1", limit: Int = 1000) async throws -> TestPage {
        let configuration = TIXnGOClientConfiguration(
            baseURL: baseURL,
            apiKey: try APIKey(secretKeyValue),
            requestTimeout: requestTimeout,
            maxBodyBytes: maxBodyBytes,
            retryPolicy: policy
        )
        return try await TIXnGOClient.withHTTPClient(
            configuration: configuration,
            logger: logCapture.logger(),
            environment: environment ?? time.environment(randomUnit: randomUnit)
        ) { client in
            try await client.fetchPage(paginationKey: paginationKey, limit: limit, decode: TestPage.decode)
        }
    }
}

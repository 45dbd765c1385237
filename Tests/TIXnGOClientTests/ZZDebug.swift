import Testing
import TIXnGOClient
@Test func zzDebugFailures() async throws {
    var harness = ClientHarness()
    harness.requestTimeout = .milliseconds(300)
    try await withScriptedServer([.dropMidBody, .hang(.seconds(2)), .page(TestPage.truncatedJSON), .status(429, retryAfter: 2), .page(TestPage.json)]) { baseURL, _ in
        _ = try await harness.fetch(baseURL: baseURL)
    }
    for log in harness.logCapture.logs { print("LOG", log.level, log.fullText) }
    harness.policy.maxAttempts = 1
    do { _ = try await harness.fetch(baseURL: "http://127.0.0.1:1/x") } catch { print("ERR", error) }
}

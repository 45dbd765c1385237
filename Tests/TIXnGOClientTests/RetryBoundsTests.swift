import TIXnGOClient
import Testing

@Suite struct RetryBoundsTests {
    @Test func attemptBoundStopsRetrying() async throws {
        var harness = ClientHarness()
        harness.policy.maxAttempts = 3
        try await withScriptedServer(Array(repeating: .status(503), count: 5)) { baseURL, script in
            let error = await #expect(throws: TIXnGOClientError.self) {
                try await harness.fetch(baseURL: baseURL)
            }
            #expect(error?.description == "gave up on TIXnGO after 3 attempts in 1.5 s: last failure: HTTP 503")
            #expect(await script.requests.count == 3)
        }
        #expect(harness.time.sleeps == [.milliseconds(500), .seconds(1)])
    }

    @Test func elapsedTimeBoundStopsRetrying() async throws {
        var harness = ClientHarness()
        harness.policy = RetryPolicy(
            maxAttempts: 100,
            baseDelay: .seconds(10),
            maxDelay: .seconds(30),
            maxElapsed: .seconds(60)
        )
        try await withScriptedServer(Array(repeating: .status(500), count: 10)) { baseURL, script in
            let error = await #expect(throws: TIXnGOClientError.self) {
                try await harness.fetch(baseURL: baseURL)
            }
            // Waits of 10 s and 20 s fit in 60 s; the third, 30 s after 30 s elapsed, does not.
            #expect(error?.description == "gave up on TIXnGO after 3 attempts in 30.0 s: last failure: HTTP 500")
            #expect(await script.requests.count == 3)
        }
        #expect(harness.time.sleeps == [.seconds(10), .seconds(20)])
    }
}

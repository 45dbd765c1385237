import TIXnGOClient
import Testing

@Suite struct RetryTests {
    @Test func serverErrorsAndRateLimitAreRetriedHonouringRetryAfter() async throws {
        let harness = ClientHarness()
        let replies: [Reply] = [.status(503), .status(500), .status(429, retryAfter: 7), .page(TestPage.json)]
        try await withScriptedServer(replies) { baseURL, script in
            let page = try await harness.fetch(baseURL: baseURL)
            #expect(page == TestPage.expected)
            #expect(await script.requests.count == 4)
        }
        #expect(harness.time.sleeps == [.milliseconds(500), .seconds(1), .seconds(7)])
    }

    @Test func retryAfterIsCappedAtMaxDelay() async throws {
        let harness = ClientHarness()
        try await withScriptedServer([.status(429, retryAfter: 3600), .page(TestPage.json)]) { baseURL, _ in
            _ = try await harness.fetch(baseURL: baseURL)
        }
        #expect(harness.time.sleeps == [.seconds(30)])
    }

    @Test func connectionDroppedMidResponseIsRetried() async throws {
        let harness = ClientHarness()
        try await withScriptedServer([.dropMidBody, .page(TestPage.json)]) { baseURL, script in
            let page = try await harness.fetch(baseURL: baseURL)
            #expect(page == TestPage.expected)
            #expect(await script.requests.count == 2)
        }
        let warnings = harness.logCapture.logs.filter { $0.level == .warning }
        #expect(warnings.map { $0.metadata["tixngo.status"] } == ["connection"])
    }

    @Test func truncatedBodyIsRetried() async throws {
        let harness = ClientHarness()
        try await withScriptedServer([.page(TestPage.truncatedJSON), .page(TestPage.json)]) { baseURL, script in
            let page = try await harness.fetch(baseURL: baseURL)
            #expect(page == TestPage.expected)
            #expect(await script.requests.count == 2)
        }
        let warnings = harness.logCapture.logs.filter { $0.level == .warning }
        #expect(warnings.map { $0.metadata["tixngo.status"] } == ["undecodable_body"])
    }

    @Test func requestTimeoutIsRetried() async throws {
        var harness = ClientHarness()
        // Generous enough that the second, normal answer never times out on a loaded machine: with 1 s it
        // did, twice, while a build shared the two cores (the script then ran out and answered 500).
        harness.requestTimeout = .seconds(3)
        try await withScriptedServer([.hang(.seconds(6)), .page(TestPage.json)]) { baseURL, script in
            let page = try await harness.fetch(baseURL: baseURL)
            #expect(page == TestPage.expected)
            #expect(await script.requests.count == 2)
        }
        let warnings = harness.logCapture.logs.filter { $0.level == .warning }
        #expect(warnings.map { $0.metadata["tixngo.failure"] } == ["connection error: Deadline exceeded"])
    }

    @Test func refusedConnectionIsRetriedThenReported() async throws {
        var harness = ClientHarness()
        harness.policy.maxAttempts = 2
        let error = await #expect(throws: TIXnGOClientError.self) {
            // Nothing listens on port 1 of the loopback address.
            try await harness.fetch(baseURL: "http://127.0.0.1:1/v3/organizer")
        }
        guard case .retriesExhausted(let attempts, _, let lastFailure) = error else {
            Issue.record("expected retriesExhausted, got \(String(describing: error))")
            return
        }
        #expect(attempts == 2)
        #expect(lastFailure.hasPrefix("connection error"))
        #expect(harness.time.sleeps.count == 1)
    }
}

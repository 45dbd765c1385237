import TIXnGOClient
import Testing

@Suite struct CancellationTests {
    @Test func cancellationDuringBackoffEndsPromptlyWithoutRetrying() async throws {
        var harness = ClientHarness()
        harness.policy = RetryPolicy(baseDelay: .seconds(60), maxDelay: .seconds(60))
        harness.environment = .live
        try await withScriptedServer([.status(503), .page(TestPage.json)]) { baseURL, script in
            try await expectPromptCancellation(
                of: { [harness] in try await harness.fetch(baseURL: baseURL) },
                script: script
            )
            #expect(await script.requests.count == 1)
        }
    }

    @Test func cancellationDuringRequestEndsPromptlyWithoutRetrying() async throws {
        var harness = ClientHarness()
        harness.requestTimeout = .seconds(30)
        try await withScriptedServer([.hang(.seconds(30)), .page(TestPage.json)]) { baseURL, script in
            try await expectPromptCancellation(
                of: { [harness] in try await harness.fetch(baseURL: baseURL) },
                script: script
            )
            #expect(await script.requests.count == 1)
        }
        #expect(harness.time.sleeps.isEmpty)
    }

    /// Starts `fetch`, cancels it once the server saw a request, and expects `CancellationError` well before the
    /// 30 s hang or the 60 s backoff would end (8 s leaves room for a loaded CI machine).
    private func expectPromptCancellation(
        of fetch: @escaping @Sendable () async throws -> TestPage,
        script: Script
    ) async throws {
        let task = Task { try await fetch() }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while await script.requests.isEmpty, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(100))
        let cancelledAt = clock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(cancelledAt.duration(to: clock.now) < .seconds(8))
    }
}

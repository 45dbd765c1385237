import TIXnGOClient
import Testing

@Suite struct BackoffTests {
    @Test func backoffDoublesUpToMaxDelay() {
        let policy = RetryPolicy()
        let waits = (1...8).map { policy.backoff(afterAttempt: $0, unit: 0) }
        let expected: [Duration] = [
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30),
            .seconds(30),
        ]
        #expect(waits == expected)
    }

    @Test(arguments: [0.0, 0.25, 0.5, 0.999])
    func jitterShortensEachWaitByAtMostItsShare(unit: Double) {
        let policy = RetryPolicy(jitter: 0.5)
        for attempt in 1...6 {
            let full = policy.backoff(afterAttempt: attempt, unit: 0)
            let wait = policy.backoff(afterAttempt: attempt, unit: unit)
            #expect(wait <= full)
            #expect(wait >= full / 2)
        }
    }

    @Test func recordedWaitsGrowExponentiallyWithinJitterBounds() async throws {
        var harness = ClientHarness()
        harness.randomUnit = { Double.random(in: 0..<1) }
        try await withScriptedServer(Array(repeating: .status(503), count: 5) + [.page(TestPage.json)]) { baseURL, _ in
            let page = try await harness.fetch(baseURL: baseURL)
            #expect(page == TestPage.expected)
        }
        let sleeps = harness.time.sleeps
        #expect(sleeps.count == 5)
        for (index, wait) in sleeps.enumerated() {
            let full = Duration.milliseconds(500) * (1 << index)
            #expect(wait <= full && wait >= full / 2, "wait \(index + 1) was \(wait), expected \(full / 2)...\(full)")
        }
    }
}

import TIXnGOClient
import Testing

@Suite struct StopTests {
    @Test func unauthorizedStopsAfterOneRequest() async throws {
        let harness = ClientHarness()
        try await withScriptedServer([.status(401), .page(TestPage.json)]) { baseURL, script in
            let error = await #expect(throws: TIXnGOClientError.self) {
                try await harness.fetch(baseURL: baseURL)
            }
            #expect(
                error?.description
                    == "TIXnGO refused the API key (HTTP 401): check TIXNGO_API_KEY or --api-key-file"
            )
            #expect(await script.requests.count == 1)
        }
        #expect(harness.time.sleeps.isEmpty)
    }

    @Test func badRequestStopsAfterOneRequest() async throws {
        let harness = ClientHarness()
        try await withScriptedServer([.status(400), .page(TestPage.json)]) { baseURL, script in
            let error = await #expect(throws: TIXnGOClientError.self) {
                try await harness.fetch(baseURL: baseURL)
            }
            #expect(
                error?.description
                    == "TIXnGO rejected the request (HTTP 400): check --pagination-key and --batch-size"
            )
            #expect(await script.requests.count == 1)
        }
        #expect(harness.time.sleeps.isEmpty)
    }

    @Test(arguments: [Reply.status(404), .status(403), .redirect(to: "http://127.0.0.2:9/steal")])
    func otherClientErrorsAndRedirectsStopAfterOneRequest(reply: Reply) async throws {
        let harness = ClientHarness()
        try await withScriptedServer([reply, .page(TestPage.json)]) { baseURL, script in
            let error = await #expect(throws: TIXnGOClientError.self) {
                try await harness.fetch(baseURL: baseURL)
            }
            guard case .requestRefused = error else {
                Issue.record("expected requestRefused, got \(String(describing: error))")
                return
            }
            #expect(await script.requests.count == 1)
        }
        #expect(harness.time.sleeps.isEmpty)
    }

    @Test func oversizedBodyStopsWithTheCap() async throws {
        var harness = ClientHarness()
        harness.maxBodyBytes = 16
        try await withScriptedServer([.page(TestPage.json), .page(TestPage.json)]) { baseURL, script in
            let error = await #expect(throws: TIXnGOClientError.self) {
                try await harness.fetch(baseURL: baseURL)
            }
            #expect(error?.description == "the TIXnGO response is larger than the 16-byte cap: lower --batch-size")
            #expect(await script.requests.count == 1)
        }
    }
}

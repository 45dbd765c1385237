import TIXnGOClient
import Testing

@Suite struct SecrecyTests {
    @Test func apiKeyIsRedactedInDescriptionsAndDumps() throws {
        let key = try APIKey(secretKeyValue)
        let configuration = TIXnGOClientConfiguration(baseURL: "http://127.0.0.1/v3", apiKey: key)
        var dumped = ""
        dump(key, to: &dumped)
        dump(configuration, to: &dumped)
        for text in ["\(key)", String(reflecting: key), String(describing: configuration), dumped] {
            #expect(!text.contains(secretKeyValue))
        }
    }

    @Test func apiKeyAndBodiesNeverReachLogsOrErrors() async throws {
        let harness = ClientHarness()
        let replies: [Reply] = [.status(503), .dropMidBody, .page(TestPage.truncatedJSON), .status(401)]
        try await withScriptedServer(replies) { baseURL, _ in
            let error = await #expect(throws: TIXnGOClientError.self) {
                try await harness.fetch(baseURL: baseURL)
            }
            #expect(error.map { !"\($0)".contains(secretKeyValue) } == true)
        }
        let logs = harness.logCapture.logs
        #expect(logs.filter { $0.level == .warning }.count == 3)
        for log in logs {
            #expect(!log.fullText.contains(secretKeyValue))
            #expect(!log.fullText.contains("T-1"))
        }
    }

    @Test func retryWarningCarriesStructuredMetadata() async throws {
        let harness = ClientHarness()
        try await withScriptedServer([.status(503), .page(TestPage.json)]) { baseURL, _ in
            _ = try await harness.fetch(baseURL: baseURL, paginationKey: "cursor-42")
        }
        let warning = try #require(harness.logCapture.logs.first { $0.level == .warning })
        #expect(warning.metadata["tixngo.attempt"] == "1")
        #expect(warning.metadata["tixngo.status"] == "503")
        #expect(warning.metadata["tixngo.retry_in"] == "\(Duration.milliseconds(500))")
        #expect(warning.metadata["tixngo.pagination_key"] == "cursor-42")
    }
}

import AsyncHTTPClient
import LedgerTestSupport
import TIXnGOClient
import Testing

@Suite struct RequestShapeTests {
    @Test func sendsEncodedPaginationKeyLimitAndAPIKey() async throws {
        let harness = ClientHarness()
        let key = "k 1/2+3&x=y€"
        try await withScriptedServer([.page(TestPage.json)]) { baseURL, script in
            let page = try await harness.fetch(baseURL: baseURL, paginationKey: key, limit: 250)
            #expect(page == TestPage.expected)
            let requests = await script.requests
            #expect(requests.count == 1)
            let contract = try FeedbackContract.load()
            #expect(requests.first?.path == contract.requestPath)
            #expect(requests.first?.rawQuery == "paginationKey=k%201%2F2%2B3%26x%3Dy%E2%82%AC&limit=250")
            #expect(requests.first?.queryParameters == ["paginationKey": key, "limit": "250"])
            // Every query parameter and header the client sends is one the contract declares.
            let sent = Set(try #require(requests.first).queryParameters.keys)
            #expect(sent.isSubset(of: contract.parameters["query"] ?? []))
            #expect(contract.parameters["header"] == ["x-api-key"])
            #expect(requests.first?.apiKey == secretKeyValue)
        }
        #expect(harness.time.sleeps.isEmpty)
    }

    @Test func omitsPaginationKeyWhenNil() async throws {
        try await withScriptedServer([.page(TestPage.json)]) { baseURL, script in
            _ = try await ClientHarness().fetch(baseURL: baseURL + "/", paginationKey: nil)
            let requests = await script.requests
            #expect(requests.first?.path == (try FeedbackContract.load()).requestPath)
            #expect(requests.first?.rawQuery == "limit=1000")
        }
    }

    @Test func worksOnACallerOwnedHTTPClient() async throws {
        let httpClient = HTTPClient(configuration: TIXnGOClient.httpClientConfiguration)
        do {
            try await withScriptedServer([.page(TestPage.json)]) { baseURL, _ in
                let client = TIXnGOClient(
                    configuration: TIXnGOClientConfiguration(baseURL: baseURL, apiKey: try APIKey(secretKeyValue)),
                    httpClient: httpClient,
                    logger: LogCapture().logger()
                )
                let page = try await client.fetchPage(paginationKey: nil, limit: 10, decode: TestPage.decode)
                #expect(page == TestPage.expected)
            }
        } catch {
            try await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }

    @Test(arguments: ["ftp://127.0.0.1/v3", "not a url", "http:///v3/organizer", "http://127.0.0.1/v3?x=1"])
    func invalidBaseURLFailsBeforeAnyRequest(baseURL: String) async throws {
        let error = await #expect(throws: TIXnGOClientError.self) {
            try await ClientHarness().fetch(baseURL: baseURL)
        }
        #expect(error?.description == "the TIXnGO URL is not a valid http(s) URL with a host and no query (it is not shown: it may hold a secret): check --url or TIXNGO_URL")
        #expect(error?.description.contains(baseURL) == false, "the URL may hold a secret: it is not quoted")
    }
}

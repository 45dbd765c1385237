import Logging
import TIXnGOClient
import Testing

/// docs/design.md, "The API key travels encrypted": plain http:// is for this machine only.
@Suite struct TransportTests {
    @Test(arguments: [
        ("http://api.tixngo.io/v3/organizer", "api.tixngo.io"), ("http://10.0.0.5:8080/v3", "10.0.0.5"),
        ("HTTP://Example.COM/v3", "example.com"), ("http://127.example.com/v3", "127.example.com"),
        ("https://api.tixngo.io/v3/organizer", nil), ("http://127.0.0.1:9000/v3", nil), ("http://127.1.2.3/v3", nil),
        ("http://localhost:8080/v3", nil), ("http://[::1]:8080/v3", nil),
    ] as [(String, String?)])
    func onlyPlainHTTPToAnotherMachineSendsTheKeyInClear(url: String, host: String?) {
        #expect(TIXnGOClientConfiguration.clearTextHost(of: url) == host)
    }

    @Test func aClientRefusesPlainHTTPToAnotherMachineBeforeSendingAnything() async throws {
        var configuration = TIXnGOClientConfiguration(baseURL: "http://203.0.113.7/v3/organizer", apiKey: try APIKey("secret-key-1"))
        configuration.retryPolicy = RetryPolicy(maxAttempts: 1)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let refused = await #expect(throws: TIXnGOClientError.self) {
            try await TIXnGOClient.withHTTPClient(configuration: configuration, logger: logger) { client in
                try await client.fetchPage(paginationKey: nil, limit: 10) { $0 }
            }
        }
        guard case .insecureTransport(let host) = refused else {
            Issue.record("refused for another reason: \(String(describing: refused))")
            return
        }
        #expect(host == "203.0.113.7")
        #expect(refused?.description.contains("--allow-insecure-http") == true)
    }
}

import Foundation
import LedgerConsole
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// Who may look, and what they see of people: tokens off loopback, personal data masked by
/// default, and each view of it recorded.
@Suite("Console access and personal data")
struct ConsoleAccessTests {
    static let (auditor, auditorToken) = ("auditor", "s3cret-token-0123456789")
    static let (operatorName, operatorToken) = ("ops.team", "another-token-9876543210")

    static func tokenFile(_ text: String, mode: Int = 0o600) throws -> String {
        let directory = try TemporaryDirectory()
        let path = try directory.write("tokens", text)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func anotherAddressThanLoopbackIsRefusedWithoutTokens() async throws {
        let ledger = try await TemporaryLedger()
        let reading = try LedgerDatabase(readingAt: ledger.path, sealed: true, logger: .test)
        for host in ["0.0.0.0", "192.0.2.10", "::", "example.org"] {
            #expect(throws: ConsoleSetupError.needsTokenFile(host: host)) {
                try LedgerConsole(ledger: reading, configuration: .init(host: host, port: 0), logger: .test)
            }
        }
        for host in ["127.0.0.1", "127.8.9.1", "::1", "localhost"] {
            #expect(LedgerConsole.Configuration.isLoopback(host), "\(host)")
        }
        // Through the command line: exit 64 and the sentence, before anything listens.
        let refused = try await ChildProcess.run("ticket-ledger", ["serve", "--listen", "0.0.0.0:0", "--db", ledger.path])
        #expect(refused.status == 64 && refused.stderr.contains("0.0.0.0 is not a loopback address: give --token-file"), "\(refused.stderr)")
    }

    @Test func withTokensARequestWithoutOneOfThemGets401AndBearerOrBasicGetIn() async throws {
        let tokens = try AccessTokens(contentsOf: try Self.tokenFile("# who may look\n\(Self.auditor):\(Self.auditorToken)\n\n\(Self.operatorName):\(Self.operatorToken)\n"))
        let harness = try await ConsoleHarness(showing: true, tokens: tokens)
        let basic = { (name: String, token: String) in "Basic " + Data("\(name):\(token)".utf8).base64EncodedString() }
        let refused: [[(String, String)]] = [
            [], [("Authorization", "Bearer wrong-token-0000000000")], [("Authorization", "Bearer \(Self.auditorToken)x")],
            [("Authorization", basic(Self.operatorName, Self.auditorToken))], [("Authorization", "Token \(Self.auditorToken)")],
        ]
        for headers in refused {
            for path in ["/", "/api/tickets/T1", "/static/console.css", "/no-such-page"] {
                let response = try await harness.get(path, headers: headers)
                #expect(response.status == 401, "\(path) \(headers)")
                #expect(response.headers.first(name: "www-authenticate")?.contains("Basic") == true)
                #expect(!response.body.contains("T1") && !response.body.contains("Lovelace"))
            }
        }
        let bearer = try await harness.get("/api/tickets/T1", headers: [("Authorization", "Bearer \(Self.auditorToken)")])
        #expect(bearer.status == 200 && bearer.body.contains("Hopper"))
        let viaBasic = try await harness.get("/tickets/T1", headers: [("Authorization", basic(Self.operatorName, Self.operatorToken))])
        #expect(viaBasic.status == 200 && viaBasic.body.contains("Grace Hopper"))
        // Each view of a person's data is a line: the time, the token's name, the ticket, what.
        let lines = harness.accessLogLines.map { try? JSONParser.parse($0) }
        #expect(lines.count == 2)
        #expect(lines.first??["viewer"] == .string(Self.auditor) && lines.first??["what"] == .string("status"))
        #expect(lines.last??["viewer"] == .string(Self.operatorName) && lines.last??["what"] == .string("ticket page"))
        #expect(lines.allSatisfy { $0?["ticket"] == .string("T1") && $0?["organizer"] == .string("ORG") && $0?["time"]?.stringValue != nil })
        // The log names tokens, never holds them.
        #expect(!harness.accessLogLines.joined().contains(Self.auditorToken))
        // A HEAD shows no data, so it records no view.
        let head = try await harness.get("/api/tickets/T1", method: .HEAD, headers: [("Authorization", "Bearer \(Self.auditorToken)")])
        #expect(head.status == 200 && harness.accessLogLines.count == 2)
        await harness.stop()
    }

    @Test func aTokenFileIsRefusedLineByLineWithoutEchoingATokenAndWhenOthersMayReadIt() throws {
        let cases: [(String, String)] = [
            ("auditor \(Self.auditorToken)\n", "line 1: no colon"),
            ("# comment\nauditor:short\n", "line 2: the token of auditor is shorter than 16"),
            ("a b:\(Self.auditorToken)\n", "line 1: a name is 1 to 64"),
            ("x:\(Self.auditorToken)\nx:\(Self.operatorToken)\n", "line 2: the name x is given twice"),
            ("x:\(Self.auditorToken)\ny:\(Self.auditorToken)\n", "line 2: the token of y is another name's token too"),
            ("# nothing\n\n", "holds no token"),
        ]
        for (text, sentence) in cases {
            let path = try Self.tokenFile(text)
            do {
                _ = try AccessTokens(contentsOf: path)
                Issue.record("accepted: \(sentence)")
            } catch {
                #expect(error.description.contains(sentence), "\(error)")
                #expect(!error.description.contains(Self.auditorToken) && !error.description.contains(Self.operatorToken))
            }
        }
        #expect(throws: ConsoleSetupError.self) { try AccessTokens(contentsOf: try Self.tokenFile("a:\(Self.auditorToken)\n", mode: 0o644)) }
    }

    @Test func personalDataIsHiddenUnlessAskedForAndAnAccessLogIsThenRequired() async throws {
        let hidden = try await ConsoleHarness()
        let page = try await hidden.get("/tickets/T1")
        let api = try await hidden.get("/api/tickets/T1/history")
        for body in [page.body, api.body, try await hidden.get("/api/tickets").body, try await hidden.get("/contacts").body] {
            #expect(!body.contains("Lovelace") && !body.contains("Hopper") && !body.contains("example.com") && !body.contains("1990-01-02"))
        }
        #expect(page.body.contains("(hidden)") && page.body.contains("Personal data is hidden"))
        #expect(try await hidden.get("/api/tickets/T1").body.contains(#""holder":{"sealed":true"#))
        #expect(hidden.accessLogLines.isEmpty)
        // Asking for personal data without an access log is refused.
        let reading = try LedgerDatabase(readingAt: hidden.ledger.path, logger: .test)
        #expect(throws: ConsoleSetupError.accessLogNeeded) {
            try LedgerConsole(ledger: reading, configuration: .init(showsPersonalData: true), logger: .test)
        }
        // A console that says it hides personal data cannot be given a ledger that opens it.
        #expect(throws: ConsoleSetupError.personalDataOpened) {
            try LedgerConsole(ledger: reading, configuration: .init(accessLogPath: hidden.ledger.directory.path("a.log")), logger: .test)
        }
        await hidden.stop()
        // Without the key file, personal data shows as sealed even when asked for.
        try FileManager.default.removeItem(atPath: hidden.ledger.path + ".key")
        let keyless = try LedgerDatabase(readingAt: hidden.ledger.path, logger: .test)
        let sealed = try LedgerConsole(ledger: keyless, configuration: .init(port: 0, showsPersonalData: true), logger: .test)
        let port = try await sealed.start()
        let response = try await ConsoleHarness.text("http://127.0.0.1:\(port)/tickets/T1")
        #expect(response.contains("(sealed)") && response.contains("Personal data is sealed") && !response.contains("Lovelace"))
        await sealed.stop()
    }
}

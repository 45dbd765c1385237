import Foundation
import LedgerConsole
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// The console's JSON API answers with the CLI's `--json` documents, byte for byte, and refuses
/// bad parameters with a sentence.
@Suite("The console's JSON API")
struct ConsoleAPITests {
    /// Stopping is not an error in the console's log, even with a client's connection kept alive.
    @Test func stoppingLogsNoError() async throws {
        let capture = LogCapture()
        let harness = try await ConsoleHarness(logger: capture.logger())
        #expect(try await harness.get("/api/summary").status == 200)
        await harness.stop()
        let errors = capture.logs.filter { $0.level >= .error }.map(\.message)
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func everyRouteReturnsTheDocumentTheLibraryMakesForTheCLI() async throws {
        let harness = try await ConsoleHarness(showing: true)
        let database = harness.reading
        let expected: [(String, JSONValue)] = [
            ("/api/summary", try await database.summary().json),
            ("/api/tickets", .array(try await database.tickets().map(\.json))),
            ("/api/tickets/T1", try await database.status(of: "T1").json),
            ("/api/tickets/T1?asOf=2026-06-20T09:15:00Z", try await database.status(of: "T1", asOf: Timestamp(rfc3339: "2026-06-20T09:15:00Z")).json),
            ("/api/tickets/T1/history", .array(try database.history(of: "T1").map(\.json))),
            ("/api/runs", .array(try await database.runs().map(\.json))),
        ]
        for (path, document) in expected {
            let response = try await harness.get(path)
            #expect(response.status == 200, "\(path): \(response.body)")
            #expect(response.headers.first(name: "content-type") == "application/json")
            #expect(response.body == document.outputText + "\n", "\(path)")
        }
        // The command line prints the same bytes (it opens the key file as this console does).
        let db = harness.ledger.path
        let commands: [(String, [String])] = [
            ("/api/summary", ["summary"]), ("/api/tickets/T1", ["status", "T1"]), ("/api/tickets/T1/history", ["history", "T1"]),
            ("/api/tickets?limit=1000", ["tickets"]), ("/api/runs", ["runs"]),
        ]
        for (path, command) in commands {
            let cli = try await ChildProcess.run("ticket-ledger", command + ["--json", "--db", db])
            let api = try await harness.get(path).body
            #expect(cli.status == 0 && api == cli.stdout, "\(path) differs from \(command) --json")
        }
        // The API shows the holder: each ticket shown is one line of the access log.
        let log = harness.accessLogLines
        #expect(log.filter { $0.contains(#""ticket":"T1""#) }.count == 7, "\(log)")
        #expect(log.allSatisfy { $0.contains(#""viewer":"local""#) })
        await harness.stop()
    }

    @Test func ticketsArePagedAndFilteredByPrefixStatusAndFamily() async throws {
        let harness = try await ConsoleHarness()
        func ids(_ query: String) async throws -> [String] {
            let response = try await harness.get("/api/tickets?" + query)
            #expect(response.status == 200, "\(query): \(response.body)")
            guard case .array(let tickets) = try JSONParser.parse(response.body) else { return [] }
            return tickets.compactMap { $0["ticketId"]?.stringValue }
        }
        #expect(try await ids("limit=2") == [ConsoleHarness.hostileTicket, "T1"])
        #expect(try await ids("limit=2&offset=1") == ["T1", "T2"])
        #expect(try await ids("prefix=T") == ["T1", "T2"])
        #expect(try await ids("prefix=" + ConsoleHarness.segment("<scr")) == [ConsoleHarness.hostileTicket])
        #expect(try await ids("s360Status=CONTROLLED") == ["T1"])
        #expect(try await ids("family=INITIAL_DELIVERY") == [ConsoleHarness.hostileTicket, "T2"])
        #expect(try await ids("tixngoStatus=INJECTED&prefix=T") == ["T2"])
        await harness.stop()
    }

    @Test func badParametersAndUnknownTicketsGetAStatusAndASentence() async throws {
        let harness = try await ConsoleHarness()
        let cases: [(String, Int, String)] = [
            ("/api/tickets?s360Status=PRINTD", 400, "s360Status must be one of NOT_PRINTED, PRINTED"),
            ("/api/tickets?limit=0", 400, "limit must be a whole number from 1 to 1000"),
            ("/api/tickets?limit=5000", 400, "limit must be a whole number from 1 to 1000"),
            ("/api/tickets/T1?asOf=2026-06-20", 400, "asOf must be an RFC 3339 time"),
            ("/api/tickets/T1?asOf=2026-06-20T09:15:00%FF", 400, "not percent-encoded UTF-8"),
            ("/api/tickets/NOPE", 404, "ticket NOPE not found"),
            ("/api/nothing-here", 404, "there is no page at this address"),
        ]
        for (path, status, sentence) in cases {
            let response = try await harness.get(path)
            #expect(response.status == status, "\(path): \(response.body)")
            let error = try JSONParser.parse(response.body)["error"]?.stringValue ?? ""
            #expect(error.contains(sentence), "\(path): \(error)")
        }
        let page = try await harness.get("/tickets/NOPE")
        #expect(page.status == 404 && page.body.contains("ticket NOPE not found") && page.body.hasPrefix("<!doctype html>"))
        // HEAD: the GET's headers, its length included.
        for path in ["/api/summary", "/tickets/T1"] {
            let (head, get) = (try await harness.get(path, method: .HEAD), try await harness.get(path))
            #expect(head.status == 200 && head.headers.first(name: "content-security-policy") != nil)
            #expect(head.headers.first(name: "content-length") == String(get.body.utf8.count), "\(path)")
        }
        // Without tokens, only a request naming this machine is answered (no DNS rebinding).
        let rebound = try await harness.get("/api/tickets/T1", headers: [("Host", "attacker.example:\(harness.port)")])
        #expect(rebound.status == 403 && !rebound.body.contains("T1"), "\(rebound.body)")
        #expect(try await harness.get("/", headers: [("Host", "localhost:\(harness.port)")]).status == 200)
        #expect(try await harness.get("/", headers: [("Host", "[::1]:\(harness.port)")]).status == 200)
        #expect(try await harness.get("/", headers: [("Host", "127.0.0.1.attacker.example")]).status == 403)
        let post = try await harness.get("/api/summary", method: .POST)
        #expect(post.status == 405 && post.headers.first(name: "allow") == "GET, HEAD")
        await harness.stop()
    }

    @Test func everyResponseCarriesThePolicyWithoutInlineScriptNosniffAndFrameDenial() async throws {
        let harness = try await ConsoleHarness()
        for path in ["/", "/tickets", "/tickets/T1", "/runs", "/rejected", "/contacts", "/mapping", "/verify?through=3", "/static/console.css", "/api/summary", "/missing", "/api/tickets/NOPE"] {
            let response = try await harness.get(path)
            let policy = response.headers.first(name: "content-security-policy") ?? ""
            #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"), "\(path)")
            #expect(response.headers.first(name: "x-content-type-options") == "nosniff", "\(path)")
            #expect(response.headers.first(name: "x-frame-options") == "DENY", "\(path)")
            #expect(response.headers.first(name: "cache-control") == "no-store", "\(path)")
            if response.headers.first(name: "content-type")?.hasPrefix("text/html") == true {
                #expect(!response.body.contains("<script") && !response.body.contains("style=\""), "\(path) holds inline script or style")
            }
        }
        await harness.stop()
    }
}

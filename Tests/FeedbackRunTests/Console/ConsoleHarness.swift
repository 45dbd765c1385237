import AsyncHTTPClient
import Foundation
import LedgerConsole
import LedgerTestSupport
import Logging
import NIOCore
import NIOHTTP1
@testable import TicketLedger

/// A ledger with a transfer, a rejected item and hostile data, and a console over it on 127.0.0.1.
struct ConsoleHarness {
    let ledger: TemporaryLedger
    let reading: LedgerDatabase
    let console: LedgerConsole
    let port: Int

    static let ada = Items.spectator("Ada", "Lovelace")
    static let grace = Items.spectator("Grace", "Hopper")
    /// A ticket id and names that are markup, a script and control characters.
    static let hostileTicket = "<script>alert('id')</script>&x"
    /// ``hostileTicket`` as JSON text.
    static let hostileTicketJSON = #"<script>alert('id')<\/script>&x"#
    static let hostileSpectator = #"""
        {"title":"MR","firstName":"<img src=x onerror=alert(1)>","lastName":"</td><script>alert(2)</script>\u001b[31m",\#
        "email":"x@example.com","nationality":"FR","residenceCountry":"FR","idCardNumber":"ID<b>1</b>","language":"fr"}
        """#

    /// The fixture's items: T1 moves from Ada to Grace; T2 stays Ada's; the hostile ticket; one rejected item.
    static let lines = [
        Items.lifecycle("T1", "INJECTED", at: "2026-06-20T09:00:00Z", details: ada),
        Items.lifecycle("T1", "DOWNLOADED", at: "2026-06-20T09:05:00Z", details: ada),
        Items.lifecycle("T1", "PENDING_TRANSFER", at: "2026-06-20T09:10:00Z", details: ada,
            extra: #""pendingTransfer":{"recipientEmail":"grace.hopper@example.com","senderOwnerId":"W-1"}"#),
        Items.lifecycle("T1", "TRANSFERRED", at: "2026-06-20T09:20:00Z", details: grace),
        Items.lifecycle("T1", "CONTROLLED", at: "2026-06-20T18:31:00Z", details: grace),
        Items.lifecycle("T2", "INJECTED", at: "2026-06-20T09:02:00Z", details: ada),
        Items.lifecycle(hostileTicketJSON, "DOWNLOADED", at: "2026-06-20T10:00:00Z", details: hostileSpectator,
            extra: #""ticketDetails":{"extra":{"note":"<b>bold</b><script>alert(3)</script>"}}"#),
        #"{"ticketId":"T9","statusDate":"2026-06-20T11:00:00Z","status":"NOT_A_STATUS"}"#,
        #"{"ticketId":"<i>T\u0007</i>","statusDate":"2026-06-20T11:00:00Z","status":"INJECTED"}"#,
    ]

    /// A console over a fresh fixture ledger; `showing` opens personal data (with an access log).
    init(showing: Bool = false, tokens: AccessTokens? = nil, mapping: String = "2023-04-03", logger: Logger = .test) async throws {
        ledger = try await TemporaryLedger(mapping: mapping, mode: .lifecycle)
        try await ledger.ingest(lines: Self.lines)
        reading = try LedgerDatabase(readingAt: ledger.path, sealed: !showing, logger: .test)
        console = try LedgerConsole(
            ledger: reading,
            configuration: .init(host: "127.0.0.1", port: 0, tokens: tokens, accessLogPath: showing ? ledger.directory.path("access.log") : nil, showsPersonalData: showing),
            logger: logger)
        port = try await console.start()
    }

    func stop() async { await console.stop() }

    var accessLogLines: [String] {
        ((try? String(contentsOfFile: ledger.directory.path("access.log"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// GETs `path` (or sends `method`), with `headers`; the body as text.
    func get(_ path: String, method: HTTPMethod = .GET, headers: [(String, String)] = []) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: url(path))
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), response.headers, String(buffer: body))
    }

    /// The body of a GET of `url` that must answer 200.
    static func text(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = String(buffer: try await response.body.collect(upTo: 16 << 20))
        guard response.status == .ok else { throw ConsoleTestFailure("\(url): \(response.status.code) \(body.prefix(300))") }
        return body
    }

    /// Percent-encodes a path segment as a browser would.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

struct ConsoleTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

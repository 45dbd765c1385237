import Foundation
import Hummingbird
import Metrics
import NIOCore
import Synchronization
import TicketLedger

/// Around every request: only GET and HEAD (the console never changes anything); without
/// tokens, only requests naming this machine as their host (a page elsewhere whose name was
/// made to resolve to 127.0.0.1 — DNS rebinding — gets nothing); any error as a page (or,
/// under `/api/`, a JSON document) with its status; the security headers on every response;
/// and the request counted for `/metrics`.
struct ConsoleGuard: RouterMiddleware {
    typealias Context = ConsoleContext
    /// Without tokens: the Host values seen to name this machine (a browser sends one or two).
    let loopbackHosts: LoopbackHosts?

    /// No script at all, styles and images from the console only, never framed.
    static let headers: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        .xContentTypeOptions: "nosniff",
        .init("X-Frame-Options")!: "DENY",
        .init("Referrer-Policy")!: "no-referrer",
        // Pages may hold personal data: no cache keeps a copy.
        .cacheControl: "no-store",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        if request.method != .get && request.method != .head {
            response = Self.error(.methodNotAllowed, "this console only reads: use GET", for: request)
            response.headers[.allow] = "GET, HEAD"
        } else {
            do {
                if let loopbackHosts, !loopbackHosts.admits(request.head.authority) { throw ConsoleError.foreignHost }
                var context = context
                context.headersOnly = request.method == .head
                response = try await next(request, context)
            } catch {
                let answer = ConsoleError.answer(to: error)
                if answer.status == .internalServerError { context.logger.error("\(request.uri.path): \(error)") }
                response = Self.error(answer.status, answer.sentence, for: request)
                if answer.status == .unauthorized { response.headers[.wwwAuthenticate] = "Basic realm=\"ticket-ledger\", Bearer realm=\"ticket-ledger\"" }
            }
        }
        for field in Self.headers { response.headers[field.name] = field.value }
        let route = context.endpointPath ?? "NotFound"
        let dimensions = [("route", route), ("status", String(response.status.code))]
        Counter(label: "ticket_ledger_http_requests_total", dimensions: dimensions).increment()
        Metrics.Timer(label: "ticket_ledger_http_request_duration_seconds", dimensions: [("route", route)], preferredDisplayUnit: .seconds)
            .recordInterval(since: started)
        return response
    }

    /// An error as JSON `{"error"}` under `/api/`, else as a small page.
    static func error(_ status: HTTPResponse.Status, _ sentence: String, for request: Request) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            return ConsoleResponse.json(.object([("error", .string(sentence))]), status: status)
        }
        let page: Markup = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(status.reasonPhrase) · TicketLedger</title><link rel="stylesheet" href="/static/console.css"></head>
            <body><main><h1>\(status.reasonPhrase)</h1>\(Layout.notice(sentence, kind: "error"))<p><a href="/">Overview</a></p></main></body></html>
            """
        return ConsoleResponse.html(page, status: status)
    }
}

/// Whether a Host header names a loopback address or `localhost` (any port); the answers for
/// the few values a console meets are remembered, since every request asks.
final class LoopbackHosts: Sendable {
    private let admitted = Mutex<Set<String>>([])

    func admits(_ authority: String?) -> Bool {
        guard let authority else { return false }
        if admitted.withLock({ $0.contains(authority) }) { return true }
        // host, or host:port, or [v6]:port; a port is digits only.
        let end = authority.hasPrefix("[") ? authority.firstIndex(of: "]").map(authority.index(after:)) : authority.firstIndex(of: ":")
        let host = String(authority[..<(end ?? authority.endIndex)])
        let rest = authority[(end ?? authority.endIndex)...]
        guard rest.isEmpty || (rest.first == ":" && rest.count > 1 && rest.dropFirst().allSatisfy(\.isASCII) && rest.dropFirst().allSatisfy(\.isNumber)),
            LedgerConsole.Configuration.isLoopback(host)
        else { return false }
        admitted.withLock { if $0.count < 64 { $0.insert(authority) } }
        return true
    }
}

/// The token check: with tokens, a request without one of them gets 401; the token's name
/// becomes the context's viewer.
struct AccessCheck: RouterMiddleware {
    typealias Context = ConsoleContext
    let tokens: AccessTokens?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let tokens else { return try await next(request, context) }
        guard let name = tokens.name(authorizing: request.headers[.authorization]) else { throw ConsoleError.unauthorized }
        var context = context
        context.viewer = name
        return try await next(request, context)
    }
}

/// Responses with their content type.
enum ConsoleResponse {
    static func html(_ page: Markup, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page.html)))
    }

    /// The document as the CLI prints it with `--json`, and a newline.
    static func json(_ document: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var bytes = document.outputBytes
        bytes.append(UInt8(ascii: "\n"))
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Metrics.Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}

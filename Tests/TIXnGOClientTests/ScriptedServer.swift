import Foundation
import Hummingbird
import LedgerTestSupport
import Logging

/// One scripted answer of the test server, used for exactly one request.
enum Reply: Sendable {
    /// HTTP 200 with this JSON body.
    case page(String)
    /// This status with an empty body and, optionally, `Retry-After` in seconds.
    case status(Int, retryAfter: Int? = nil)
    /// HTTP 302 to another location.
    case redirect(to: String)
    /// HTTP 200 announcing 1000 bytes, sending a few, then closing the connection.
    case dropMidBody
    /// No answer for this long, then an empty page.
    case hang(Duration)
}

/// What the server saw of one request.
struct RecordedRequest: Sendable {
    let path: String
    let rawQuery: String
    let queryParameters: [String: String]
    let apiKey: String?
}

/// The replies still to give and the requests received so far.
actor Script {
    private var replies: [Reply]
    private(set) var requests: [RecordedRequest] = []

    init(_ replies: [Reply]) {
        self.replies = replies
    }

    /// Records `request` and answers with the next scripted reply (HTTP 500 once the script is used up).
    func respond(to request: Request) -> Reply {
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            parameters[String(name)] = String(value)
        }
        requests.append(
            RecordedRequest(
                path: request.uri.path,
                rawQuery: request.uri.query ?? "",
                queryParameters: parameters,
                apiKey: request.headers.first { $0.name.canonicalName == "x-api-key" }?.value
            )
        )
        return replies.isEmpty ? .status(500) : replies.removeFirst()
    }
}

/// Where the scripted server serves the feedback endpoint, relative to its root.
/// Runs `body` against a Hummingbird server on 127.0.0.1 (ephemeral port) that answers with `replies`.
func withScriptedServer(
    _ replies: [Reply],
    _ body: (_ baseURL: String, _ script: Script) async throws -> Void
) async throws {
    let script = Script(replies)
    let contract = try FeedbackContract.load()
    let router = Router()
    // It answers only where docs/feedback-api.yaml says: a client asking elsewhere gets 404.
    router.get(RouterPath(contract.requestPath)) { request, _ -> Response in
        try await response(for: await script.respond(to: request))
    }
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    var serverLogger = Logger(label: "scripted-tixngo")
    serverLogger.logLevel = .critical
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: serverLogger
    )
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        var portIterator = ports.makeAsyncIterator()
        let port = await portIterator.next() ?? 0
        try await body("http://127.0.0.1:\(port)\(contract.serverPath)", script)
        group.cancelAll()
    }
}

private struct DroppedConnection: Error {}

private func response(for reply: Reply) async throws -> Response {
    switch reply {
    case .page(let json):
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json))
        )
    case .status(let code, let retryAfter):
        var headers = HTTPFields()
        if let retryAfter {
            headers[.retryAfter] = String(retryAfter)
        }
        return Response(status: HTTPResponse.Status(code: code), headers: headers)
    case .redirect(let location):
        return Response(status: .found, headers: [.location: location])
    case .dropMidBody:
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(contentLength: 1000) { writer in
                try await writer.write(ByteBuffer(string: #"{"tickets":[{"ticketId":"#))
                throw DroppedConnection()
            }
        )
    case .hang(let duration):
        try await Task.sleep(for: duration)
        return try await response(for: .page(#"{"tickets":[],"nextPageKey":"k0"}"#))
    }
}

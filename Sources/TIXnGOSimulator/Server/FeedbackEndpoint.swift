import Hummingbird
import Logging
import Synchronization

/// Answers `GET /v3/organizer/tickets/diff`: checks the key and the query, draws a fault, serves a page.
final class FeedbackEndpoint: Sendable {
    /// Why a fault cut the answer short; thrown from the body writer so the connection closes.
    private enum CutShort: Error {
        case droppedConnection, truncatedBody
    }

    let feed: TicketFeed
    let apiKey: String
    let clock: SimulationClock
    let faults: FaultInjector
    /// What the endpoint has answered so far.
    let counters = Mutex(ServerCounters())
    let defaultLimit: Int

    init(feed: TicketFeed, apiKey: String, clock: SimulationClock, faults: FaultInjector, defaultLimit: Int) {
        self.feed = feed
        self.apiKey = apiKey
        self.clock = clock
        self.faults = faults
        self.defaultLimit = defaultLimit
    }

    func respond(to request: Request, logger: Logger) async throws -> Response {
        counters.withLock { $0.requests += 1 }
        guard request.headers[.init("x-api-key")!] == apiKey else {
            counters.withLock { $0.unauthorized += 1 }
            return Self.error(.unauthorized, "missing or wrong x-api-key")
        }
        let query = request.uri.queryParameters
        let offset: Int
        let limit: Int
        do {
            (offset, limit) = try parse(key: query["paginationKey"], limit: query["limit"])
        } catch {
            counters.withLock { $0.badRequests += 1 }
            return Self.error(.badRequest, error.message)
        }
        let fault = faults.draw()
        if let fault {
            counters.withLock { $0.faults[fault, default: 0] += 1 }
            logger.debug("injecting fault", metadata: ["simulator.fault": "\(fault.rawValue)"])
        }
        switch fault {
        case .serverError:
            return Self.error(.internalServerError, "simulated server error")
        case .unavailable:
            return Self.error(.serviceUnavailable, "simulated outage", retryAfter: faults.configuration.retryAfterSeconds)
        case .rateLimited:
            return Self.error(.tooManyRequests, "simulated rate limit", retryAfter: faults.configuration.retryAfterSeconds)
        case .droppedConnection:
            return Response(status: .ok, body: ResponseBody { _ in throw CutShort.droppedConnection })
        case .slowResponse:
            try await Task.sleep(for: faults.configuration.slowDelay)
        case .truncatedBody, nil:
            break
        }
        let (body, count) = page(from: offset, limit: limit)
        logger.debug(
            "page", metadata: ["simulator.offset": "\(offset)", "simulator.items": "\(count)"])
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        guard fault != .truncatedBody else {
            let cut = body[0..<(body.count / 2)]
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody(contentLength: body.count) { writer in
                    try await writer.write(ByteBuffer(bytes: cut))
                    throw CutShort.truncatedBody
                })
        }
        counters.withLock {
            $0.pages += 1
            $0.itemsServed += count
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The page of visible items from `offset`: its JSON and how many items it holds.
    private func page(from offset: Int, limit: Int) -> ([UInt8], Int) {
        let visible = feed.visibleCount(at: clock.now)
        let end = max(offset, min(offset + limit, visible))
        var json = JSONWriter(capacity: (end - offset) * 700 + 64)
        json.openObject()
        json.key("tickets")
        json.openArray()
        feed.writeItems(offset..<end, to: &json)
        json.closeArray()
        json.field("nextPageKey", PaginationKey.encode(offset: end, fingerprint: feed.fingerprint))
        json.closeObject()
        return (json.bytes, end - offset)
    }

    /// A query the endpoint refuses with 400.
    private struct BadQuery: Error {
        let message: String
    }

    /// The offset the key points at (0 without a key) and the page size.
    private func parse(key: Substring?, limit: Substring?) throws(BadQuery) -> (Int, Int) {
        var offset = 0
        if let key, !key.isEmpty {
            guard let decoded = PaginationKey.decode(String(key), fingerprint: feed.fingerprint),
                decoded <= feed.count
            else { throw BadQuery(message: "unknown paginationKey: pass back a nextPageKey this server returned") }
            offset = decoded
        }
        guard let limit else { return (offset, defaultLimit) }
        guard let value = Int(limit), (1...10_000).contains(value) else {
            throw BadQuery(message: "limit \(limit): use an integer from 1 to 10000")
        }
        return (offset, value)
    }

    /// The answer to a method the contract does not declare.
    static func methodNotAllowed() -> Response {
        var response = error(.methodNotAllowed, "only GET is served here")
        response.headers[.allow] = "GET"
        return response
    }

    private static func error(_ status: HTTPResponse.Status, _ message: String, retryAfter: Int? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let retryAfter {
            headers[.retryAfter] = String(retryAfter)
        }
        var json = JSONWriter()
        json.openObject()
        json.field("error", message)
        json.closeObject()
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }
}

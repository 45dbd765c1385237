import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TIXnGOSimulator

/// A minimal HTTP client of the simulator's feed endpoint, over URLSession.
struct FeedClient: Sendable {
    /// One HTTP answer.
    struct Answer: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data
    }

    /// A decoded page.
    struct Page: Decodable, Sendable {
        let tickets: [TicketChange]
        let nextPageKey: String
    }

    /// Why a request must be retried.
    struct TransientFailure: Error {
        let reason: String
    }

    let port: Int
    let apiKey: String?
    private let session: URLSession

    init(port: Int, apiKey: String?) {
        self.port = port
        self.apiKey = apiKey
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration)
    }

    /// One request of any method to a path of the server, with the API key.
    func send(_ method: String, path: String) async throws -> Answer {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw TransientFailure(reason: "bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let apiKey { request.setValue(apiKey, forHTTPHeaderField: "x-api-key") }
        return try await answer(to: request)
    }

    /// One GET /tickets/diff with the raw query values given.
    func get(paginationKey: String? = nil, limit: String? = nil) async throws -> Answer {
        guard var components = URLComponents(string: "\(SimulatorServer.baseURL(port: port))/tickets/diff") else {
            throw TransientFailure(reason: "no URL for port \(port)")
        }
        var query = [URLQueryItem]()
        if let paginationKey { query.append(URLQueryItem(name: "paginationKey", value: paginationKey)) }
        if let limit { query.append(URLQueryItem(name: "limit", value: limit)) }
        components.queryItems = query.isEmpty ? nil : query
        guard let url = components.url else { throw TransientFailure(reason: "bad query") }
        var request = URLRequest(url: url)
        if let apiKey { request.setValue(apiKey, forHTTPHeaderField: "x-api-key") }
        return try await answer(to: request)
    }

    private func answer(to request: URLRequest) async throws -> Answer {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw TransientFailure(reason: "not HTTP") }
        var headers = [String: String]()
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: headers, body: data)
    }

    /// One page, or a ``TransientFailure`` for anything a retry could fix.
    func page(after key: String?, limit: Int) async throws -> Page {
        let answer: Answer
        do {
            answer = try await get(paginationKey: key, limit: String(limit))
        } catch {
            throw TransientFailure(reason: "transport: \(error)")
        }
        guard answer.status == 200 else { throw TransientFailure(reason: "HTTP \(answer.status)") }
        do {
            return try JSONDecoder().decode(Page.self, from: answer.body)
        } catch {
            throw TransientFailure(reason: "undecodable body of \(answer.body.count) bytes")
        }
    }

    /// One page, retried until it succeeds; also returns how many attempts failed.
    func pageRetrying(after key: String?, limit: Int, attempts: Int = 60) async throws -> (Page, failures: Int) {
        var failures = 0
        while true {
            do {
                return (try await page(after: key, limit: limit), failures)
            } catch let failure as TransientFailure {
                failures += 1
                if failures >= attempts { throw failure }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    /// Every visible item from `key` on, page by page, until a short page; with the key to go on with.
    func walk(from key: String? = nil, limit: Int) async throws -> (items: [TicketChange], pages: [Int], key: String) {
        var items = [TicketChange]()
        var sizes = [Int]()
        var key = key
        while true {
            let (page, _) = try await pageRetrying(after: key, limit: limit)
            items += page.tickets
            sizes.append(page.tickets.count)
            key = page.nextPageKey
            if page.tickets.count < limit { return (items, sizes, page.nextPageKey) }
        }
    }
}

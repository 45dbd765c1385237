import AsyncHTTPClient
import Foundation

extension TIXnGOClient {
    /// The `GET {baseURL}/tickets/diff` request for one page, with the API key header.
    func makeRequest(paginationKey: String?, limit: Int) throws -> HTTPClientRequest {
        var base = Substring(configuration.baseURL)
        while base.hasSuffix("/") {
            base.removeLast()
        }
        guard let url = URL(string: String(base)),
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, url.query == nil
        else {
            throw TIXnGOClientError.invalidBaseURL(configuration.baseURL)
        }
        if !configuration.allowsInsecureHTTP, let host = TIXnGOClientConfiguration.clearTextHost(of: configuration.baseURL) {
            throw TIXnGOClientError.insecureTransport(host: host)
        }
        var query = ["limit=\(limit)"]
        if let paginationKey {
            query.insert("paginationKey=\(paginationKey.percentEncodedQueryValue)", at: 0)
        }
        var request = HTTPClientRequest(url: "\(base)/tickets/diff?\(query.joined(separator: "&"))")
        request.headers.add(name: "x-api-key", value: configuration.apiKey.value)
        request.headers.add(name: "accept", value: "application/json")
        return request
    }
}

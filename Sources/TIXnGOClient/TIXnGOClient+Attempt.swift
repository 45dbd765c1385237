import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

extension TIXnGOClient {
    /// Sends `request` once and decodes the body; throws `RetryableFailure` for what may pass.
    func send<Page: Sendable>(
        _ request: HTTPClientRequest,
        decode: @Sendable ([UInt8]) throws -> Page
    ) async throws -> Page {
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(
                request,
                timeout: .nanoseconds(configuration.requestTimeout.nanoseconds)
            )
        } catch {
            throw Self.classify(error, target: Self.hostAndPort(of: request.url))
        }
        let status = Int(response.status.code)
        switch status {
        case 200..<300:
            break
        case 400:
            throw TIXnGOClientError.badRequest
        case 401:
            throw TIXnGOClientError.unauthorized
        case 429, 500..<600:
            throw RetryableFailure.status(status, retryAfter: response.headers.first(name: "retry-after"))
        default:
            throw TIXnGOClientError.requestRefused(status: status)
        }
        let body = try await collectBody(of: response)
        do {
            return try decode(body)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw RetryableFailure.undecodableBody(byteCount: body.count)
        }
    }

    /// The whole body, refused past `maxBodyBytes`.
    private func collectBody(of response: HTTPClientResponse) async throws -> [UInt8] {
        let limit = configuration.maxBodyBytes
        if let declared = response.headers.first(name: "content-length").flatMap({ Int($0) }), declared > limit {
            throw TIXnGOClientError.responseTooLarge(limitBytes: limit)
        }
        var bytes: [UInt8] = []
        do {
            for try await chunk in response.body {
                guard bytes.count + chunk.readableBytes <= limit else {
                    throw TIXnGOClientError.responseTooLarge(limitBytes: limit)
                }
                bytes.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as TIXnGOClientError {
            throw error
        } catch {
            throw Self.classify(error, target: nil)
        }
        return bytes
    }

    /// Sorts a transport error into cancellation, a retryable failure or a final error;
    /// `target` (`host:port`) names where a connection could not be made.
    private static func classify(_ error: any Error, target: String?) -> any Error {
        if Task.isCancelled || error is CancellationError {
            return CancellationError()
        }
        guard let httpError = error as? HTTPClientError else {
            // Socket, TLS and parser errors from the network stack: the connection failed.
            if let target, let reason = socketFailure(error) {
                return RetryableFailure.connection("could not connect to \(target) (\(reason))")
            }
            return RetryableFailure.connection(String(describing: error))
        }
        switch httpError {
        case .connectTimeout, .readTimeout, .writeTimeout, .tlsHandshakeTimeout, .deadlineExceeded,
            .remoteConnectionClosed, .getConnectionFromPoolTimeout, .socksHandshakeTimeout,
            .httpProxyHandshakeTimeout, .invalidProxyResponse:
            return RetryableFailure.connection(httpError.shortDescription)
        default:
            return TIXnGOClientError.httpClientFailure(httpError.shortDescription)
        }
    }

    /// "connection refused": what the socket layer said when a connection could not be made, or nil.
    private static func socketFailure(_ error: any Error) -> String? {
        if let failure = error as? NIOConnectionError {
            return failure.connectionErrors.first.flatMap { socketFailure($0.error) }
                ?? (failure.dnsAError ?? failure.dnsAAAAError).map { _ in "its name did not resolve" }
        }
        guard let io = error as? IOError else { return nil }
        return String(cString: strerror(io.errnoCode)).lowercased()
    }

    /// "api.tixngo.io:443" for a request URL.
    private static func hostAndPort(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host else { return nil }
        let port = components.port ?? (components.scheme == "https" ? 443 : 80)
        return "\(host):\(port)"
    }
}

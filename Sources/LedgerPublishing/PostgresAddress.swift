import Foundation
import NIOSSL
public import PostgresNIO

/// A `postgresql://` URL (`publish --to`, `verify --postgres`): `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE`,
/// with `?sslmode=disable|prefer|require` (default `prefer`) and `?host=/socket/folder` for a
/// Unix socket; a password not in the URL may be given apart (`PGPASSWORD`). Its
/// ``description`` never holds the password.
public struct PostgresAddress: Sendable, CustomStringConvertible {
    public let configuration: PostgresConnection.Configuration
    /// The URL without its password, for messages and logs.
    public let description: String

    public init(_ text: String, password passwordApart: String? = nil) throws(PublishError) {
        guard let url = URLComponents(string: text), ["postgresql", "postgres"].contains(url.scheme?.lowercased() ?? "") else {
            throw .badAddress("give a postgresql://USER@HOST:PORT/DATABASE URL")
        }
        // URLComponents gives user, password and path percent-decoded already.
        let user = url.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = url.password ?? passwordApart
        let database = url.path.isEmpty || url.path == "/" ? nil : String(url.path.dropFirst())
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let port = url.port ?? 5432
        let sslMode = query["sslmode"] ?? "prefer"
        description = "postgresql://\(user)@\(url.host.map { "\($0):\(port)" } ?? "")/\(database ?? "")\(query["host"].map { "?host=\($0)" } ?? "")"
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            configuration = .init(unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user, password: password, database: database)
            return
        }
        guard let host = url.host, !host.isEmpty else { throw .badAddress("\(description): no host (or ?host=/socket/folder)") }
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case "disable":
            tls = .disable
        case "prefer", "require":
            do {
                let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                tls = sslMode == "require" ? .require(context) : .prefer(context)
            } catch {
                throw .badAddress("\(description): TLS cannot be set up on this machine (\(error))")
            }
        default:
            throw .badAddress("\(description): sslmode must be disable, prefer or require, not \(sslMode)")
        }
        configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }

    /// A connection to the database, which the caller closes.
    func connect(logger: Logger) async throws(PublishError) -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            if let known = PublishError.wrapping(error, at: self) as? PublishError { throw known }
            throw .unreachable("cannot reach PostgreSQL at \(description): \(error)")
        }
    }
}

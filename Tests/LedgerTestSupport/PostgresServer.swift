import Foundation
import Synchronization

/// A real PostgreSQL for the tests: Debian's server, started once per test process by
/// `Scripts/postgres.sh start --watch PID` (initdb in a temporary folder as an unprivileged
/// user, 127.0.0.1 at a free port), which stops it when this process ends. Each test makes
/// its own database.
public enum PostgresServer {
    private static let started = Mutex<Task<String, any Error>?>(nil)

    /// The server's URL (its `postgres` database), starting it at the first call.
    public static func url() async throws -> String {
        let task = started.withLock { task in
            if let task { return task }
            let made = Task {
                let script = "\(LedgerFixtures.packageRoot)/Scripts/postgres.sh"
                let result = try await ChildProcess.run(program: "/bin/bash", [script, "start", "--watch", String(getpid())])
                guard result.status == 0, let url = result.stdout.split(separator: "\n").first else {
                    throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "Scripts/postgres.sh could not start PostgreSQL: \(result.stderr)"])
                }
                return String(url)
            }
            task = made
            return made
        }
        return try await task.value
    }

    /// The URL of a new, empty database on the server.
    public static func newDatabase() async throws -> String {
        let server = try await url()
        let name = "test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        _ = try await psql(server, "CREATE DATABASE \(name)")
        return server.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
    }

    /// Runs `sql` with Debian's psql (unaligned, tuples only, tab-separated); its output, or a thrown error.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) async throws -> String {
        let result = try await ChildProcess.run(program: "/usr/bin/psql", [url, "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard result.status == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "psql failed: \(result.stderr)"])
        }
        return result.stdout
    }
}

import Foundation
import Logging
import PostgresNIO

/// The copy's schema: the numbered SQL files of `Migrations/postgresql/` (shipped in this
/// target's resource bundle through the `Resources/postgresql` link), each applied once, in name
/// order, in its own transaction, and recorded in `ticket_ledger_migrations`. Publishers that
/// start together take turns through an advisory lock.
enum PostgresSchema {
    /// The advisory lock id the migrations run under (an arbitrary constant of this program).
    static let lockID: Int64 = 0x7469_636B_6574

    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_lock(\(lockID))", logger: logger)
        do {
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS ticket_ledger_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                logger: logger)
            var applied = Set<String>()
            for try await name in try await connection.query("SELECT name FROM ticket_ledger_migrations", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            let files = try self.files()
            let known = Set(files.map { $0.deletingPathExtension().lastPathComponent })
            if let newer = applied.subtracting(known).sorted().last {
                throw PublishError.inconsistent("the PostgreSQL copy has migration \(newer), which this build does not know: publish with a newer ticket-ledger")
            }
            for file in files where !applied.contains(file.deletingPathExtension().lastPathComponent) {
                let name = file.deletingPathExtension().lastPathComponent
                let sql = try String(contentsOf: file, encoding: .utf8)
                try await connection.query("BEGIN", logger: logger)
                do {
                    for statement in statements(in: sql) { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                    try await connection.query("INSERT INTO ticket_ledger_migrations (name) VALUES (\(name))", logger: logger)
                    try await connection.query("COMMIT", logger: logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
                logger.notice("PostgreSQL schema migrated", metadata: ["publish.migration": "\(name)"])
            }
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockID))", logger: logger)
            throw error
        }
        try await connection.query("SELECT pg_advisory_unlock(\(lockID))", logger: logger)
    }

    /// A migration file's statements: each ends with `;` at the end of a line outside a
    /// `$$`-quoted body (the extended protocol takes one statement at a time).
    static func statements(in sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inBody = false
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let code = line.components(separatedBy: "--").first ?? ""
            current += line + "\n"
            if code.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, code.trimmingCharacters(in: .whitespaces).hasSuffix(";") {
                statements.append(current)
                current = ""
            }
        }
        if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { statements.append(current) }
        return statements
    }

    /// The migration files, in name order.
    static func files() throws -> [URL] {
        guard let folder = Bundle.module.resourceURL,
            case let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()) ?? [],
            !names.isEmpty
        else {
            throw PublishError.inconsistent("no PostgreSQL migrations in \(Bundle.module.bundlePath)")
        }
        return names.map { folder.appendingPathComponent($0) }
    }
}

import Foundation
import GRDB

/// What `forget` erased.
public struct ForgetReport: Sendable, Equatable {
    /// Observations whose personal data (holder or transfer recipient) became unreadable.
    public var observations: Int
    /// Tickets those observations belong to.
    public var tickets: Int
    /// Person keys destroyed.
    public var keys: Int
    /// Whether any observation ever named this email (false: the ledger never saw it, and nothing was erased).
    public var known: Bool

    /// Exactly the fields of `forget --json` (docs/cli.md).
    public var json: JSONValue {
        .object([
            ("observations", .integer(Int64(observations))), ("tickets", .integer(Int64(tickets))), ("keys", .integer(Int64(keys))),
            ("known", .bool(known)),
        ])
    }
}

extension LedgerDatabase {
    /// Erases one person's personal data everywhere by destroying their key; events stay byte-for-byte as they were.
    public func forget(email: String) async throws -> ForgetReport {
        let digest = try unlockedKeys().secrets.emailDigest(email).bytes
        let report = try await write { db in
            let keys = "SELECT id FROM person_keys WHERE email_digest = :digest AND wrapped_key IS NOT NULL"
            let touched = "FROM events WHERE holder_key IN (\(keys)) OR recipient_key IN (\(keys))"
            let arguments: StatementArguments = ["digest": digest]
            let report = ForgetReport(
                observations: try Int.fetchOne(db, sql: "SELECT count(*) \(touched)", arguments: arguments) ?? 0,
                tickets: try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT organizer, ticket_id \(touched))", arguments: arguments) ?? 0,
                keys: try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(keys))", arguments: arguments) ?? 0,
                known: try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM person_keys WHERE email_digest = :digest)", arguments: arguments) ?? false)
            try db.execute(
                sql: "UPDATE person_keys SET wrapped_key = NULL, erased_at = :now WHERE id IN (\(keys))",
                arguments: ["digest": digest, "now": self.now().microseconds])
            return report
        }
        try await signTreeHead()
        // The old key bytes may still sit in the WAL: fold it into the (secure-deleting) main file and truncate it.
        try checkpoint()
        return report
    }
}

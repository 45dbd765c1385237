import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// The hostile corpus (Fixtures/hostile) and the checks every hostile test ends with.
enum Hostile {
    /// The path of a corpus file, e.g. `fixture("lines/bom.jsonl")`.
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/hostile/\(name)"))
        try #require(FileManager.default.fileExists(atPath: url.path), "no fixture \(name)")
        return url.path
    }

    /// Two valid items: a ledger starts with them so that "nothing changed" is a real check.
    static let baseline = [
        Items.lifecycle("BASE-1", "INJECTED", at: "2026-06-20T08:00:00Z"),
        Items.lifecycle("BASE-2", "DOWNLOADED", at: "2026-06-20T08:01:00Z", details: Items.spectator("Ada", "Lovelace")),
    ]

    /// A ledger that already holds ``baseline``.
    static func ledgerWithBaseline() async throws -> TemporaryLedger {
        let ledger = try await TemporaryLedger()
        let summary = try await ledger.ingest(lines: baseline, name: "baseline.jsonl")
        #expect(summary.appended == 2)
        return ledger
    }

    /// The ledger is intact (SQLite integrity and hash chain) and holds exactly these counts.
    static func expectConsistent(
        _ ledger: TemporaryLedger, events: Int, rejected: Int, tickets: Int? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let report = try await ledger.database.verify()
        #expect(report.intact, "verify: \(report.problem ?? "")", sourceLocation: sourceLocation)
        #expect(report.events == events, "events verified", sourceLocation: sourceLocation)
        let summary = try await ledger.database.summary()
        #expect(summary.events == events, "events", sourceLocation: sourceLocation)
        #expect(summary.rejected == rejected, "rejected items", sourceLocation: sourceLocation)
        if let tickets { #expect(summary.tickets == tickets, "tickets", sourceLocation: sourceLocation) }
        // Each event's ticket has its projection row: no event without its fold.
        let orphans = try await read(ledger) { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM events e WHERE NOT EXISTS (
                    SELECT 1 FROM ticket_states s JOIN projections p ON p.generation = s.generation AND p.state = 'live'
                    WHERE s.organizer = e.organizer AND s.ticket_id = e.ticket_id)
                """) ?? -1
        }
        #expect(orphans == 0, "events whose ticket has no projection row", sourceLocation: sourceLocation)
    }

    /// One row of rejected_items.
    struct RejectedItem: Sendable {
        var line: Int64
        var reason: String
        var body: String
        var hasSealedPersonalData: Bool
    }

    /// The rejected items of `path`, by line (JSON Lines) or item number (a page).
    static func rejectedItems(_ ledger: TemporaryLedger, from path: String) async throws -> [Int64: RejectedItem] {
        let items = try await read(ledger) { db in
            try Row.fetchAll(
                db, sql: "SELECT source_item, reason, body, personal_data IS NOT NULL FROM rejected_items WHERE source_ref = ?",
                arguments: [path]
            ).map { row in RejectedItem(line: row[0], reason: row[1], body: row[2], hasSealedPersonalData: row[3]) }
        }
        return Dictionary(uniqueKeysWithValues: items.map { ($0.line, $0) })
    }

    /// The ticket ids appended from `path`, by line.
    static func appendedTickets(_ ledger: TemporaryLedger, from path: String) async throws -> [Int64: String] {
        try await read(ledger) { db in
            let rows = try Row.fetchAll(db, sql: "SELECT source_item, ticket_id FROM events WHERE source_ref = ?", arguments: [path])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as String) })
        }
    }

    /// The stored pagination key of an organizer.
    static func cursor(_ ledger: TemporaryLedger, organizer: String = "ORG") async throws -> String? {
        try await ledger.database.paginationKey(organizer: organizer)
    }

    /// Reads the ledger file directly, as an operator's sqlite3 would.
    static func read<T: Sendable>(_ ledger: TemporaryLedger, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await DatabaseQueue(path: ledger.path).read(body)
    }

    /// Why `ItemFile` refuses the file at `path`; records an issue when it does not.
    static func refusal(of path: String, sourceLocation: SourceLocation = #_sourceLocation) -> ItemFile.Refusal? {
        do {
            let feed = try ItemFile(path: path)
            Issue.record("\(path) was accepted (\(feed.itemCount) items)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// Control and format characters and line or paragraph separators: never in a message for an operator.
    static func isPrintable(_ message: String) -> Bool {
        !message.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: true
            default: false
            }
        }
    }
}

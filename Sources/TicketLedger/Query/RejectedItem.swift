import GRDB

/// An item refused at ingest, as anyone may see it: what it said of its ticket, never its personal data.
public struct RejectedItem: Sendable, Equatable {
    public var organizer: String
    /// Why it was refused, in one sentence.
    public var reason: String
    public var source: ItemSource
    public var rejectedAt: Timestamp
    /// The item's `ticketId`, `statusDate` and `status`, each when it was a string.
    public var ticketId: String?
    public var statusDate: String?
    public var status: String?

    /// `{"organizer","reason","rejectedAt","source","ticketId","statusDate","status"}`.
    public var json: JSONValue {
        .object([
            ("organizer", .string(organizer)), ("reason", .string(reason)), ("rejectedAt", .string(rejectedAt.description)),
            ("source", source.json), ("ticketId", .string(ticketId)), ("statusDate", .string(statusDate)), ("status", .string(status)),
        ])
    }
}

extension LedgerDatabase {
    /// The rejected items, newest first; with `limit`, at most that many from the `offset`th on.
    public func rejectedItems(organizer: String? = nil, limit: Int? = nil, offset: Int = 0) async throws -> [RejectedItem] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT organizer, reason, source_kind, source_ref, source_item, rejected_at, body FROM rejected_items
                    WHERE ?1 IS NULL OR organizer = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3
                    """,
                arguments: [organizer, limit ?? -1, offset])
            return rows.map { row in
                // The body was written by the ledger as a JSON object of strings; anything else reads as absent.
                let body = (try? JSONParser.parse(row[6] as String)) ?? .object([])
                return RejectedItem(
                    organizer: row[0], reason: row[1],
                    source: ItemSource(kind: ItemSource.Kind(rawValue: row[2]) ?? .file, reference: row[3], item: row[4]),
                    rejectedAt: Timestamp(microseconds: row[5]), ticketId: body["ticketId"]?.stringValue,
                    statusDate: body["statusDate"]?.stringValue, status: body["status"]?.stringValue)
            }
        }
    }
}

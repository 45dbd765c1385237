import GRDB

extension LedgerDatabase {
    /// Tickets per injecting organization: the `organizationId` their observations carry (one
    /// organizer's wallet receives tickets injected by several organizations; docs/domain.md
    /// §1.1). A ticket counts once under each organization its observations name, and under
    /// `nil` when one of its observations names none. Reads every event's body once: about a
    /// second per million events, so `summary` does it only when asked.
    static func ticketsByOrganization(organizer: String?, db: Database) throws -> [(organization: String?, tickets: Int)] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT organization, count(*) FROM (
                    SELECT DISTINCT json_extract(body, '$.organizationId') AS organization, organizer, ticket_id
                    FROM events WHERE ?1 IS NULL OR organizer = ?1)
                GROUP BY organization ORDER BY organization
                """,
            arguments: [organizer])
        return rows.map { (organization: $0[0] as String?, tickets: $0[1] as Int) }
    }

    /// The tickets whose observations name `organization` as the injecting one.
    static func tickets(injectedBy organization: String, db: Database) throws -> Set<TicketKey> {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT DISTINCT organizer, ticket_id FROM events WHERE json_extract(body, '$.organizationId') = ?",
            arguments: [organization])
        var keys = Set<TicketKey>()
        while let row = try rows.next() { keys.insert(TicketKey(organizer: row[0], ticketId: row[1])) }
        return keys
    }
}

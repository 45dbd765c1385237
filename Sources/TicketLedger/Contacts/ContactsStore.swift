import Foundation
import GRDB

/// Keeps the contacts and distributions of one projection generation up to date for
/// the tickets an ingest or a replay touched: each touched ticket's distributions are
/// refolded from all its events; contacts keep the earliest event of each kind.
struct ContactsStore {
    let settings: ProjectionSettings

    /// Refolds the contacts part of `tickets`.
    func refresh(_ tickets: some Sequence<TicketKey>, db: Database) throws {
        for ticket in tickets {
            let (distributions, contributions) = ContactsFold.fold(try events(of: ticket, db: db))
            try db.cachedStatement(sql: "DELETE FROM distributions WHERE generation = ? AND organizer = ? AND ticket_id = ?")
                .execute(arguments: [settings.generation, ticket.organizer, ticket.ticketId])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO distributions (generation, organizer, ticket_id, opened_position, email_digest, status, status_date, status_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for distribution in distributions {
                try insert.execute(arguments: [
                    settings.generation, ticket.organizer, ticket.ticketId, distribution.openedPosition, distribution.person,
                    distribution.status.rawValue, distribution.order.statusDate, distribution.order.position,
                ])
            }
            for contribution in contributions { try merge(contribution, db: db) }
        }
    }

    private func events(of ticket: TicketKey, db: Database) throws -> [ContactEvent] {
        // The folded columns only: the body and sealed data are of no use here, and the writer reads these per batch.
        var statement = try DirectStatement(sql: """
            SELECT \(EventRecord.foldedColumns.map { "e." + $0 }.joined(separator: ", ")),
                   CASE WHEN h.by_email THEN h.email_digest END, CASE WHEN r.by_email THEN r.email_digest END
            FROM events e
            LEFT JOIN person_keys h ON h.id = e.holder_key
            LEFT JOIN person_keys r ON r.id = e.recipient_key
            WHERE e.ticket_id = ? AND e.organizer = ?
            """, db: db)
        statement.bind(ticket.ticketId)
        statement.bind(ticket.organizer)
        var events: [ContactEvent] = []
        let projector = Projector(settings: settings)
        let digests = Int32(EventRecord.foldedColumns.count)
        try statement.forEachRow { row in
            let event = EventRecord.folded(row)
            events.append(ContactEvent(
                order: event.order, status: projector.effect(of: event.facts).status?.status,
                holder: row.data(digests), recipient: row.data(digests + 1)))
        }
        return events
    }

    /// Keeps the earliest event of each kind for the person.
    private func merge(_ contribution: ContactContribution, db: Database) throws {
        let (dateColumn, positionColumn) = contribution.kind == .cultural
            ? ("cultural_date", "cultural_position") : ("pending_date", "pending_position")
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO contacts (generation, email_digest) VALUES (?, ?)")
            .execute(arguments: [settings.generation, contribution.person])
        try db.cachedStatement(sql: """
            UPDATE contacts SET \(dateColumn) = ?, \(positionColumn) = ?
            WHERE generation = ? AND email_digest = ?
              AND (\(dateColumn) IS NULL OR \(dateColumn) > ? OR (\(dateColumn) = ? AND \(positionColumn) > ?))
            """)
            .execute(arguments: [
                contribution.order.statusDate, contribution.order.position, settings.generation, contribution.person,
                contribution.order.statusDate, contribution.order.statusDate, contribution.order.position,
            ])
    }
}

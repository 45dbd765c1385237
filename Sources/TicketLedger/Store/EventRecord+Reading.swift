import Foundation
import GRDB

extension EventRecord {
    /// The public part as JSON.
    var publicPart: JSONValue { (try? JSONParser.parse(body)) ?? .object([]) }

    /// The events of the ticket `ticketId` of `organizer` (when nil, of the only organizer that has
    /// one), in ledger order, read with one statement; throws when there is no such ticket or several.
    static func ofTicket(_ ticketId: String, organizer: String?, db: Database) throws -> (key: TicketKey, events: [EventRecord]) {
        var statement = try DirectStatement(sql: "SELECT \(columns) FROM events WHERE ticket_id = ? ORDER BY organizer, position", db: db)
        var byOrganizer: [(organizer: String, events: [EventRecord])] = []
        statement.bind(ticketId)
        try statement.forEachRow { row in
            let event = EventRecord(row)
            if byOrganizer.last?.organizer == event.organizer {
                byOrganizer[byOrganizer.count - 1].events.append(event)
            } else {
                byOrganizer.append((event.organizer, [event]))
            }
        }
        let key = try LedgerDatabase.ticketKey(ticketId, organizer: organizer, among: byOrganizer.map { $0.organizer })
        return (key, byOrganizer.first { $0.organizer == key.organizer }?.events ?? [])
    }

    /// The event at a position.
    static func at(_ position: Int64, db: Database) throws -> EventRecord? {
        var statement = try DirectStatement(sql: "SELECT \(columns) FROM events WHERE position = ?", db: db)
        statement.bind(position)
        return try statement.fetchOne(EventRecord.init)
    }
}

extension LedgerDatabase {
    /// The ticket's key: its organizer is `organizer` when given, else the only one that has it.
    func ticketKey(_ ticketId: String, organizer: String?, db: Database) throws -> TicketKey {
        let statement = try db.cachedStatement(sql: "SELECT DISTINCT organizer FROM events WHERE ticket_id = ? ORDER BY organizer")
        return try Self.ticketKey(ticketId, organizer: organizer, among: String.fetchAll(statement, arguments: [ticketId]))
    }

    /// The key of `ticketId` given the organizers (sorted, distinct) that have a ticket of that id.
    static func ticketKey(_ ticketId: String, organizer: String?, among organizers: [String]) throws -> TicketKey {
        if let organizer {
            guard organizers.contains(organizer) else { throw LedgerError.ticketNotFound(ticketId) }
            return TicketKey(organizer: organizer, ticketId: ticketId)
        }
        guard let only = organizers.first else { throw LedgerError.ticketNotFound(ticketId) }
        guard organizers.count == 1 else { throw LedgerError.ambiguousTicket(ticketId: ticketId, organizers: organizers) }
        return TicketKey(organizer: only, ticketId: ticketId)
    }
}

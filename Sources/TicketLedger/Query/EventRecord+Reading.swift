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

extension PersonalData {
    /// The member value shown in output: the data, or a marker saying it was erased.
    var outputValue: JSONValue? {
        switch self {
        case .absent: nil
        case .erased: .string("[erased]")
        case .present(let value): value
        }
    }
}

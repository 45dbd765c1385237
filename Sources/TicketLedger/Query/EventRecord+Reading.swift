import Foundation
import GRDB

extension EventRecord {
    /// What the fold reads from this event.
    var facts: ObservationFacts {
        ObservationFacts(
            status: status, legacyStatus: legacyStatus, action: action, state: state, deletionReason: deletionReason,
            hasSpectatorDetails: holder != nil, hasBeacon: hasBeacon, hasExtraInfo: hasExtraInfo)
    }

    var order: FoldOrder { FoldOrder(statusDate: statusDate, position: position) }

    /// The public part as JSON.
    var publicPart: JSONValue { (try? JSONParser.parse(Array(body.utf8))) ?? .object([]) }

    /// The events of the ticket `ticketId` of `organizer` (when nil, of the only organizer that has
    /// one), in ledger order, read with one statement; throws when there is no such ticket or several.
    static func ofTicket(_ ticketId: String, organizer: String?, db: Database) throws -> (key: TicketKey, events: [EventRecord]) {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM events WHERE ticket_id = ? ORDER BY organizer, position")
        var byOrganizer: [(organizer: String, events: [EventRecord])] = []
        let rows = try Row.fetchCursor(statement, arguments: [ticketId])
        while let row = try rows.next() {
            let event = EventRecord(row: row)
            if byOrganizer.last?.organizer == event.organizer {
                byOrganizer[byOrganizer.count - 1].events.append(event)
            } else {
                byOrganizer.append((event.organizer, [event]))
            }
        }
        let key = try LedgerDatabase.ticketKey(ticketId, organizer: organizer, among: byOrganizer.map(\.organizer))
        return (key, byOrganizer.first { $0.organizer == key.organizer }?.events ?? [])
    }

    /// The event at a position.
    static func at(_ position: Int64, db: Database) throws -> EventRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM events WHERE position = ?")
        return try Row.fetchOne(statement, arguments: [position]).map(EventRecord.init(row:))
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

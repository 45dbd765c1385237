import Foundation
import GRDB

/// One event as read back from the ledger.
struct StoredEvent: Sendable {
    var position: Int64
    var organizer: String
    var ticketId: String
    var statusDate: Int64
    var ingestedAt: Int64
    var source: ItemSource
    var facts: ObservationFacts
    var body: String
    var holder: PersonalDataVault.Sealed?
    var recipient: PersonalDataVault.Sealed?

    /// The select list that ``init(row:)`` reads, qualified by a table alias when given.
    static func columns(_ alias: String?) -> String {
        let p = alias.map { "\($0)." } ?? ""
        let head = ["position", "organizer", "ticket_id", "status_date", "ingested_at", "source_kind", "source_ref", "source_item"]
        let tail = ["body", "holder_key", "holder_data", "recipient_key", "recipient_data"]
        return (head.map { p + $0 } + [ObservationFacts.columns(alias)] + tail.map { p + $0 }).joined(separator: ", ")
    }

    /// The unqualified select list.
    static let columns = columns(nil)

    /// How many columns ``columns(_:)`` selects: a query's own columns follow them.
    static let columnCount = 13 + ObservationFacts.columnCount

    init(row: Row) {
        position = row[0]
        organizer = row[1]
        ticketId = row[2]
        statusDate = row[3]
        ingestedAt = row[4]
        source = ItemSource(kind: ItemSource.Kind(rawValue: row[5]) ?? .file, reference: row[6], item: row[7])
        facts = ObservationFacts(row: row, from: 8)
        body = row[16]
        holder = Self.sealed(row, 17, 18)
        recipient = Self.sealed(row, 19, 20)
    }

    private static func sealed(_ row: Row, _ key: Int, _ data: Int) -> PersonalDataVault.Sealed? {
        guard let keyID: Int64 = row[key], let bytes: Data = row[data] else { return nil }
        return PersonalDataVault.Sealed(keyID: keyID, data: bytes)
    }

    var order: FoldOrder { FoldOrder(statusDate: statusDate, position: position) }

    /// The public part as JSON.
    var publicPart: JSONValue { (try? JSONParser.parse(Array(body.utf8))) ?? .object([]) }

    /// The events of one ticket, in ledger order.
    static func ofTicket(_ key: TicketKey, db: Database) throws -> [StoredEvent] {
        let statement = try db.cachedStatement(
            sql: "SELECT \(columns) FROM events WHERE ticket_id = ? AND organizer = ? ORDER BY position")
        return try Array(Row.fetchCursor(statement, arguments: [key.ticketId, key.organizer]).map(StoredEvent.init(row:)))
    }

    /// The events of the ticket `ticketId` of `organizer` (when nil, of the only organizer that has
    /// one), in ledger order, read with one statement; throws when there is no such ticket or several.
    static func ofTicket(_ ticketId: String, organizer: String?, db: Database) throws -> (key: TicketKey, events: [StoredEvent]) {
        let statement = try db.cachedStatement(
            sql: "SELECT \(columns) FROM events WHERE ticket_id = ? ORDER BY organizer, position")
        var byOrganizer: [(organizer: String, events: [StoredEvent])] = []
        let rows = try Row.fetchCursor(statement, arguments: [ticketId])
        while let row = try rows.next() {
            let event = StoredEvent(row: row)
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
    static func at(_ position: Int64, db: Database) throws -> StoredEvent? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM events WHERE position = ?")
        return try Row.fetchOne(statement, arguments: [position]).map(StoredEvent.init(row:))
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

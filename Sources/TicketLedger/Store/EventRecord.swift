import Foundation
import GRDB

/// One row of the events table: the one list of its columns, written by the appender,
/// read back by the queries and the verifier, and hashed into the chain.
struct EventRecord: Sendable {
    var position: Int64
    var organizer: String
    var ticketId: String
    var statusDate: Int64
    var ingestedAt: Int64
    var source: ItemSource
    var status: String?
    var legacyStatus: String?
    var action: String?
    var state: String?
    var deletionReason: String?
    var hasBeacon: Bool
    var hasExtraInfo: Bool
    var body: String
    var holder: PersonalDataVault.Sealed?
    var recipient: PersonalDataVault.Sealed?
    var contentKey: Data
    /// False when a row read back held a value the appender never writes (a flag other than
    /// 0 or 1, a key without its sealed data or the reverse, a NULL in a NOT NULL column):
    /// the record reads it as the nearest written value, so the chain hash alone would not
    /// see the edit, and `verify` names the row for this.
    var isAsWritten = true

    /// Every stored column but the chain hash, in the order of ``init(_:)``, ``write(to:)`` and the chain hash.
    static let columnNames = [
        "position", "organizer", "ticket_id", "status_date", "ingested_at", "source_kind", "source_ref", "source_item",
        "status", "legacy_status", "action", "state", "deletion_reason", "has_beacon", "has_extra_info", "body",
        "holder_key", "holder_data", "recipient_key", "recipient_data", "content_key",
    ]

    /// The select list of ``columnNames``, qualified by a table alias when given: a query's own columns follow it.
    static func columns(_ alias: String?) -> String {
        columnNames.map { (alias.map { "\($0)." } ?? "") + $0 }.joined(separator: ", ")
    }

    /// The unqualified select list.
    static let columns = columns(nil)

    init(
        position: Int64, organizer: String, ticketId: String, statusDate: Int64, ingestedAt: Int64, source: ItemSource,
        status: String?, legacyStatus: String?, action: String?, state: String?, deletionReason: String?,
        hasBeacon: Bool, hasExtraInfo: Bool, body: String, holder: PersonalDataVault.Sealed?, recipient: PersonalDataVault.Sealed?,
        contentKey: Data
    ) {
        self.position = position
        self.organizer = organizer
        self.ticketId = ticketId
        self.statusDate = statusDate
        self.ingestedAt = ingestedAt
        self.source = source
        self.status = status
        self.legacyStatus = legacyStatus
        self.action = action
        self.state = state
        self.deletionReason = deletionReason
        self.hasBeacon = hasBeacon
        self.hasExtraInfo = hasExtraInfo
        self.body = body
        self.holder = holder
        self.recipient = recipient
        self.contentKey = contentKey
    }

    /// Reads a row selected with ``columns`` (its first ``columnNames`` columns; a query's own follow).
    init(_ row: DirectRow) {
        var asWritten = true
        func sealed(_ key: Int32, _ data: Int32) -> PersonalDataVault.Sealed? {
            guard let keyID = row.int64(key), let bytes = row.data(data) else {
                if row.int64(key) != nil || row.data(data) != nil { asWritten = false }
                return nil
            }
            return PersonalDataVault.Sealed(keyID: keyID, data: bytes)
        }
        func flag(_ column: Int32) -> Bool {
            let value = row.int64(column)
            if value != 0 && value != 1 { asWritten = false }
            return value == 1
        }
        func required<Value>(_ value: Value?, else fallback: Value) -> Value {
            if value == nil { asWritten = false }
            return value ?? fallback
        }
        self.init(
            position: required(row.int64(0), else: 0), organizer: required(row.string(1), else: ""),
            ticketId: required(row.string(2), else: ""), statusDate: required(row.int64(3), else: 0),
            ingestedAt: required(row.int64(4), else: 0),
            source: ItemSource(
                kind: required(row.string(5).flatMap(ItemSource.Kind.init(rawValue:)), else: .file),
                reference: required(row.string(6), else: ""), item: required(row.int64(7), else: 0)),
            status: row.string(8), legacyStatus: row.string(9), action: row.string(10), state: row.string(11),
            deletionReason: row.string(12), hasBeacon: flag(13), hasExtraInfo: flag(14),
            body: required(row.string(15), else: ""), holder: sealed(16, 17), recipient: sealed(18, 19),
            contentKey: required(row.data(20), else: Data()))
        isAsWritten = asWritten
    }

    /// The index of the first column a query selects after ``columns``.
    static let followingColumn = Int32(columnNames.count)

    /// What a projection folds from this event.
    var folded: FoldedEvent {
        FoldedEvent(
            position: position, statusDate: statusDate, organizer: organizer, ticketId: ticketId,
            facts: Self.facts(
                status: status, legacyStatus: legacyStatus, action: action, state: state, deletionReason: deletionReason,
                hasSpectatorDetails: holder != nil, hasBeacon: hasBeacon, hasExtraInfo: hasExtraInfo))
    }

    /// The columns of ``folded``, named in ``columnNames``: a fold over many events reads these,
    /// not the body and sealed data it has no use for.
    static let foldedColumns = [
        "position", "status_date", "organizer", "ticket_id", "status", "legacy_status", "action", "state",
        "deletion_reason", "holder_key", "has_beacon", "has_extra_info",
    ]

    /// The select list of ``foldedColumns``, as ``columns`` is of ``columnNames``.
    static let foldedSelectList = foldedColumns.joined(separator: ", ")

    /// Reads a row selected with ``foldedColumns``.
    static func folded(_ row: DirectRow) -> FoldedEvent {
        FoldedEvent(
            position: row.int64(0) ?? 0, statusDate: row.int64(1) ?? 0, organizer: row.string(2) ?? "", ticketId: row.string(3) ?? "",
            facts: facts(
                status: row.string(4), legacyStatus: row.string(5), action: row.string(6), state: row.string(7),
                deletionReason: row.string(8), hasSpectatorDetails: row.int64(9) != nil, hasBeacon: row.int64(10) == 1,
                hasExtraInfo: row.int64(11) == 1))
    }

    /// The facts of stored column values (a value this version does not know reads as absent).
    private static func facts(
        status: String?, legacyStatus: String?, action: String?, state: String?, deletionReason: String?,
        hasSpectatorDetails: Bool, hasBeacon: Bool, hasExtraInfo: Bool
    ) -> ObservationFacts {
        let transaction: Transaction?
        if let legacy = legacyStatus.flatMap(LegacyStatus.init(rawValue:)),
            let action = action.flatMap(TransactionAction.init(rawValue:)),
            let state = state.flatMap(TransactionState.init(rawValue:))
        {
            transaction = Transaction(legacyStatus: legacy, action: action, state: state)
        } else {
            transaction = nil
        }
        return ObservationFacts(
            status: status.flatMap(TIXnGOStatus.init(rawValue:)), transaction: transaction,
            deletionReason: deletionReason.flatMap(DeletionReason.init(rawValue:)),
            hasSpectatorDetails: hasSpectatorDetails, hasBeacon: hasBeacon, hasExtraInfo: hasExtraInfo)
    }

    /// Hands the values of ``columnNames``, in order, to `sink`: the one place that order is
    /// written for both the insert's bindings and the chain hash. Booleans go as 0 or 1.
    func write(to sink: inout some ColumnSink) {
        sink.add(position)
        sink.add(organizer)
        sink.add(ticketId)
        sink.add(statusDate)
        sink.add(ingestedAt)
        sink.add(source.kind.rawValue)
        sink.add(source.reference)
        sink.add(source.item)
        for text in [status, legacyStatus, action, state, deletionReason] { sink.add(text) }
        sink.add(Int64(hasBeacon ? 1 : 0))
        sink.add(Int64(hasExtraInfo ? 1 : 0))
        sink.add(body)
        sink.add(holder?.keyID)
        sink.add(holder?.data)
        sink.add(recipient?.keyID)
        sink.add(recipient?.data)
        sink.add(contentKey)
    }

    /// The members every JSON document about one event starts with (docs/cli.md).
    static func jsonMembers(
        position: Int64, organizer: String, ticketId: String, statusDate: Timestamp, ingestedAt: Timestamp
    ) -> [(key: String, value: JSONValue)] {
        [
            ("position", .integer(position)), ("organizer", .string(organizer)), ("ticketId", .string(ticketId)),
            ("statusDate", .string(statusDate.description)), ("ingestedAt", .string(ingestedAt.description)),
        ]
    }

    /// The row as the chain and the Merkle tree hash it.
    var encoding: RowEncoding {
        var encoding = RowEncoding()
        write(to: &encoding)
        return encoding
    }
}

/// The part of an event a projection folds: which ticket, where in the ticket's fold, and the facts.
struct FoldedEvent: Sendable {
    var position: Int64
    var statusDate: Int64
    var organizer: String
    var ticketId: String
    var facts: ObservationFacts
}

/// Where a row's column values go, one after the other: a statement's bindings or the chain hash.
protocol ColumnSink {
    mutating func add(_ value: Int64?)
    mutating func add(_ value: String?)
    mutating func add(_ value: Data?)
}


extension DirectStatement: ColumnSink {
    mutating func add(_ value: Int64?) { bind(value) }
    mutating func add(_ value: String?) { bind(value) }
    mutating func add(_ value: Data?) { bind(value) }
}

/// Where an item came from: a file and its line, or the TIXnGO page fetched with a pagination key.
public struct ItemSource: Sendable, Equatable {
    /// `file` for an item read from a file, `api` for one fetched from TIXnGO.
    public enum Kind: String, Sendable { case file, api }
    /// Whether the item was read from a file or fetched from TIXnGO.
    public var kind: Kind
    /// The file path, or the pagination key sent to fetch the page ("" for the first page).
    public var reference: String
    /// The line of a JSON Lines file, or the item's 1-based index in its page (a TIXnGO page or a
    /// FeedbackPage file, whose JSON still calls it `line`).
    public var item: Int64

    /// A source: `reference` and `item` as their properties describe them.
    public init(kind: Kind, reference: String, item: Int64) {
        self.kind = kind
        self.reference = reference
        self.item = item
    }

    /// How output for people names it: `file.jsonl:3`, or `api key=K#3` (the pagination key that fetched the page).
    public var label: String { kind == .file ? "\(reference):\(item)" : "api key=\(reference)#\(item)" }

    /// `{"kind":"api","paginationKey","item"}` or `{"kind":"file","path","line"}` (docs/cli.md).
    public var json: JSONValue {
        switch kind {
        case .api: .object([("kind", .string("api")), ("paginationKey", .string(reference)), ("item", .integer(item))])
        case .file: .object([("kind", .string("file")), ("path", .string(reference)), ("line", .integer(item))])
        }
    }
}

extension EventRecord {
    /// The last event's position and chain hash, where the next append continues the chain.
    static func chainTail(db: Database) throws -> (position: Int64, hash: Data)? {
        var statement = try DirectStatement(sql: "SELECT position, chain_hash FROM events ORDER BY position DESC LIMIT 1", db: db)
        return try statement.fetchOne { row in
            guard let position = row.int64(0), let hash = row.data(1) else { return nil }
            return (position, hash)
        }
    }

    /// The sealed spectator details of the event at `position`: what a holder lookup reads, not the whole row.
    static func sealedHolder(at position: Int64, db: Database) throws -> PersonalDataVault.Sealed? {
        var statement = try DirectStatement(sql: "SELECT holder_key, holder_data FROM events WHERE position = ?", db: db)
        statement.bind(position)
        return try statement.fetchOne { row in
            guard let keyID = row.int64(0), let data = row.data(1) else { return nil }
            return PersonalDataVault.Sealed(keyID: keyID, data: data)
        }
    }

    /// The public part (canonical JSON text) of the event at `position`.
    static func body(at position: Int64, db: Database) throws -> String? {
        var statement = try DirectStatement(sql: "SELECT body FROM events WHERE position = ?", db: db)
        statement.bind(position)
        return try statement.fetchOne { $0.string(0) }
    }
}

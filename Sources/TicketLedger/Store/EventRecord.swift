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
    /// The NOT NULL columns cannot be NULL; were one, the empty value read would fail the chain hash.
    init(_ row: DirectRow) {
        func sealed(_ key: Int32, _ data: Int32) -> PersonalDataVault.Sealed? {
            guard let keyID = row.int64(key), let bytes = row.data(data) else { return nil }
            return PersonalDataVault.Sealed(keyID: keyID, data: bytes)
        }
        self.init(
            position: row.int64(0) ?? 0, organizer: row.string(1) ?? "", ticketId: row.string(2) ?? "",
            statusDate: row.int64(3) ?? 0, ingestedAt: row.int64(4) ?? 0,
            source: ItemSource(
                kind: row.string(5).flatMap(ItemSource.Kind.init(rawValue:)) ?? .file, reference: row.string(6) ?? "",
                item: row.int64(7) ?? 0),
            status: row.string(8), legacyStatus: row.string(9), action: row.string(10), state: row.string(11),
            deletionReason: row.string(12), hasBeacon: row.int64(13) == 1, hasExtraInfo: row.int64(14) == 1,
            body: row.string(15) ?? "", holder: sealed(16, 17), recipient: sealed(18, 19), contentKey: row.data(20) ?? Data())
    }

    /// The index of the first column a query selects after ``columns``.
    static let followingColumn = Int32(columnNames.count)

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

    /// The chain hash of this row after `previous`: every column but the hash, length-prefixed.
    func chainHash(after previous: Data) -> Data {
        var hasher = ChainHasher(previous: previous)
        write(to: &hasher)
        return hasher.finalize()
    }
}

/// Where a row's column values go, one after the other: a statement's bindings or the chain hash.
protocol ColumnSink {
    mutating func add(_ value: Int64?)
    mutating func add(_ value: String?)
    mutating func add(_ value: Data?)
}

extension ChainHasher: ColumnSink {}

extension DirectStatement: ColumnSink {
    mutating func add(_ value: Int64?) { bind(value) }
    mutating func add(_ value: String?) { bind(value) }
    mutating func add(_ value: Data?) { bind(value) }
}

/// Where an item came from: a file and its line, or the TIXnGO page fetched with a pagination key.
public struct ItemSource: Sendable, Equatable {
    public enum Kind: String, Sendable { case file, api }
    public var kind: Kind
    /// The file path, or the pagination key sent to fetch the page ("" for the first page).
    public var reference: String
    /// The file's line (JSON Lines), or the item's 1-based index in the page.
    public var item: Int64

    public init(kind: Kind, reference: String, item: Int64) {
        self.kind = kind
        self.reference = reference
        self.item = item
    }
}

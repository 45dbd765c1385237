public import Foundation

/// An event row as the ledger stores it, every column (personal members sealed, never opened)
/// and its chain hash: what a copy of the ledger elsewhere holds (`publish`), and what
/// ``chainHash(after:)`` checks there without the ledger.
public struct StoredEvent: Sendable, Equatable {
    public var position: Int64
    public var organizer: String
    public var ticketId: String
    public var statusDate: Int64
    public var ingestedAt: Int64
    public var sourceKind: String
    public var sourceRef: String
    public var sourceItem: Int64
    public var status: String?
    public var legacyStatus: String?
    public var action: String?
    public var state: String?
    public var deletionReason: String?
    public var hasBeacon: Int64
    public var hasExtraInfo: Int64
    public var body: String
    public var holderKey: Int64?
    public var holderData: Data?
    public var recipientKey: Int64?
    public var recipientData: Data?
    public var contentKey: Data
    public var chainHash: Data

    /// The events table's column names, in the order of the members above (the chain hash last).
    public static let columnNames = EventRecord.columnNames + ["chain_hash"]

    /// The chain hash the first event follows.
    public static let genesis = RowEncoding.genesis

    public init(
        position: Int64, organizer: String, ticketId: String, statusDate: Int64, ingestedAt: Int64, sourceKind: String,
        sourceRef: String, sourceItem: Int64, status: String?, legacyStatus: String?, action: String?, state: String?,
        deletionReason: String?, hasBeacon: Int64, hasExtraInfo: Int64, body: String, holderKey: Int64?, holderData: Data?,
        recipientKey: Int64?, recipientData: Data?, contentKey: Data, chainHash: Data
    ) {
        (self.position, self.organizer, self.ticketId, self.statusDate, self.ingestedAt) = (position, organizer, ticketId, statusDate, ingestedAt)
        (self.sourceKind, self.sourceRef, self.sourceItem) = (sourceKind, sourceRef, sourceItem)
        (self.status, self.legacyStatus, self.action, self.state, self.deletionReason) = (status, legacyStatus, action, state, deletionReason)
        (self.hasBeacon, self.hasExtraInfo, self.body) = (hasBeacon, hasExtraInfo, body)
        (self.holderKey, self.holderData, self.recipientKey, self.recipientData) = (holderKey, holderData, recipientKey, recipientData)
        (self.contentKey, self.chainHash) = (contentKey, chainHash)
    }

    /// The chain hash this row must carry when the row before it carries `previous`: the
    /// ledger's own hash over these column values, as stored (docs/proofs.md).
    public func expectedChainHash(after previous: Data) -> Data {
        var encoding = RowEncoding()
        encoding.add(position)
        encoding.add(organizer)
        encoding.add(ticketId)
        encoding.add(statusDate)
        encoding.add(ingestedAt)
        encoding.add(sourceKind)
        encoding.add(sourceRef)
        encoding.add(sourceItem)
        for text in [status, legacyStatus, action, state, deletionReason] { encoding.add(text) }
        encoding.add(hasBeacon)
        encoding.add(hasExtraInfo)
        encoding.add(body)
        encoding.add(holderKey)
        encoding.add(holderData)
        encoding.add(recipientKey)
        encoding.add(recipientData)
        encoding.add(contentKey)
        return encoding.chainHash(after: previous)
    }
}

/// A rejected item as stored (its personal data sealed).
public struct StoredRejectedItem: Sendable, Equatable {
    public var id: Int64
    public var organizer: String
    public var contentKey: Data
    public var reason: String
    public var sourceKind: String
    public var sourceRef: String
    public var sourceItem: Int64
    public var rejectedAt: Int64
    public var body: String
    public var personalKey: Int64?
    public var personalData: Data?
}

/// A run of the journal as stored (``RunRecord`` is its reading).
public struct StoredRun: Sendable, Equatable {
    public var id: Int64
    public var organizer: String
    public var source: String
    public var startedAt: Int64
    public var finishedAt: Int64?
    public var pages: Int64
    public var received: Int64
    public var appended: Int64
    public var duplicates: Int64
    public var skipped: Int64
    public var rejected: Int64
    public var paginationKeyBefore: String?
    public var paginationKeyAfter: String?
    public var outcome: String?
    public var error: String?
}

/// The non-personal columns of a ticket's projection row in one generation.
public struct StoredTicketState: Sendable, Equatable {
    public var organizer: String
    public var ticketId: String
    public var s360Status: String
    public var tixngoStatus: String?
    public var family: String?
    public var deletionReason: String?
    public var anomaly: Bool
    public var statusDate: Int64?
    public var holderPosition: Int64?
    public var lastPosition: Int64
}

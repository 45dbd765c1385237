import Foundation

/// One row of the events table, as appended and as verified.
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

    /// The chain hash of this row after `previous`: every column but the hash, length-prefixed.
    func chainHash(after previous: Data) -> Data {
        var hasher = ChainHasher(previous: previous)
        hasher.add(position)
        hasher.add(organizer)
        hasher.add(ticketId)
        hasher.add(statusDate)
        hasher.add(ingestedAt)
        hasher.add(source.kind.rawValue)
        hasher.add(source.reference)
        hasher.add(source.item)
        for text in [status, legacyStatus, action, state, deletionReason] { hasher.add(text) }
        hasher.add(hasBeacon ? 1 : 0)
        hasher.add(hasExtraInfo ? 1 : 0)
        hasher.add(body)
        hasher.add(holder?.keyID)
        hasher.add(holder?.data)
        hasher.add(recipient?.keyID)
        hasher.add(recipient?.data)
        hasher.add(contentKey)
        return hasher.finalize()
    }
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

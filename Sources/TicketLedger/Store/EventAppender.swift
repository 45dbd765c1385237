import Foundation
import GRDB

/// Appends observations to the events table inside one write transaction:
/// dedupe by content key, seal personal data, extend the hash chain and the Merkle tree.
struct EventAppender {
    private let db: Database
    private let session: PersonalDataVault.Session
    private let secrets: LedgerSecrets
    private let organizer: String
    private let ingestedAt: Int64
    private var lastPosition: Int64
    private var lastHash: Data
    private var tree: MerkleFrontier
    private var insertEvent: DirectStatement
    private var insertNode: DirectStatement

    /// Rejected bodies are cut to this many bytes: the reason, not a 50 MB payload, is what an operator needs.
    static let maximumRejectedBody = 64 * 1024

    init(db: Database, session: PersonalDataVault.Session, secrets: LedgerSecrets, organizer: String, at time: Timestamp) throws {
        self.db = db
        self.session = session
        self.secrets = secrets
        self.organizer = organizer
        ingestedAt = time.microseconds
        let tail = try EventRecord.chainTail(db: db)
        lastPosition = tail?.position ?? 0
        lastHash = tail?.hash ?? RowEncoding.genesis
        tree = try MerkleFrontier(size: lastPosition, db: db)
        insertEvent = try DirectStatement(sql: Self.insertSQL, db: db)
        insertNode = try MerkleFrontier.insertStatement(db)
    }

    /// Inserts a record and its chain hash; a second copy of an item (same content key) inserts nothing.
    private static let insertSQL = """
        INSERT INTO events (\(EventRecord.columns), chain_hash)
        VALUES (\(Array(repeating: "?", count: EventRecord.columnNames.count + 1).joined(separator: ", ")))
        ON CONFLICT (content_key) DO NOTHING
        """

    /// Appends an observation; returns its position, or nil when the ledger already has it.
    mutating func append(
        _ observation: Observation, holder: PersonalDataVault.Presealed?, recipient: PersonalDataVault.Presealed?,
        contentKey: Data, source: ItemSource
    ) throws -> Int64? {
        let record = EventRecord(
            position: lastPosition + 1, organizer: organizer, ticketId: observation.ticketId,
            statusDate: observation.statusDate.microseconds, ingestedAt: ingestedAt, source: source,
            status: observation.status?.rawValue, legacyStatus: observation.transaction?.legacyStatus.rawValue,
            action: observation.transaction?.action.rawValue, state: observation.transaction?.state.rawValue,
            deletionReason: observation.deletionReason?.rawValue, hasBeacon: observation.hasBeacon,
            hasExtraInfo: observation.hasExtraInfo, body: observation.publicBody,
            holder: try holder.map(session.seal),
            recipient: try recipient.map(session.seal),
            contentKey: contentKey)
        let encoding = record.encoding
        let hash = encoding.chainHash(after: lastHash)
        record.write(to: &insertEvent)
        insertEvent.bind(hash)
        try insertEvent.execute()
        guard db.changesCount == 1 else { return nil }
        try tree.append(leaf: encoding.leafHash, storingWith: &insertNode)
        lastPosition = record.position
        lastHash = hash
        return record.position
    }

    /// Keeps a rejected item once, with its reason. A rejected item may hold personal data
    /// anywhere, so all of it is sealed (under the key of the first email it names, so
    /// `forget` reaches it); only its ticketId, statusDate and status stay in clear.
    mutating func reject(_ value: JSONValue, source: ItemSource, contentKey: Data, reason: String) throws {
        var whole = value.canonicalBytes
        if whole.count > Self.maximumRejectedBody { whole = Array(whole.prefix(Self.maximumRejectedBody)) }
        let personal = try session.seal(secrets.unsealed(whole, email: Self.firstEmail(in: value)))
        let clear = ["ticketId", "statusDate", "status"].compactMap { name in
            value[name]?.stringValue.map { (key: name, value: JSONValue.string($0)) }
        }
        let text = JSONValue.object(clear).canonicalBytes
        let statement = try db.cachedStatement(sql: """
            INSERT INTO rejected_items (
                organizer, content_key, reason, source_kind, source_ref, source_item, rejected_at, body, personal_key, personal_data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (content_key) DO NOTHING
            """)
        try statement.execute(arguments: [
            organizer, contentKey, reason,
            source.kind.rawValue, source.reference, source.item, ingestedAt,
            String(decoding: text, as: UTF8.self), personal.keyID, personal.data,
        ])
    }

    /// The first string member named like an email, at any depth.
    private static func firstEmail(in value: JSONValue) -> String? {
        switch value {
        case .object(let members):
            for member in members {
                if member.key == "email" || member.key == "recipientEmail", let email = member.value.stringValue { return email }
                if let nested = firstEmail(in: member.value) { return nested }
            }
            return nil
        case .array(let elements):
            return elements.lazy.compactMap(firstEmail(in:)).first
        default:
            return nil
        }
    }
}

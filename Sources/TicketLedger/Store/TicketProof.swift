public import Foundation
import GRDB

/// A ticket's events with their inclusion proofs against a signed tree head: what
/// `history TICKET --proof --json` prints and `check-proof` (or `Scripts/verify_proof.py`)
/// checks without the ledger (docs/proofs.md). The events are the rows as stored — personal
/// members sealed — so a proof still holds after `forget`.
public struct TicketProof: Sendable, Equatable {
    public static let format = "ticket-ledger ticket proof v1"

    public struct Event: Sendable, Equatable {
        public var position: Int64
        /// The row's encoding: the bytes its Merkle leaf hashes.
        public var leaf: Data
        /// The audit path from the leaf to the head's root, leaf side first.
        public var inclusion: [Data]
    }

    public var organizer: String
    public var ticketId: String
    public var treeHead: SignedTreeHead
    public var events: [Event]
    /// Events of the ticket after the head's size: not yet under a signed head, so not here.
    public var unsigned: Int

    public var json: JSONValue {
        .object([
            ("format", .string(Self.format)), ("organizer", .string(organizer)), ("ticketId", .string(ticketId)),
            ("treeHead", treeHead.json),
            ("events", .array(events.map { event in
                .object([
                    ("position", .integer(event.position)), ("leaf", .string(event.leaf.base64EncodedString())),
                    ("inclusion", .array(event.inclusion.map { .string($0.hexText) })),
                ])
            })),
            ("unsigned", .integer(Int64(unsigned))),
        ])
    }

    /// Reads a proof document from its JSON text; nil when it is not one.
    public init?(document: Data) {
        guard let json = try? JSONParser.parse(Array(document)) else { return nil }
        self.init(json: json)
    }

    /// Reads a proof document; nil when it is not one.
    public init?(json: JSONValue) {
        guard json["format"]?.stringValue == Self.format, let organizer = json["organizer"]?.stringValue,
            let ticketId = json["ticketId"]?.stringValue, let head = json["treeHead"].flatMap(SignedTreeHead.init(json:)),
            case .array(let list)? = json["events"], let unsigned = json["unsigned"]?.int64Value
        else { return nil }
        var events: [Event] = []
        for item in list {
            guard let position = item["position"]?.int64Value,
                let leaf = item["leaf"]?.stringValue.flatMap({ Data(base64Encoded: $0) }),
                case .array(let path)? = item["inclusion"]
            else { return nil }
            let inclusion = path.compactMap { $0.stringValue.flatMap(Data.init(hexText:)) }
            guard inclusion.count == path.count else { return nil }
            events.append(Event(position: position, leaf: leaf, inclusion: inclusion))
        }
        self.init(organizer: organizer, ticketId: ticketId, treeHead: head, events: events, unsigned: Int(unsigned))
    }

    init(organizer: String, ticketId: String, treeHead: SignedTreeHead, events: [Event], unsigned: Int) {
        self.organizer = organizer
        self.ticketId = ticketId
        self.treeHead = treeHead
        self.events = events
        self.unsigned = unsigned
    }

    /// Checks the proof on its own: the head's signature (under `publicKey`, by default the key
    /// it names), and for every event that its leaf is a row of this ticket at its position and
    /// that its path leads to the head's root. Returns the first problem, or nil when it holds.
    public func problem(publicKey: Data? = nil) -> String? {
        guard treeHead.hasValidSignature(publicKey: publicKey) else {
            return "the tree head does not bear its signature\(publicKey == nil ? "" : " under the key given")"
        }
        for event in events {
            guard let columns = RowEncoding.columns(of: event.leaf), columns.count == EventRecord.columnNames.count else {
                return "the leaf of position \(event.position) is not an event row"
            }
            // Bytes, not Strings: Swift's String equality would take canonically equivalent text as equal.
            guard case .integer(event.position) = columns[0], case .bytes(let organizer) = columns[1], case .bytes(let ticket) = columns[2],
                organizer == Array(self.organizer.utf8), ticket == Array(ticketId.utf8)
            else {
                return "the leaf of position \(event.position) is not an event of \(organizer)/\(ticketId) at that position"
            }
            let root = MerkleProof.root(
                leaf: MerkleHash.leaf(event.leaf), index: event.position - 1, size: treeHead.treeSize, proof: event.inclusion)
            guard root == treeHead.rootHash else {
                return "the event at position \(event.position) is not in the tree of the head (its inclusion proof fails)"
            }
        }
        return nil
    }
}

extension RowEncoding {
    /// A column value as encoded.
    enum Column: Equatable {
        case null
        case integer(Int64)
        case bytes([UInt8])
    }

    /// The columns of an encoded row, or nil when the bytes are not one.
    static func columns(of bytes: Data) -> [Column]? {
        let bytes = [UInt8](bytes)
        var columns: [Column] = []
        var index = 0
        func eight() -> UInt64? {
            guard index + 8 <= bytes.count else { return nil }
            defer { index += 8 }
            return bytes[index..<index + 8].reduce(0) { $0 << 8 | UInt64($1) }
        }
        while index < bytes.count {
            let tag = bytes[index]
            index += 1
            switch tag {
            case 0: columns.append(.null)
            case 1:
                guard let value = eight() else { return nil }
                columns.append(.integer(Int64(bitPattern: value)))
            case 2:
                guard let length = eight(), length <= UInt64(bytes.count - index) else { return nil }
                columns.append(.bytes(Array(bytes[index..<index + Int(length)])))
                index += Int(length)
            default: return nil
            }
        }
        return columns
    }
}

extension LedgerDatabase {
    /// The proof of a ticket's events against the newest signed tree head (docs/proofs.md).
    public func proof(ofTicket ticketId: String, organizer: String? = nil) async throws -> TicketProof {
        try await read { db in
            let key = try self.ticketKey(ticketId, organizer: organizer, db: db)
            guard let head = try Self.treeHeads(db, newestFirst: true, limit: 1).first else {
                throw LedgerError.corrupt("the ledger has no signed tree head yet: an ingest run or `forget` signs one")
            }
            let nodes = MerkleNodes(db: db)
            var events: [TicketProof.Event] = []
            var unsigned = 0
            var rows = try DirectStatement(
                sql: "SELECT \(EventRecord.columns) FROM events WHERE ticket_id = ? AND organizer = ? ORDER BY position", db: db)
            rows.bind(key.ticketId)
            rows.bind(key.organizer)
            try rows.forEachRow { row in
                let record = EventRecord(row)
                guard record.position <= head.treeSize else { return unsigned += 1 }
                events.append(TicketProof.Event(
                    position: record.position, leaf: Data(record.encoding.bytes),
                    inclusion: try nodes.inclusionProof(leaf: record.position - 1, size: head.treeSize)))
            }
            return TicketProof(organizer: key.organizer, ticketId: key.ticketId, treeHead: head, events: events, unsigned: unsigned)
        }
    }
}

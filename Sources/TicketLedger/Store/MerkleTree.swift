import Crypto
public import Foundation
import GRDB

/// RFC 9162's hashing of a Merkle tree over the events (docs/proofs.md): a leaf is
/// SHA-256(0x00 ‖ the event's row encoding), an inner node SHA-256(0x01 ‖ left ‖ right).
public enum MerkleHash {
    public static func leaf(_ bytes: some DataProtocol) -> Data {
        var hash = SHA256()
        hash.update(data: [0])
        hash.update(data: bytes)
        return Data(hash.finalize())
    }

    public static func node(_ left: Data, _ right: Data) -> Data {
        var hash = SHA256()
        hash.update(data: [1])
        hash.update(data: left)
        hash.update(data: right)
        return Data(hash.finalize())
    }

    /// The root of a tree whose complete subtrees, left to right, have the roots `peaks`:
    /// RFC 9162's MTH splits at the largest power of two, so the peaks fold from the right.
    static func root(ofPeaks peaks: [Data]) -> Data {
        guard var root = peaks.last else { return Data(SHA256.hash(data: Data())) }
        for peak in peaks.dropLast().reversed() { root = node(peak, root) }
        return root
    }
}

/// The right edge of the tree while events are appended: the roots of its complete subtrees
/// (one per set bit of the size, largest first). Each append stores every subtree it
/// completes of ``MerkleNodes/lowestStoredLevel`` or above in `merkle_nodes` (with
/// ``append(leaf:storingWith:)``), so appending N events costs about 2N hashes and N/4 rows, and the root is
/// known after every event.
struct MerkleFrontier {
    private(set) var size: Int64
    private(set) var peaks: [Data]

    /// An empty tree.
    init() {
        size = 0
        peaks = []
    }

    /// The frontier of the stored tree of `size` leaves.
    init(size: Int64, db: Database) throws {
        self.size = size
        peaks = try MerkleNodes(db: db).peaks(ofSize: size)
    }

    var root: Data { MerkleHash.root(ofPeaks: peaks) }

    /// Adds a leaf, storing the subtrees it completes with `insert` (``insertStatement(_:)``).
    mutating func append(leaf: Data, storingWith insert: inout DirectStatement) throws {
        try append(leaf: leaf) { level, index, node in
            insert.bind(Int64(level))
            insert.bind(index)
            insert.bind(node)
            try insert.execute()
        }
    }

    /// Adds a leaf, handing every subtree it completes at a stored level (level, index, root) to `completed`.
    mutating func append(leaf: Data, completed: (Int, Int64, Data) throws -> Void) throws {
        var node = leaf
        var level = 0
        var index = size
        while index & 1 == 1 {
            node = MerkleHash.node(peaks.removeLast(), node)
            level += 1
            index >>= 1
            if level >= MerkleNodes.lowestStoredLevel { try completed(level, index, node) }
        }
        peaks.append(node)
        size += 1
    }

    /// The statement ``append(leaf:storingWith:)`` stores nodes with.
    static func insertStatement(_ db: Database) throws -> DirectStatement {
        try DirectStatement(sql: "INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)", db: db)
    }
}

/// Reads the stored tree: any complete subtree's root, the root of any size, and the proofs
/// of RFC 9162 (§2.1.3 inclusion, §2.1.4 consistency), from at most a few dozen node reads.
/// Ranges it has hashed are kept: the proofs of one ticket's events share most of their path.
final class MerkleNodes {
    /// Subtrees below this level (fewer than 8 events) are not stored but hashed from their
    /// events when needed: storing every level cost two rows per event, and the ingest a
    /// tenth of its writer's time (docs/benchmarks.md); a proof now reads at most 7 more rows.
    static let lowestStoredLevel = 3

    private let db: Database
    private var hashes: [Range<Int64>: Data] = [:]

    init(db: Database) { self.db = db }

    /// The root of the complete subtree at `level` (2^level leaves) and `index`: stored, or
    /// hashed from its events below ``lowestStoredLevel``.
    func node(level: Int, index: Int64) throws -> Data {
        guard level >= Self.lowestStoredLevel else { return try hashedFromEvents(level: level, index: index) }
        var statement = try DirectStatement(sql: "SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?", db: db)
        statement.bind(Int64(level))
        statement.bind(index)
        guard let hash = try statement.fetchOne({ $0.data(0) }) else {
            throw LedgerError.corrupt("the Merkle tree has no node at level \(level), index \(index): run verify")
        }
        return hash
    }

    private func hashedFromEvents(level: Int, index: Int64) throws -> Data {
        let first = index << level + 1
        var leaves: [Data] = []
        var rows = try DirectStatement(sql: "SELECT \(EventRecord.columns) FROM events WHERE position BETWEEN ? AND ? ORDER BY position", db: db)
        rows.bind(first)
        rows.bind(first + (Int64(1) << level) - 1)
        try rows.forEachRow { leaves.append(EventRecord($0).encoding.leafHash) }
        guard leaves.count == 1 << level else {
            throw LedgerError.corrupt("the events at positions \(first)… are missing: the Merkle tree cannot be read; run verify")
        }
        while leaves.count > 1 { leaves = stride(from: 0, to: leaves.count, by: 2).map { MerkleHash.node(leaves[$0], leaves[$0 + 1]) } }
        return leaves[0]
    }

    /// The roots of the complete subtrees a tree of `size` leaves is made of, largest first.
    func peaks(ofSize size: Int64) throws -> [Data] {
        var peaks: [Data] = []
        var start: Int64 = 0
        for level in stride(from: 62, through: 0, by: -1) where size & (Int64(1) << level) != 0 {
            peaks.append(try node(level: level, index: start >> level))
            start += Int64(1) << level
        }
        return peaks
    }

    /// MTH of the leaves `start..<end`, where `start` is a multiple of the largest power of two
    /// below `end - start` (true of every range RFC 9162's recursions reach from `0..<n`).
    func hash(_ start: Int64, _ end: Int64) throws -> Data {
        if let known = hashes[start..<end] { return known }
        let count = end - start
        let hash: Data
        if count & (count - 1) == 0, start % count == 0 {
            hash = try node(level: count.trailingZeroBitCount, index: start / count)
        } else {
            let split = Self.largestPowerOfTwo(below: count)
            hash = MerkleHash.node(try self.hash(start, start + split), try self.hash(start + split, end))
        }
        hashes[start..<end] = hash
        return hash
    }

    /// The audit path of leaf `index` in the tree of the first `size` leaves (RFC 9162 PATH), leaf side first.
    func inclusionProof(leaf index: Int64, size: Int64) throws -> [Data] {
        try path(index, 0, size)
    }

    private func path(_ index: Int64, _ start: Int64, _ end: Int64) throws -> [Data] {
        let count = end - start
        guard count > 1 else { return [] }
        let split = Self.largestPowerOfTwo(below: count)
        if index - start < split { return try path(index, start, start + split) + [hash(start + split, end)] }
        return try path(index, start + split, end) + [hash(start, start + split)]
    }

    /// The proof that the tree of `new` leaves extends the tree of its first `old` (RFC 9162 PROOF).
    func consistencyProof(old: Int64, new: Int64) throws -> [Data] {
        guard old > 0, old < new else { return [] }
        return try subproof(old, 0, new, true)
    }

    private func subproof(_ m: Int64, _ start: Int64, _ end: Int64, _ complete: Bool) throws -> [Data] {
        let count = end - start
        if m == count { return complete ? [] : [try hash(start, end)] }
        let split = Self.largestPowerOfTwo(below: count)
        if m <= split { return try subproof(m, start, start + split, complete) + [hash(start + split, end)] }
        return try subproof(m - split, start + split, end, false) + [hash(start, start + split)]
    }

    /// The largest power of two strictly below `count` (count ≥ 2).
    static func largestPowerOfTwo(below count: Int64) -> Int64 {
        Int64(1) << (63 - (count - 1).leadingZeroBitCount)
    }
}

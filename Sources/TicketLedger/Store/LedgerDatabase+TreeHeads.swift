public import Foundation
import GRDB

/// The ledger's id, made once at random and named in every tree head it signs.
enum LedgerIdentity {
    static func newID() -> String {
        Data((0..<16).map { _ in UInt8.random(in: 0...255) }).hexText
    }

    static func id(_ db: Database) throws -> String {
        guard let id = try String.fetchOne(db, sql: "SELECT ledger_id FROM ledger_identity WHERE id = 1") else {
            throw LedgerError.corrupt("the ledger has no id (ledger_identity is empty): it was not made by ticket-ledger")
        }
        return id
    }
}

extension LedgerDatabase {
    /// Signs a head of the Merkle tree as it is now with the key file's signing key and stores
    /// it, unless the newest stored head already has this size; returns the newest head. Every
    /// ingest run and every `forget` ends with it (docs/proofs.md).
    @discardableResult
    public func signTreeHead() async throws -> SignedTreeHead {
        let signingKey = try unlockedKeys().keyFile.signingKey
        // Durable: a digest log may receive the head as soon as this returns.
        return try await durableWrite { db in
            let size = try Self.lastPosition(db)
            if let newest = try Self.treeHeads(db, newestFirst: true, limit: 1).first, newest.treeSize == size { return newest }
            let head = try SignedTreeHead.signed(
                ledgerID: try LedgerIdentity.id(db), treeSize: size, rootHash: try Self.treeRoot(size: size, db: db),
                at: self.now(), by: signingKey)
            try db.execute(
                sql: "INSERT INTO tree_heads (tree_size, root_hash, signed_at, signature, public_key) VALUES (?, ?, ?, ?, ?)",
                arguments: [head.treeSize, head.rootHash, head.timestamp.microseconds, head.signature, head.publicKey])
            return head
        }
    }

    /// The key that verifies this ledger's tree heads (raw Ed25519), from the key file.
    public func publicKey() throws -> Data {
        try unlockedKeys().keyFile.signingKey.publicKey.rawRepresentation
    }

    /// The newest signed tree head, or nil before the first.
    public func latestTreeHead() async throws -> SignedTreeHead? {
        try await read { db in try Self.treeHeads(db, newestFirst: true, limit: 1).first }
    }

    /// Runs `body` (an ingest run), then signs a tree head of what it committed, even when it failed part-way.
    func endingWithTreeHead<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            try await signTreeHead()
            return result
        } catch {
            _ = try? await signTreeHead()
            throw error
        }
    }

    /// The root of the stored tree of the first `size` events.
    static func treeRoot(size: Int64, db: Database) throws -> Data {
        MerkleHash.root(ofPeaks: try MerkleNodes(db: db).peaks(ofSize: size))
    }

    /// Stored tree heads, oldest first unless `newestFirst`.
    static func treeHeads(_ db: Database, newestFirst: Bool = false, limit: Int = -1) throws -> [SignedTreeHead] {
        let ledgerID = try LedgerIdentity.id(db)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT tree_size, root_hash, signed_at, signature, public_key FROM tree_heads
                ORDER BY tree_size \(newestFirst ? "DESC" : "ASC") LIMIT ?
                """,
            arguments: [limit]
        ).map { row in
            SignedTreeHead(
                ledgerID: ledgerID, treeSize: row[0], rootHash: row[1], timestamp: Timestamp(microseconds: row[2]),
                signature: row[3], publicKey: row[4])
        }
    }
}

extension SignedTreeHead {
    /// Appends the head as one JSON line to the digest log at `path` (created if needed), synced:
    /// a copy of the ledger's tree heads kept outside it (docs/security.md).
    public func append(toDigestLog path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw LedgerError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let line = Array((json.outputText + "\n").utf8)
        guard line.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == line.count, fsync(descriptor) == 0 else {
            throw LedgerError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

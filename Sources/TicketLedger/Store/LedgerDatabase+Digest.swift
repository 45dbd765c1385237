public import Foundation

/// What ``LedgerDatabase/check(_:publicKey:)`` found: whether the ledger extends every tree
/// head given, and the first one it does not.
public struct DigestReport: Sendable, Equatable {
    /// Heads checked.
    public var heads: Int
    /// The events the ledger holds now.
    public var treeSize: Int64
    /// The first head (in the order given, 1-based) the ledger does not bear out, and why.
    public var failure: Failure?

    public struct Failure: Sendable, Equatable {
        /// Which head, 1-based in the order given.
        public var head: Int
        public var treeSize: Int64
        /// Why, in one sentence.
        public var reason: String
        /// The positions the change lies in, as narrowly as the heads given show (the whole
        /// head when no earlier head holds); nil for a bad signature or another ledger's head.
        public var positions: ClosedRange<Int64>?
    }

    public var holds: Bool { failure == nil }

    /// `verify --digest --json` (docs/cli.md).
    public var json: JSONValue {
        .object([
            ("holds", .bool(holds)), ("heads", .integer(Int64(heads))), ("treeSize", .integer(treeSize)),
            ("failedHead", .integer(failure.map { Int64($0.head) })), ("failedTreeSize", .integer(failure?.treeSize)),
            ("firstPosition", .integer(failure?.positions?.lowerBound)), ("lastPosition", .integer(failure?.positions?.upperBound)),
            ("problem", .string(failure?.reason)),
        ])
    }
}

extension LedgerDatabase {
    /// Checks tree heads kept outside the ledger (a digest log, a printed digest) against it:
    /// each head's signature under `publicKey` (by default the key each head names), its
    /// ledger id, and a consistency proof (RFC 9162) that the ledger today extends it — no event
    /// at or before its size changed. Heads are checked from the smallest size up, so a
    /// change is placed between the last head that holds and the first that does not.
    public func check(_ heads: [SignedTreeHead], publicKey: Data? = nil) async throws -> DigestReport {
        try await read { db in
            let ledgerID = try LedgerIdentity.id(db)
            let size = try Self.lastPosition(db)
            let root = try Self.treeRoot(size: size, db: db)
            let nodes = MerkleNodes(db: db)
            var report = DigestReport(heads: heads.count, treeSize: size, failure: nil)
            var holdsUpTo: Int64 = 0
            for (index, head) in heads.enumerated().sorted(by: { $0.element.treeSize < $1.element.treeSize }) {
                func fail(_ reason: String, _ positions: ClosedRange<Int64>?) {
                    report.failure = .init(head: index + 1, treeSize: head.treeSize, reason: reason, positions: positions)
                }
                if !head.hasValidSignature(publicKey: publicKey) {
                    fail("tree head \(index + 1) (size \(head.treeSize)) does not bear its signature\(publicKey == nil ? "" : " under the key given")", nil)
                } else if head.ledgerID != ledgerID {
                    fail("tree head \(index + 1) is of ledger \(head.ledgerID), not this one (\(ledgerID))", nil)
                } else if head.treeSize > size {
                    fail("tree head \(index + 1) counts \(head.treeSize) events; the ledger holds \(size): events were removed", (size + 1)...head.treeSize)
                } else if !MerkleProof.isConsistent(
                    oldSize: head.treeSize, oldRoot: head.rootHash, newSize: size, newRoot: root,
                    proof: try nodes.consistencyProof(old: head.treeSize, new: size))
                {
                    let first = min(holdsUpTo + 1, head.treeSize)
                    fail("""
                        the ledger no longer extends tree head \(index + 1) (size \(head.treeSize), signed \(head.timestamp)): \
                        \(first == head.treeSize ? "the event at position \(first)" : "an event at a position in \(first)…\(head.treeSize)") changed
                        """, first...head.treeSize)
                } else {
                    holdsUpTo = head.treeSize
                    continue
                }
                return report
            }
            return report
        }
    }
}

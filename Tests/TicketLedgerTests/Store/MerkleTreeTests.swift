import Crypto
import Foundation
import GRDB
import LedgerTestSupport
import SharedSupport
import Testing
@testable import TicketLedger

/// docs/proofs.md: the tree is RFC 9162's, its proofs verify by the RFC's algorithms, and
/// they grow with the logarithm of the ledger.
@Suite("The Merkle tree")
struct MerkleTreeTests {
    /// RFC 9162's MTH, straight from its definition, over leaf hashes.
    static func referenceRoot(_ leaves: ArraySlice<Data>) -> Data {
        if leaves.isEmpty { return Data(SHA256.hash(data: Data())) }
        if leaves.count == 1 { return leaves.first! }
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        return MerkleHash.node(referenceRoot(leaves.prefix(split)), referenceRoot(leaves.dropFirst(split)))
    }

    /// A ledger of `count` events, one item each.
    static func ledger(events count: Int) async throws -> TemporaryLedger {
        let ledger = try await TemporaryLedger()
        let lines = (0..<count).map { i in
            Items.lifecycle("T\(i % 17)", "INJECTED", at: "2026-06-20T09:00:00Z", extra: #""eventId":"e\#(i)""#)
        }
        try await ledger.ingest(lines: lines)
        return ledger
    }

    static func leaves(_ ledger: TemporaryLedger) async throws -> [Data] {
        try await ledger.database.read { db in
            var leaves: [Data] = []
            var rows = try DirectStatement(sql: "SELECT \(EventRecord.columns) FROM events ORDER BY position", db: db)
            try rows.forEachRow { leaves.append(EventRecord($0).encoding.leafHash) }
            return leaves
        }
    }

    @Test func theRFCsKnownAnswers() {
        // RFC 6962's reference test vectors (as carried by Certificate Transparency's implementations).
        let inputs: [[UInt8]] = [[], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
                                 [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
                                 [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f]]
        var frontier = MerkleFrontier()
        for input in inputs { try? frontier.append(leaf: MerkleHash.leaf(input)) { _, _, _ in } }
        #expect(MerkleHash.leaf([UInt8]()).hexText == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
        #expect(frontier.root.hexText == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
    }

    @Test func theStoredTreeHasTheRootOfTheDefinitionAtEverySize() async throws {
        let ledger = try await Self.ledger(events: 70)
        let leaves = try await Self.leaves(ledger)
        try await ledger.database.read { db in
            for size in 0...leaves.count {
                let root = try LedgerDatabase.treeRoot(size: Int64(size), db: db)
                #expect(root == Self.referenceRoot(leaves.prefix(size)), "size \(size)")
            }
        }
    }

    @Test func everyInclusionProofVerifiesAndAChangedOneDoesNot() async throws {
        let ledger = try await Self.ledger(events: 70)
        let leaves = try await Self.leaves(ledger)
        try await ledger.database.read { db in
            let nodes = MerkleNodes(db: db)
            for size in [1, 2, 3, 7, 8, 9, 33, 64, 70] {
                let root = Self.referenceRoot(leaves.prefix(size))
                for index in 0..<size {
                    let proof = try nodes.inclusionProof(leaf: Int64(index), size: Int64(size))
                    #expect(proof.count <= Int(ceil(log2(Double(size)))))
                    #expect(MerkleProof.root(leaf: leaves[index], index: Int64(index), size: Int64(size), proof: proof) == root)
                    // Another leaf, or one flipped bit of the path, gives another root.
                    #expect(MerkleProof.root(leaf: leaves[(index + 1) % leaves.count], index: Int64(index), size: Int64(size), proof: proof) != root)
                    if var changed = proof.first {
                        changed[0] ^= 1
                        #expect(MerkleProof.root(leaf: leaves[index], index: Int64(index), size: Int64(size), proof: [changed] + proof.dropFirst()) != root)
                    }
                }
            }
        }
    }

    @Test func consistencyProofsBetweenRandomSizesVerifyAndStayLogarithmic() async throws {
        let ledger = try await Self.ledger(events: 130)
        let leaves = try await Self.leaves(ledger)
        var random = SplitMix64(seed: 9)
        let pairs = (0..<300).map { _ in
            let new = Int64.random(in: 1...130, using: &random)
            return (old: Int64.random(in: 1...new, using: &random), new: new)
        }
        try await ledger.database.read { db in
            let nodes = MerkleNodes(db: db)
            for (old, new) in pairs {
                let (oldRoot, newRoot) = (Self.referenceRoot(leaves.prefix(Int(old))), Self.referenceRoot(leaves.prefix(Int(new))))
                let proof = try nodes.consistencyProof(old: old, new: new)
                #expect(proof.count <= 2 * Int(ceil(log2(Double(new)))) + 1, "\(old) → \(new): \(proof.count) hashes")
                #expect(MerkleProof.isConsistent(oldSize: old, oldRoot: oldRoot, newSize: new, newRoot: newRoot, proof: proof), "\(old) → \(new)")
                // A tree whose first `old` leaves differ is not consistent with the old root.
                if old < new {
                    var forged = leaves
                    forged[Int(old) - 1] = leaves[Int(new) - 1]
                    #expect(!MerkleProof.isConsistent(
                        oldSize: old, oldRoot: Self.referenceRoot(forged.prefix(Int(old))), newSize: new, newRoot: newRoot, proof: proof))
                }
            }
        }
    }

    @Test func verifyFindsEventsRemovedFromTheEndAndAStoredNodeTheEventsDoNotMake() async throws {
        let ledger = try await Self.ledger(events: 40)
        #expect(try await ledger.database.verify().intact)
        let queue = try DatabaseQueue(path: ledger.path)
        func rewrite(_ sql: String) throws {
            try queue.write { db in
                let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
                try db.execute(sql: sql)
                for trigger in triggers { try db.execute(sql: trigger["sql"]) }
            }
        }
        try rewrite("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 3 AND idx = 2")
        let node = try await ledger.database.verify()
        #expect(!node.intact)
        #expect(node.problem?.contains("level 3, index 2") == true, "\(node.problem ?? "")")
        // The chain and the tree of the first 32 events still agree: only the signed head of 40 says events went.
        try rewrite("DELETE FROM events WHERE position > 32; DELETE FROM merkle_nodes WHERE (idx + 1) << level > 32")
        let removed = try await ledger.database.verify()
        #expect(!removed.intact)
        #expect(removed.problem?.contains("counts more events than the ledger holds (32)") == true, "\(removed.problem ?? "")")
    }

    @Test func aHeadIsReadOnlyInTheFormTheLedgerWritesIt() async throws {
        let ledger = try await Self.ledger(events: 3)
        let head = try #require(try await ledger.database.latestTreeHead())
        #expect(SignedTreeHead(json: head.json) == head)
        for (name, value) in [("rootHash", JSONValue.string(head.rootHash.hexText.uppercased())),
                              ("timestamp", .string(head.timestamp.description.replacingOccurrences(of: "Z", with: "+00:00")))] {
            let members = head.json.members.map { $0.key == name ? (key: name, value: value) : $0 }
            #expect(SignedTreeHead(json: .object(members)) == nil, "\(name) in another spelling was read")
        }
    }

    @Test func aHeadIsSignedAfterEveryRunAndItsSignatureCoversEveryField() async throws {
        let ledger = try await Self.ledger(events: 5)
        let head = try #require(try await ledger.database.latestTreeHead())
        let key = try ledger.database.publicKey()
        #expect(head.treeSize == 5)
        #expect(head.hasValidSignature(publicKey: key))
        for change in [{ (h: inout SignedTreeHead) in h.treeSize += 1 }, { $0.rootHash[0] ^= 1 }, { $0.ledgerID += "0" },
                       { $0.timestamp = Timestamp(microseconds: $0.timestamp.microseconds + 1) }, { $0.signature[3] ^= 1 }] {
            var changed = head
            change(&changed)
            #expect(!changed.hasValidSignature(publicKey: key))
        }
        #expect(!head.hasValidSignature(publicKey: Curve25519.Signing.PrivateKey().publicKey.rawRepresentation))
    }
}


public import Foundation

/// Checks RFC 9162's proofs without any ledger: what `check-proof` and `verify --digest` run,
/// written from the RFC's verification algorithms (§2.1.3.2, §2.1.4.2), not from the code
/// that makes the proofs (``MerkleNodes``), so the two check each other.
public enum MerkleProof {
    /// The root that leaf `index` (hash `leaf`) and its audit path `proof` give for a tree of
    /// `size` leaves, or nil when the path's length does not fit that leaf and size.
    public static func root(leaf: Data, index: Int64, size: Int64, proof: [Data]) -> Data? {
        guard index >= 0, index < size else { return nil }
        var (fn, sn) = (index, size - 1)
        var root = leaf
        for sibling in proof {
            guard sn != 0 else { return nil }
            if fn & 1 == 1 || fn == sn {
                root = MerkleHash.node(sibling, root)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                root = MerkleHash.node(root, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? root : nil
    }

    /// Whether `proof` shows that the tree of `newSize` leaves with root `newRoot` extends the
    /// tree of its first `oldSize` leaves with root `oldRoot`: no leaf of the older tree changed.
    public static func isConsistent(oldSize: Int64, oldRoot: Data, newSize: Int64, newRoot: Data, proof: [Data]) -> Bool {
        guard oldSize > 0 else { return proof.isEmpty }
        guard oldSize <= newSize else { return false }
        guard oldSize < newSize else { return proof.isEmpty && oldRoot == newRoot }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        guard let first = path.first else { return false }
        var (fn, sn) = (oldSize - 1, newSize - 1)
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var (oldHash, newHash) = (first, first)
        for sibling in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                oldHash = MerkleHash.node(sibling, oldHash)
                newHash = MerkleHash.node(sibling, newHash)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                newHash = MerkleHash.node(newHash, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && oldHash == oldRoot && newHash == newRoot
    }
}

import Crypto
import Foundation

/// An event row as the chain and the Merkle tree hash it: every column but the chain hash, in
/// ``EventRecord/columnNames`` order, each tagged (0 nil, 1 integer, 2 bytes) and integers and
/// lengths as 8 bytes big-endian, so no two rows encode alike (docs/proofs.md, "Leaves").
struct RowEncoding: ColumnSink {
    /// The hash the first event chains to.
    static let genesis = Data(repeating: 0, count: 32)

    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(ItemBuffer.reservedBytes) }

    mutating func add(_ value: Int64?) {
        guard let value else { return addNil() }
        bytes.append(1)
        withUnsafeBytes(of: UInt64(bitPattern: value).bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func add(_ value: String?) {
        guard var value else { return addNil() }
        value.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ value: Data?) {
        guard let value else { return addNil() }
        value.withUnsafeBytes { add($0) }
    }

    private mutating func add(_ value: UnsafeRawBufferPointer) {
        bytes.append(2)
        withUnsafeBytes(of: UInt64(value.count).bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: value)
    }

    private mutating func addNil() { bytes.append(0) }

    /// The chain hash: SHA-256 over the previous event's chain hash and this row.
    func chainHash(after previous: Data) -> Data {
        var hash = SHA256()
        hash.update(data: previous)
        hash.update(data: bytes)
        return Data(hash.finalize())
    }

    /// The row's Merkle leaf hash.
    var leafHash: Data { MerkleHash.leaf(bytes) }
}

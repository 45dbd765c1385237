import Crypto
import Foundation

/// SHA-256 over the previous event's hash and one event's columns, each
/// length-prefixed (and nil distinct from empty) so no two rows hash alike by accident.
struct ChainHasher {
    /// The hash the first event chains to.
    static let genesis = Data(repeating: 0, count: 32)

    /// The tagged, length-prefixed values, hashed in one call at the end: one SHA-256 update
    /// per row instead of three per column.
    private var bytes: [UInt8] = []

    init(previous: Data) {
        bytes.reserveCapacity(ItemBuffer.reservedBytes)
        bytes.append(contentsOf: previous)
    }

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

    func finalize() -> Data { Data(SHA256.hash(data: bytes)) }
}

import Crypto
import Foundation

/// SHA-256 over the previous event's hash and one event's columns, each
/// length-prefixed (and nil distinct from empty) so no two rows hash alike by accident.
struct ChainHasher {
    /// The hash the first event chains to.
    static let genesis = Data(repeating: 0, count: 32)

    private var sha = SHA256()

    init(previous: Data) { sha.update(data: previous) }

    mutating func add(_ value: Int64?) {
        guard let value else { return addNil() }
        var tagged = (tag: UInt8(1), value: UInt64(bitPattern: value).bigEndian)
        withUnsafeBytes(of: &tagged.tag) { sha.update(bufferPointer: $0) }
        withUnsafeBytes(of: &tagged.value) { sha.update(bufferPointer: $0) }
    }

    mutating func add(_ value: String?) {
        guard let value else { return addNil() }
        add(Data(value.utf8))
    }

    mutating func add(_ value: Data?) {
        guard let value else { return addNil() }
        var length = UInt64(value.count).bigEndian
        var tag: UInt8 = 2
        withUnsafeBytes(of: &tag) { sha.update(bufferPointer: $0) }
        withUnsafeBytes(of: &length) { sha.update(bufferPointer: $0) }
        sha.update(data: value)
    }

    private mutating func addNil() {
        var tag: UInt8 = 0
        withUnsafeBytes(of: &tag) { sha.update(bufferPointer: $0) }
    }

    func finalize() -> Data { Data(sha.finalize()) }
}

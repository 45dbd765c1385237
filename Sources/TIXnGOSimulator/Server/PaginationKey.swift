import Foundation
import SharedSupport

/// The opaque cursor: base64url of the next offset and a checksum tied to the feed.
enum PaginationKey {
    /// The key of `offset` in the feed with `fingerprint`.
    static func encode(offset: Int, fingerprint: UInt64) -> String {
        var bytes = [UInt8]()
        append(UInt64(offset), bytes: 8, to: &bytes)
        append(checksum(offset: UInt64(offset), fingerprint: fingerprint), bytes: 4, to: &bytes)
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The offset in `key`, or nil when the key was not issued for this feed.
    static func decode(_ key: String, fingerprint: UInt64) -> Int? {
        guard key.count == 16 else { return nil }
        let base64 = key.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard let data = Data(base64Encoded: base64), data.count == 12 else { return nil }
        let bytes = [UInt8](data)
        let offset = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let check = bytes[8..<12].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard offset <= UInt64(Int.max), check == checksum(offset: offset, fingerprint: fingerprint) else { return nil }
        return Int(offset)
    }

    private static func checksum(offset: UInt64, fingerprint: UInt64) -> UInt64 {
        SplitMix64.mix(fingerprint ^ SplitMix64.mix(offset)) & 0xFFFF_FFFF
    }

    private static func append(_ value: UInt64, bytes count: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}

// A stand-in for swift-crypto's `Crypto` module, for the fuzz build only.
//
// `MappingRuleSet` hashes its canonical text, and a mapping file's bytes, with
// `SHA256.hash(data:)`. The fuzzer compiles the Rules/ sources directly with
// `swiftc -sanitize=fuzzer`, without SwiftPM and BoringSSL, so this module gives
// them a digest of the same shape (32 bytes). Its value is not SHA-256; nothing
// the fuzzer checks depends on it.

/// The digest stand-in: FNV-1a run four times with different seeds, 32 bytes.
public enum SHA256 {
    public static func hash<Bytes: Sequence<UInt8>>(data: Bytes) -> [UInt8] {
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for seed in UInt64(0)..<4 {
            var value: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
            for byte in data {
                value ^= UInt64(byte)
                value &*= 0x0000_0100_0000_01B3
            }
            for shift in stride(from: 0, to: 64, by: 8) { digest.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }
        return digest
    }
}

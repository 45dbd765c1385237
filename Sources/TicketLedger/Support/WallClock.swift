import Foundation

/// Wall-clock time in the ledger's unit.
enum WallClock {
    /// Microseconds since 1970-01-01T00:00:00Z.
    static func nowMicroseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }
}

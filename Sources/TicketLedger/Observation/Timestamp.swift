import Foundation
import SharedSupport

/// An instant as microseconds since 1970-01-01T00:00:00Z, parsed from RFC 3339.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z (UTC); negative before 1970.
    public var microseconds: Int64

    /// The instant `microseconds` after 1970-01-01T00:00:00Z (UTC).
    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// The system's wall-clock time: the default of ``LedgerDatabase``'s `now`.
    public static func now() -> Timestamp {
        Timestamp(microseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// The earliest and latest statusDate the ledger accepts: outside them a date is a defect, not an observation.
    public static let plausibleRange = Timestamp(rfc3339: "2000-01-01T00:00:00Z")!..<Timestamp(rfc3339: "2100-01-01T00:00:00Z")!

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; nil when the text is not RFC 3339.
    public init?(rfc3339 text: String) {
        guard let microseconds = RFC3339.microseconds(text) else { return nil }
        self.microseconds = microseconds
    }

    /// RFC 3339 in UTC, with microseconds only when there are any.
    public var description: String { RFC3339.string(microseconds: microseconds) }
}

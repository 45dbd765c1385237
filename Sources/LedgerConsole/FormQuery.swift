import TicketLedger
import Hummingbird

/// A request's query as an HTML form sends it (`+` is a space, then percent-decoding), read
/// once; empty values count as absent (a form sends its unset fields empty), others are taken
/// as sent. A pair that does not decode, and a bad value, are the user's to fix:
/// ``ConsoleError/badQuery``, never a silently dropped parameter.
struct FormQuery: Sendable {
    private var values: [String: String] = [:]

    init(_ request: Request) throws {
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) throws -> String {
                guard let text = PercentDecoding.decode(part, plusIsSpace: true) else {
                    throw ConsoleError.badQuery("the query holds a value that is not percent-encoded UTF-8")
                }
                return text
            }
            let name = try decoded(parts[0])
            let value = parts.count == 2 ? try decoded(parts[1]) : ""
            if !value.isEmpty, values[name] == nil { values[name] = value }
        }
    }

    subscript(name: String) -> String? { values[name] }

    /// A value of a fixed vocabulary (a status, a family).
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let value = values[name] else { return nil }
        guard let choice = T(rawValue: value) else {
            throw ConsoleError.badQuery("\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }

    /// A whole number within `range`.
    func number(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = values[name] else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw ConsoleError.badQuery("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// `asOf`: an RFC 3339 time with its offset.
    func time(_ name: String) throws -> Timestamp? {
        guard let value = values[name] else { return nil }
        guard let time = Timestamp(rfc3339: value) else {
            throw ConsoleError.badQuery("\(name) must be an RFC 3339 time with its offset, e.g. 2026-06-20T18:00:00Z")
        }
        return time
    }
}

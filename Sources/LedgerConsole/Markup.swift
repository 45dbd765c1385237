/// HTML made by string interpolation in which every interpolated string is escaped and only
/// ``Markup`` goes in as it is: a value from TIXnGO (a ticket id, a name) can only ever become
/// text, never markup (docs/design.md, "The console").
public struct Markup: Sendable, ExpressibleByStringInterpolation {
    public private(set) var html: String

    public init(stringLiteral literal: String) { html = literal }

    public init(stringInterpolation: StringInterpolation) { html = stringInterpolation.html }

    /// Pieces one after the other.
    public init(joining pieces: [Markup]) { html = pieces.map(\.html).joined() }

    public struct StringInterpolation: StringInterpolationProtocol {
        var html = ""

        public init(literalCapacity: Int, interpolationCount: Int) { html.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { html += literal }
        public mutating func appendInterpolation(_ text: String) { html += Markup.escape(text) }
        public mutating func appendInterpolation(_ text: String?, or missing: String = "–") { html += Markup.escape(text ?? missing) }
        public mutating func appendInterpolation(_ number: some BinaryInteger) { html += String(number) }
        public mutating func appendInterpolation(_ markup: Markup) { html += markup.html }
        public mutating func appendInterpolation(_ pieces: [Markup]) { html += pieces.map(\.html).joined() }
    }

    /// Text as HTML text or a double-quoted attribute value. Control characters, which TIXnGO
    /// data may hold and a browser would drop or act on, show as visible symbols (U+2400…, the
    /// bidirectional controls as U+FFFD), so an auditor sees that they are there.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22: out += "&quot;"
            case 0x27: out += "&#39;"
            case 0x0A, 0x09: out.unicodeScalars.append(scalar)
            case 0x00...0x1F: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F: out += "\u{2421}"
            case 0x80...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A link target inside the console: a path and its query, each part percent-encoded.
struct Link: Sendable {
    var path: String
    var query: [(String, String?)] = []

    /// `/tickets/` and the ticket id as one path segment.
    static func ticket(_ ticketId: String, organizer: String? = nil) -> Link {
        Link(path: "/tickets/" + encode(ticketId), query: [("organizer", organizer)])
    }

    var href: String {
        let pairs = query.compactMap { name, value in value.map { "\(name)=\(Self.encode($0))" } }
        return path + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&"))
    }

    /// Percent-encodes all but unreserved characters (RFC 3986 §2.3).
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension Markup.StringInterpolation {
    /// A link's target, escaped for the attribute it goes in.
    mutating func appendInterpolation(_ link: Link) { html += Markup.escape(link.href) }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

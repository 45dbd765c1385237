/// A ticket's holder as S-360 fields, mapped by a rule set.
public enum MappedHolder: Equatable, Sendable {
    /// The S-360 fields, in the rule set's order; absent values omitted.
    case fields([(key: String, value: JSONValue)])
    /// The holder's personal data was erased (`forget`); only ticket-level fields remain.
    case erased(ticketFields: [(key: String, value: JSONValue)])
    /// The holder's personal data is stored, and the ledger was read without the key file
    /// that opens it; only ticket-level fields show.
    case sealed(ticketFields: [(key: String, value: JSONValue)])

    /// What stands for sealed personal data in JSON output.
    public static let sealedMarker = JSONValue.object([(key: "sealed", value: .bool(true))])

    public static func == (lhs: MappedHolder, rhs: MappedHolder) -> Bool { lhs.json == rhs.json }

    /// The holder as a JSON object; an erased holder says so with `"erased": true`, a sealed one with `"sealed": true`.
    public var json: JSONValue {
        switch self {
        case .fields(let fields): .object(fields)
        case .erased(let ticketFields): .object([(key: "erased", value: .bool(true))] + ticketFields)
        case .sealed(let ticketFields): .object([(key: "sealed", value: .bool(true))] + ticketFields)
        }
    }
}

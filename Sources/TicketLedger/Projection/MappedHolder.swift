/// A ticket's holder as S-360 fields, mapped by a rule set.
public enum MappedHolder: Equatable, Sendable {
    /// The S-360 fields, in the rule set's order; absent values omitted.
    case fields([(key: String, value: JSONValue)])
    /// The holder's personal data was erased (`forget`); only ticket-level fields remain.
    case erased(ticketFields: [(key: String, value: JSONValue)])

    public static func == (lhs: MappedHolder, rhs: MappedHolder) -> Bool { lhs.json == rhs.json }

    /// The holder as a JSON object; an erased holder says so with `"erased": true`.
    public var json: JSONValue {
        switch self {
        case .fields(let fields): .object(fields)
        case .erased(let ticketFields): .object([(key: "erased", value: .bool(true))] + ticketFields)
        }
    }
}

/// A JSON value as received: numbers keep their original text and objects keep
/// their members in wire order (duplicates included), so nothing is lost before
/// the observation is judged and stored.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text, never re-formatted.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// An object's members in wire order, duplicate names included.
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The member named `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The string payload, or nil for any other kind.
    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// The value's kind.
    var kind: JSONKind {
        switch self {
        case .null: .null
        case .bool: .bool
        case .number: .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// A short name of the value's kind, for error messages.
    public var kindName: String { kind.name }
}

/// The kinds of JSON value, whatever holds them.
enum JSONKind: Sendable {
    case null, bool, number, string, array, object

    /// A short name of the kind, for error messages.
    var name: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Conveniences for building output documents.
extension JSONValue {
    /// A string, or null for nil.
    public static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// An integer number.
    public static func integer(_ value: Int64) -> JSONValue { .number(String(value)) }

    /// An integer number, or null for nil.
    public static func integer(_ value: Int64?) -> JSONValue { value.map(JSONValue.integer) ?? .null }

    /// The integer a number holds, or nil for any other value (a fraction, an exponent, another kind).
    public var int64Value: Int64? {
        if case let .number(text) = self { return Int64(text) }
        return nil
    }

    /// The object's members, or an empty list for any other kind.
    public var members: [(key: String, value: JSONValue)] {
        if case let .object(members) = self { return members }
        return []
    }
}

/// What ``ObservationDecoder`` reads of an item, whichever way it was read: the parsed
/// tree (``JSONValue``) or the bytes scanned in place (``ScannedItem/Value``). One decoder
/// judges both, so an item is accepted, and a rejection worded, the same either way.
protocol ItemValue {
    var kind: JSONKind { get }
    /// The string payload, or nil for any other kind.
    var stringValue: String? { get }
    /// The member named `key` of an object, or nil.
    subscript(key: String) -> Self? { get }
    /// The first member name an object holds twice, at any depth.
    var firstDuplicateKey: String? { get }
    /// The canonical form of the item (an object).
    var canonicalItem: CanonicalItem { get }
}

extension JSONValue: ItemValue {
    var firstDuplicateKey: String? {
        switch self {
        case .object(let members):
            // A TicketChange object has a dozen members: comparing each name with those before
            // costs less than hashing them all; a set keeps a hostile, huge object linear.
            if members.count > 16 {
                var seen = Set<String>()
                for member in members where !seen.insert(member.key).inserted { return member.key }
            } else {
                for index in members.indices {
                    for earlier in 0..<index where members[earlier].key == members[index].key { return members[index].key }
                }
            }
            for member in members {
                if let nested = member.value.firstDuplicateKey { return nested }
            }
            return nil
        case .array(let elements):
            for element in elements {
                if let nested = element.firstDuplicateKey { return nested }
            }
            return nil
        default:
            return nil
        }
    }

    var canonicalItem: CanonicalItem { CanonicalItem(self) }
}

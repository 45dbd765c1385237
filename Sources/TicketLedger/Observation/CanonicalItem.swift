/// An item's canonical form, written once: the whole item (for the content key),
/// its public part (what the event stores in clear) and each personal member's value
/// (what is sealed), all cut from one serialization.
struct CanonicalItem {
    /// The canonical bytes of the whole item.
    var whole: [UInt8] = []
    /// The canonical text of the item without its personal members.
    var publicBody: String
    /// The canonical bytes of each personal member's value, by name.
    var members: [String: [UInt8]] = [:]

    init(_ item: JSONValue) {
        var publicBytes: [UInt8] = [UInt8(ascii: "{")]
        whole.reserveCapacity(1024)
        whole.append(UInt8(ascii: "{"))
        for (index, member) in JSONValue.sortedMembers(item.members).enumerated() {
            var value: [UInt8] = []
            member.value.writeCanonical(into: &value)
            var pair: [UInt8] = []
            JSONValue.writeString(member.key, into: &pair)
            pair.append(UInt8(ascii: ":"))
            pair += value
            if index > 0 { whole.append(UInt8(ascii: ",")) }
            whole += pair
            if PersonalMembers.all.contains(member.key) {
                members[member.key] = value
            } else {
                if publicBytes.count > 1 { publicBytes.append(UInt8(ascii: ",")) }
                publicBytes += pair
            }
        }
        whole.append(UInt8(ascii: "}"))
        publicBytes.append(UInt8(ascii: "}"))
        publicBody = String(decoding: publicBytes, as: UTF8.self)
    }
}

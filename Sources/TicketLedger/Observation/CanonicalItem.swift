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
        whole.reserveCapacity(ItemBuffer.reservedBytes)
        publicBytes.reserveCapacity(ItemBuffer.reservedBytes / 2)
        whole.append(UInt8(ascii: "{"))
        for (index, member) in JSONValue.sortedMembers(item.members).enumerated() {
            if index > 0 { whole.append(UInt8(ascii: ",")) }
            let pair = whole.count
            JSONValue.writeString(member.key, into: &whole)
            whole.append(UInt8(ascii: ":"))
            let value = whole.count
            member.value.writeCanonical(into: &whole)
            if PersonalMembers.all.contains(member.key) {
                members[member.key] = Array(whole[value...])
            } else {
                if publicBytes.count > 1 { publicBytes.append(UInt8(ascii: ",")) }
                publicBytes += whole[pair...]
            }
        }
        whole.append(UInt8(ascii: "}"))
        publicBytes.append(UInt8(ascii: "}"))
        publicBody = String(decoding: publicBytes, as: UTF8.self)
    }
}

/// An item's canonical form, written once: the whole item (for the content key),
/// its public part (what the event stores in clear) and each personal member's value
/// (what is sealed), all cut from one serialization.
///
/// Both ways of reading an item write it here, member by member in canonical order: the
/// parsed tree (``init(_:)``) and the bytes scanned in place (``ScannedItem``).
struct CanonicalItem {
    /// The canonical bytes of the whole item.
    private(set) var whole: [UInt8] = [UInt8(ascii: "{")]
    /// The canonical text of the item without its personal members (set by ``finish()``).
    private(set) var publicBody = ""
    /// The canonical bytes of each personal member's value, by name.
    private(set) var members: [String: [UInt8]] = [:]
    private var publicBytes: [UInt8] = [UInt8(ascii: "{")]

    /// An object with no member yet.
    init() {
        whole.reserveCapacity(ItemBuffer.reservedBytes)
        publicBytes.reserveCapacity(ItemBuffer.reservedBytes / 2)
    }

    /// The canonical form of `item`, a parsed object.
    init(_ item: JSONValue) {
        self.init()
        for member in JSONValue.sortedMembers(item.members) {
            var name = member.key
            name.withUTF8 { name in add(name) { member.value.writeCanonical(into: &$0) } }
        }
        finish()
    }

    /// Adds the next member in canonical order: its name's UTF-8 bytes, and `writeValue`, which
    /// appends the canonical bytes of its value.
    mutating func add(_ name: UnsafeBufferPointer<UInt8>, writeValue: (inout [UInt8]) -> Void) {
        if whole.count > 1 { whole.append(UInt8(ascii: ",")) }
        let pair = whole.count
        JSONValue.writeString(name, into: &whole)
        whole.append(UInt8(ascii: ":"))
        let value = whole.count
        writeValue(&whole)
        if let personal = PersonalMembers.named(name) {
            members[personal] = Array(whole[value...])
        } else {
            if publicBytes.count > 1 { publicBytes.append(UInt8(ascii: ",")) }
            publicBytes += whole[pair...]
        }
    }

    /// Closes the object.
    mutating func finish() {
        whole.append(UInt8(ascii: "}"))
        publicBytes.append(UInt8(ascii: "}"))
        publicBody = String(decoding: publicBytes, as: UTF8.self)
    }
}

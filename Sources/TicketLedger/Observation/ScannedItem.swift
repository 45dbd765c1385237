/// A plain JSON object read in place from its bytes, without a tree of ``JSONValue``s: each
/// value is a range of the bytes, and the canonical form is written straight from them.
///
/// It reads only what it can read exactly as ``JSONParser`` would, and gives up (nil) on
/// anything else: a string holding an escape, a control byte or invalid UTF-8, a member
/// name that is not ASCII (Swift compares Strings by canonical equivalence, bytes do not),
/// a member name twice in one object, an object of more than ``maximumMembers`` members, nesting
/// deeper than ``maximumDepth``, or any text that is not strict JSON. What it gives up on
/// goes the tree's way, which judges it and words its rejection; so whatever it reads, the
/// tree reads the same value (docs/design.md, "Ingest"). Numbers, literals and white space
/// are read by ``JSONParser``'s own functions.
///
/// It holds on to the bytes it read: a scanned item, and each of its values, is good only
/// while those bytes are.
struct ScannedItem {
    /// Deeper items are left to the tree: a TicketChange is four levels deep.
    static let maximumDepth = 8
    /// Larger objects are left to the tree: duplicate names are looked for by comparing each
    /// with those before, which a hostile object of thousands would make quadratic.
    static let maximumMembers = 32

    /// One value, in document order: an object's or array's values follow it, up to `end`.
    fileprivate struct Node {
        var kind: JSONKind
        /// A member's name (without its quotes); empty for a value in an array or the item itself.
        var name: Range<Int>
        /// A string's text between its quotes, or a number's or literal's text; empty for a container.
        var text: Range<Int>
        /// The index after this value's own values.
        var end: Int
    }

    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    fileprivate private(set) var nodes: [Node] = []

    /// Reads `bytes`, one JSON object with white space around it; nil when it is not a plain one.
    /// The item is good only while `bytes` is.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        nodes.reserveCapacity(32)
        var index = skipWhitespace(from: 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{"), readValue(at: &index, name: 0..<0, depth: 1) else {
            return nil
        }
        guard skipWhitespace(from: index) == bytes.count else { return nil }
    }

    /// The object itself.
    var root: Value { Value(item: self, node: 0) }

    /// A value of the item.
    struct Value: ItemValue {
        fileprivate let item: ScannedItem
        fileprivate let node: Int

        var kind: JSONKind { item.nodes[node].kind }

        var stringValue: String? {
            let node = item.nodes[node]
            guard node.kind == .string else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: item.bytes[node.text]), as: UTF8.self)
        }

        subscript(key: String) -> Value? {
            guard kind == .object else { return nil }
            var key = key
            return key.withUTF8 { key in
                item.firstChild(of: node, before: item.nodes[node].end) { item.name(of: $0).elementsEqual(key) }
                    .map { Value(item: item, node: $0) }
            }
        }

        /// Never: an object with a name twice is not scanned.
        var firstDuplicateKey: String? { nil }

        var canonicalItem: CanonicalItem {
            var canonical = CanonicalItem()
            item.inCanonicalOrder(item.children(of: node)) { member in
                canonical.add(item.name(of: member)) { item.writeCanonical(member, into: &$0) }
            }
            canonical.finish()
            return canonical
        }
    }

    // MARK: Reading

    private func skipWhitespace(from start: Int) -> Int {
        var index = start
        while index < bytes.count, JSONParser.isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    /// Reads the value starting at `index` (not whitespace) and moves `index` past it.
    private mutating func readValue(at index: inout Int, name: Range<Int>, depth: Int) -> Bool {
        guard index < bytes.count else { return false }
        let start = index
        let kind: JSONKind
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return readContainer(at: &index, name: name, depth: depth)
        case UInt8(ascii: "\""):
            guard let text = readString(at: &index) else { return false }
            nodes.append(Node(kind: .string, name: name, text: text, end: nodes.count + 1))
            return true
        case UInt8(ascii: "t"):
            guard JSONParser.readLiteral("true", in: bytes, at: &index) else { return false }
            kind = .bool
        case UInt8(ascii: "f"):
            guard JSONParser.readLiteral("false", in: bytes, at: &index) else { return false }
            kind = .bool
        case UInt8(ascii: "n"):
            guard JSONParser.readLiteral("null", in: bytes, at: &index) else { return false }
            kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard JSONParser.readNumber(in: bytes, at: &index) else { return false }
            kind = .number
        default:
            return false
        }
        nodes.append(Node(kind: kind, name: name, text: start..<index, end: nodes.count + 1))
        return true
    }

    private mutating func readContainer(at index: inout Int, name: Range<Int>, depth: Int) -> Bool {
        guard depth <= Self.maximumDepth else { return false }
        let isObject = bytes[index] == UInt8(ascii: "{")
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let me = nodes.count
        nodes.append(Node(kind: isObject ? .object : .array, name: name, text: 0..<0, end: me + 1))
        index = skipWhitespace(from: index + 1)
        if index < bytes.count, bytes[index] == close {
            index += 1
        } else {
            var members = 0
            while true {
                var memberName = 0..<0
                if isObject {
                    members += 1
                    guard members <= Self.maximumMembers, index < bytes.count, bytes[index] == UInt8(ascii: "\""),
                        let name = readString(at: &index, asciiOnly: true),
                        firstChild(of: me, before: nodes.count, where: { bytes[nodes[$0].name].elementsEqual(bytes[name]) }) == nil
                    else { return false }
                    index = skipWhitespace(from: index)
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                    index = skipWhitespace(from: index + 1)
                    memberName = name
                }
                guard readValue(at: &index, name: memberName, depth: depth + 1) else { return false }
                index = skipWhitespace(from: index)
                guard index < bytes.count else { return false }
                if bytes[index] == close {
                    index += 1
                    break
                }
                guard bytes[index] == UInt8(ascii: ",") else { return false }
                index = skipWhitespace(from: index + 1)
            }
        }
        nodes[me].end = nodes.count
        return true
    }

    /// Reads a string with no escape, no control byte and valid UTF-8 (or ASCII only); returns what is between its quotes.
    private func readString(at index: inout Int, asciiOnly: Bool = false) -> Range<Int>? {
        let start = index + 1
        var ascii = true
        index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = start..<index
                index += 1
                // The parser's own test of UTF-8, so both accept the same strings.
                guard ascii || String(validating: UnsafeBufferPointer(rebasing: bytes[text]), as: UTF8.self) != nil else { return nil }
                return text
            }
            guard byte >= 0x20, byte != UInt8(ascii: "\\"), byte < 0x80 || !asciiOnly else { return nil }
            ascii = ascii && byte < 0x80
            index += 1
        }
        return nil
    }

    /// The first value directly inside `node`, among those before `end`, for which `matches` holds.
    private func firstChild(of node: Int, before end: Int, where matches: (Int) -> Bool) -> Int? {
        var child = node + 1
        while child < end {
            if matches(child) { return child }
            child = nodes[child].end
        }
        return nil
    }

    private func name(of node: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[nodes[node].name]) }

    // MARK: Writing

    /// The values directly inside `node`, in document order.
    private func children(of node: Int) -> [Int] {
        var children: [Int] = []
        var child = node + 1
        while child < nodes[node].end {
            children.append(child)
            child = nodes[child].end
        }
        return children
    }

    /// Calls `body` with the members in canonical order: by name, as UTF-8 bytes.
    private func inCanonicalOrder(_ members: [Int], _ body: (Int) -> Void) {
        members.sorted { name(of: $0).lexicographicallyPrecedes(name(of: $1)) }.forEach(body)
    }

    /// Appends the canonical bytes of `node`: the text of a string or scalar as read (a string
    /// here needs no escape), containers written member by member.
    private func writeCanonical(_ node: Int, into out: inout [UInt8]) {
        let value = nodes[node]
        switch value.kind {
        case .string:
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[value.text]))
            out.append(UInt8(ascii: "\""))
        case .null, .bool, .number:
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[value.text]))
        case .array:
            out.append(UInt8(ascii: "["))
            for (offset, element) in children(of: node).enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                writeCanonical(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object:
            out.append(UInt8(ascii: "{"))
            var first = true
            inCanonicalOrder(children(of: node)) { member in
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeString(name(of: member), into: &out)
                out.append(UInt8(ascii: ":"))
                writeCanonical(member, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

extension ObservationDecoder {
    /// The observation in `bytes`, read in place: nil when the item is not a plain object or
    /// is not an observation, which the parsed tree then judges and words (``decode(_:)``).
    static func observation(scanning bytes: UnsafeBufferPointer<UInt8>) -> Observation? {
        guard let item = ScannedItem(bytes), case .observation(let observation) = decode(item.root) else { return nil }
        return observation
    }
}

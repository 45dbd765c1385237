import Crypto
public import Foundation

/// A signed statement of the ledger's Merkle tree at one size (docs/proofs.md): which
/// ledger, how many events, their root, when — and an Ed25519 signature over exactly
/// ``signedText`` by the key file's signing key.
public struct SignedTreeHead: Sendable, Equatable {
    public var ledgerID: String
    public var treeSize: Int64
    public var rootHash: Data
    public var timestamp: Timestamp
    public var signature: Data
    /// The raw Ed25519 public key the head says it was signed with; trust it only once it is
    /// known to be the ledger's (`digest --public-key`, kept apart).
    public var publicKey: Data

    /// The bytes the signature covers: five lines of UTF-8 text, no trailing newline.
    public static func signedText(ledgerID: String, treeSize: Int64, rootHash: Data, timestamp: Timestamp) -> Data {
        Data("""
            ticket-ledger tree head v1
            ledger \(ledgerID)
            size \(treeSize)
            root \(rootHash.hexText)
            time \(timestamp)
            """.utf8)
    }

    /// A head of the tree signed now by `key`.
    static func signed(ledgerID: String, treeSize: Int64, rootHash: Data, at timestamp: Timestamp, by key: Curve25519.Signing.PrivateKey) throws -> SignedTreeHead {
        let text = signedText(ledgerID: ledgerID, treeSize: treeSize, rootHash: rootHash, timestamp: timestamp)
        return SignedTreeHead(
            ledgerID: ledgerID, treeSize: treeSize, rootHash: rootHash, timestamp: timestamp,
            signature: try key.signature(for: text), publicKey: key.publicKey.rawRepresentation)
    }

    /// Whether the signature is good for `publicKey` (by default the one the head carries).
    public func hasValidSignature(publicKey trusted: Data? = nil) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: trusted ?? publicKey) else { return false }
        return key.isValidSignature(signature, for: Self.signedText(ledgerID: ledgerID, treeSize: treeSize, rootHash: rootHash, timestamp: timestamp))
    }

    /// The head as `digest --json` prints it and a digest log holds it, one per line.
    public var json: JSONValue {
        .object([
            ("ledgerId", .string(ledgerID)), ("treeSize", .integer(treeSize)), ("rootHash", .string(rootHash.hexText)),
            ("timestamp", .string(timestamp.description)), ("signature", .string(signature.base64EncodedString())),
            ("publicKey", .string(publicKey.base64EncodedString())),
        ])
    }

    /// Reads the heads of a digest log (one JSON document per line, blank lines skipped), or of
    /// one head's document; the 1-based numbers of lines that are not heads are `unreadable`.
    public static func heads(inDigestLog text: Data) -> (heads: [SignedTreeHead], unreadable: [Int]) {
        if let one = try? JSONParser.parse(Array(text)), let head = SignedTreeHead(json: one) { return ([head], []) }
        var heads: [SignedTreeHead] = []
        var unreadable: [Int] = []
        for (number, line) in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
            if let json = try? JSONParser.parse(Array(line)), let head = SignedTreeHead(json: json) {
                heads.append(head)
            } else {
                unreadable.append(number + 1)
            }
        }
        return (heads, unreadable)
    }

    /// Reads a head from its JSON form; nil when a member is missing, malformed or not in the
    /// form the ledger writes (lowercase hex, the timestamp as ``Timestamp`` prints it): the
    /// signed text is rebuilt from the values, so only one spelling of each may be accepted.
    public init?(json: JSONValue) {
        guard let ledgerID = json["ledgerId"]?.stringValue, let size = json["treeSize"]?.int64Value,
            let rootText = json["rootHash"]?.stringValue, let root = Data(hexText: rootText), root.count == 32, root.hexText == rootText,
            let timeText = json["timestamp"]?.stringValue, let time = Timestamp(rfc3339: timeText), time.description == timeText,
            let signature = json["signature"]?.stringValue.flatMap({ Data(base64Encoded: $0) }),
            let publicKey = json["publicKey"]?.stringValue.flatMap({ Data(base64Encoded: $0) })
        else { return nil }
        self.init(ledgerID: ledgerID, treeSize: size, rootHash: root, timestamp: time, signature: signature, publicKey: publicKey)
    }

    init(ledgerID: String, treeSize: Int64, rootHash: Data, timestamp: Timestamp, signature: Data, publicKey: Data) {
        self.ledgerID = ledgerID
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.timestamp = timestamp
        self.signature = signature
        self.publicKey = publicKey
    }
}

extension Data {
    /// Lowercase hex.
    public var hexText: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(count * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Bytes from hex text (either case); nil for anything else.
    public init?(hexText text: String) {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}

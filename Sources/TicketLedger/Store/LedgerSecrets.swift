import Crypto
import Foundation

/// Keys derived from the ledger's one secret: the content key of an observation
/// and the digest that finds a person's key by email, both HMAC-SHA256, so
/// neither can be recomputed from the data alone.
struct LedgerSecrets: Sendable {
    /// HMACs keyed once with each derived secret; every use continues a copy, since keying
    /// is most of the cost of so short a message (digests are copied on write).
    private let contentKeyHMAC: HMAC<SHA256>
    private let emailDigestHMAC: HMAC<SHA256>

    /// Bytes of a content key: 128 bits, so a collision (a lost observation) is not a practical concern.
    static let contentKeyLength = 16

    init(secret: Data) {
        let master = SymmetricKey(data: secret)
        func derived(_ name: String) -> HMAC<SHA256> {
            HMAC(key: SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(name.utf8), using: master))))
        }
        contentKeyHMAC = derived("content-key")
        emailDigestHMAC = derived("email-digest")
    }

    /// A new random ledger secret.
    static func newSecret() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    /// The content key of an organizer's item, from its canonical bytes: key order and whitespace do not change it.
    func contentKey(organizer: String, canonicalBytes: [UInt8]) -> Data {
        var hmac = contentKeyHMAC
        hmac.update(data: Data(organizer.utf8))
        hmac.update(data: Data([0]))
        hmac.update(data: canonicalBytes)
        return Data(Data(hmac.finalize()).prefix(Self.contentKeyLength))
    }

    /// Personal data with the digest of the person it names: by email when it has one
    /// (case and surrounding spaces ignored), else by its content (one key per distinct content).
    func unsealed(_ plaintext: [UInt8], email: String?) -> PersonalDataVault.Unsealed {
        PersonalDataVault.Unsealed(plaintext: plaintext, person: email.map(emailDigest) ?? anonymousDigest(plaintext))
    }

    /// ``unsealed(_:email:)`` of a personal member.
    func unsealed(_ member: PersonalMember) -> PersonalDataVault.Unsealed {
        unsealed(member.canonicalBytes, email: member.email)
    }

    /// The digest that identifies a person by email (case and surrounding spaces ignored).
    func emailDigest(_ email: String) -> PersonalDataVault.PersonDigest {
        let normalized = Self.normalized(email: email)
        var hmac = emailDigestHMAC
        hmac.update(data: Data(("email:" + normalized).utf8))
        return PersonalDataVault.PersonDigest(bytes: Data(hmac.finalize()), byEmail: true)
    }

    /// An email without the white space around it, in lower case: what its digest is made of.
    static func normalized(email: String) -> String {
        var email = email
        // The usual address, ASCII with no space or control byte at either end, is lowered byte by byte:
        // through Foundation, trimming alone was 3.5 % of the preparing thread's time.
        let plain = email.withUTF8 { bytes -> String? in
            guard let first = bytes.first, let last = bytes.last, first > 0x20, last > 0x20, bytes.allSatisfy({ $0 < 0x7F }) else {
                return nil
            }
            return String(decoding: bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return plain ?? email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    private func anonymousDigest(_ canonicalBytes: [UInt8]) -> PersonalDataVault.PersonDigest {
        var hmac = emailDigestHMAC
        hmac.update(data: Data("anonymous:".utf8))
        hmac.update(data: canonicalBytes)
        return PersonalDataVault.PersonDigest(bytes: Data(hmac.finalize()), byEmail: false)
    }
}

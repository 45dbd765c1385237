import Crypto
import Foundation

/// Keys derived from the ledger's one secret: the content key of an observation
/// and the digest that finds a person's key by email, both HMAC-SHA256, so
/// neither can be recomputed from the data alone.
struct LedgerSecrets: Sendable {
    private let contentKeySecret: SymmetricKey
    private let emailDigestSecret: SymmetricKey

    /// Bytes of a content key: 128 bits, so a collision (a lost observation) is not a practical concern.
    static let contentKeyLength = 16

    init(secret: Data) {
        let master = SymmetricKey(data: secret)
        contentKeySecret = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data("content-key".utf8), using: master)))
        emailDigestSecret = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data("email-digest".utf8), using: master)))
    }

    /// A new random ledger secret.
    static func newSecret() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    /// The content key of an organizer's item, from its canonical bytes: key order and whitespace do not change it.
    func contentKey(organizer: String, canonicalBytes: [UInt8]) -> Data {
        var hmac = HMAC<SHA256>(key: contentKeySecret)
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
        let normalized = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let digest = HMAC<SHA256>.authenticationCode(for: Data(("email:" + normalized).utf8), using: emailDigestSecret)
        return PersonalDataVault.PersonDigest(bytes: Data(digest), byEmail: true)
    }

    private func anonymousDigest(_ canonicalBytes: [UInt8]) -> PersonalDataVault.PersonDigest {
        let digest = HMAC<SHA256>.authenticationCode(for: Data("anonymous:".utf8) + canonicalBytes, using: emailDigestSecret)
        return PersonalDataVault.PersonDigest(bytes: Data(digest), byEmail: false)
    }
}

import Crypto
import Foundation

/// Wraps the ledger's keys under a key file's key-encryption key: AES-256-GCM with a random
/// nonce, bound by its associated data to what the key is for (the ledger secret, or the
/// person whose email digest the key row carries), so a wrapped key moved to another row
/// does not open.
struct KeyWrapper: Sendable {
    private let key: SymmetricKey

    init(_ keyFile: KeyFile) { key = keyFile.key }

    /// What a wrapped key is for: the associated data of its wrapping.
    enum Purpose {
        case ledgerSecret
        case person(digest: Data)

        var associatedData: Data {
            switch self {
            case .ledgerSecret: Data("ticket-ledger ledger secret".utf8)
            case .person(let digest): Data("ticket-ledger person key ".utf8) + digest
            }
        }
    }

    func wrap(_ plaintext: Data, for purpose: Purpose) throws -> Data {
        guard let combined = try AES.GCM.seal(plaintext, using: key, authenticating: purpose.associatedData).combined else {
            preconditionFailure("AES.GCM's default nonce always has a combined form")
        }
        return combined
    }

    func wrap(_ personKey: SymmetricKey, for purpose: Purpose) throws -> Data {
        try wrap(personKey.withUnsafeBytes { Data($0) }, for: purpose)
    }

    /// The wrapped key, or ``LedgerError/corrupt(_:)`` when it does not open under this key file's key.
    func unwrap(_ wrapped: Data, for purpose: Purpose) throws -> Data {
        do {
            return try AES.GCM.open(AES.GCM.SealedBox(combined: wrapped), using: key, authenticating: purpose.associatedData)
        } catch {
            throw LedgerError.corrupt("a wrapped key does not open under the key file's key: the key row was altered or moved")
        }
    }

    /// The key id of a key-encryption key: the first 8 bytes of a SHA-256 over a label and the key, in hex.
    static func keyID(of key: SymmetricKey) -> String {
        var hash = SHA256()
        hash.update(data: Data("ticket-ledger key id ".utf8))
        key.withUnsafeBytes { hash.update(bufferPointer: $0) }
        return Data(hash.finalize().prefix(8)).hexText
    }
}

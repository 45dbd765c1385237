import Crypto
import Foundation

extension PersonalDataVault {
    /// Personal data sealed before its write transaction (``preseal(_:)``), under the
    /// key its person had then, or under a new key when the person had none.
    struct Presealed: Sendable {
        enum Key: Sendable {
            /// A committed key, valid while no key has been erased since `erasures` was counted.
            case known(id: Int64, erasures: Int64)
            /// A key to create for the person, unless the transaction finds they have one.
            case new(NewPersonKey)
            /// Sealing failed here: the transaction seals it.
            case none
        }

        var unsealed: Unsealed
        var data: Data
        var key: Key
    }

    /// Seals on the preparing core, so the writer only checks the key: under the person's
    /// committed key when it is cached, else under the key pending for them.
    func preseal(_ unsealed: Unsealed) -> Presealed {
        let digest = unsealed.person.bytes
        let key: (sealing: SymmetricKey, kept: Presealed.Key)?
        if let known = cache.withLock({ state in state.keys[digest].map { (person: $0, erasures: state.erasures) } }) {
            key = (known.person.key, .known(id: known.person.id, erasures: known.erasures))
        } else {
            key = (try? pendingKey(for: digest)).map { ($0.key, .new($0)) }
        }
        guard let key, let data = try? Self.seal(unsealed.plaintext, with: key.sealing) else {
            return Presealed(unsealed: unsealed, data: Data(), key: .none)
        }
        return Presealed(unsealed: unsealed, data: data, key: key.kept)
    }

    /// The key pending for a person with no committed key. Made and wrapped outside the lock
    /// (two preparing threads may make one each): the first one pended is everyone's.
    private func pendingKey(for digest: Data) throws -> NewPersonKey {
        if let pended = pending.withLock({ $0[digest] }) { return pended }
        let new = try newKey(for: digest)
        return pending.withLock { pending in
            if let first = pending[digest] { return first }
            pending[digest] = new
            return new
        }
    }
}

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
            case new(SymmetricKey)
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
        let known = cache.withLock { state in state.keys[digest].map { (person: $0, erasures: state.erasures) } }
        let key = known?.person.key ?? pending.withLock { pending in
            if let key = pending[digest] { return key }
            let key = SymmetricKey(size: .bits256)
            pending[digest] = key
            return key
        }
        guard let data = try? Self.seal(unsealed.plaintext, with: key) else {
            return Presealed(unsealed: unsealed, data: Data(), key: .none)
        }
        let sealedWith: Presealed.Key = known.map { .known(id: $0.person.id, erasures: $0.erasures) } ?? .new(key)
        return Presealed(unsealed: unsealed, data: data, key: sealedWith)
    }
}

import Crypto
import Foundation
import Synchronization

/// Person keys unwrapped lately, shared by every lookup of one opened ledger: unwrapping is
/// an AES-GCM open, which was a tenth of a console history request with personal data shown.
/// A key is used only when the wrapped bytes a lookup has just read from its row are the ones
/// it was unwrapped from, so a rotated key (the row rewrapped) is unwrapped anew; a lookup
/// that finds the row gone (`forget`) drops the key from here (``evict(_:)``).
final class PersonKeyCache: Sendable {
    /// Keys kept at most: memory must not grow with the number of people.
    static let kept = 4_096

    private let wrapper: KeyWrapper
    /// By person key id: the wrapped key and email digest it came from, and the key.
    private let unwrapped = Mutex<[Int64: (source: Data, key: SymmetricKey)]>([:])

    init(wrapper: KeyWrapper) { self.wrapper = wrapper }

    /// The person key of row `id`, stored as `wrapped` in the row whose email digest is `digest`.
    func key(id: Int64, wrapped: Data, digest: Data) throws -> SymmetricKey {
        let source = wrapped + digest
        if let known = unwrapped.withLock({ $0[id] }), known.source == source { return known.key }
        let key = SymmetricKey(data: try wrapper.unwrap(wrapped, for: .person(digest: digest)))
        unwrapped.withLock { keys in
            if keys.count >= Self.kept { keys.removeAll(keepingCapacity: true) }
            keys[id] = (source, key)
        }
        return key
    }

    /// Forgets the key of row `id`, whose row a lookup found gone.
    func evict(_ id: Int64) {
        _ = unwrapped.withLock { $0.removeValue(forKey: id) }
    }
}

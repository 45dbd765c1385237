import Crypto
import Foundation
import Synchronization

/// Person keys unwrapped lately, shared by every lookup of one opened ledger: unwrapping is
/// an AES-GCM open, which was a tenth of a console history request with personal data shown.
/// Entries are found by the wrapped bytes a lookup has just read from its key row, so a
/// forgotten person (the row deleted) is never opened from here, and a rotated key (the row
/// rewrapped) is unwrapped anew.
final class PersonKeyCache: Sendable {
    /// Keys kept at most: memory must not grow with the number of people.
    static let kept = 4_096

    private let wrapper: KeyWrapper
    /// By the wrapped key followed by the email digest its wrapping is bound to.
    private let unwrapped = Mutex<[Data: SymmetricKey]>([:])

    init(wrapper: KeyWrapper) { self.wrapper = wrapper }

    /// The person key stored as `wrapped` in the row whose email digest is `digest`.
    func key(wrapped: Data, digest: Data) throws -> SymmetricKey {
        let entry = wrapped + digest
        if let known = unwrapped.withLock({ $0[entry] }) { return known }
        let key = SymmetricKey(data: try wrapper.unwrap(wrapped, for: .person(digest: digest)))
        unwrapped.withLock { keys in
            if keys.count >= Self.kept { keys.removeAll(keepingCapacity: true) }
            keys[entry] = key
        }
        return key
    }
}

import Crypto
import Foundation
import GRDB
import Synchronization

/// Seals personal data under one key per person, so that erasing the key
/// (``LedgerDatabase/forget(email:)``) makes every copy unreadable while the
/// sealed bytes, and the hash chain over them, stay untouched.
///
/// Sealing is deterministic (AES-GCM with a nonce derived from the key and the
/// plaintext): the same details under the same key give the same bytes, so equal
/// holders compare equal without being opened.
final class PersonalDataVault: Sendable {
    /// Wraps the person keys the vault stores and unwraps those it reads.
    private let wrapper: KeyWrapper
    /// The id of the key file's key: a transaction finding another one in the ledger (a
    /// `keys rotate` committed since this vault opened) stores no key wrapped under the old one.
    private let keyID: String
    /// Keys known to be committed, by digest; cleared when another process may have erased one.
    let cache = Mutex<(erasures: Int64, keys: [Data: PersonKey])>((0, [:]))
    /// Keys made while preparing, for persons with no committed key yet, by digest: every batch
    /// prepared before the key's transaction commits seals with the same one. Dropped at publish.
    let pending = Mutex<[Data: NewPersonKey]>([:])

    struct PersonKey: Sendable {
        var id: Int64
        var key: SymmetricKey
    }

    /// A key made for a person with none, wrapped where it was made: the writer only stores it.
    struct NewPersonKey: Sendable {
        var key: SymmetricKey
        var wrapped: Data
    }

    init(wrapper: KeyWrapper, keyID: String) {
        self.wrapper = wrapper
        self.keyID = keyID
    }

    /// Sealed personal data and the key that sealed it.
    struct Sealed: Sendable {
        var keyID: Int64
        var data: Data
    }

    /// The digest that names a person's key (``LedgerSecrets/unsealed(_:email:)``).
    struct PersonDigest: Sendable {
        var bytes: Data
        /// True when it digests an email, false when the content itself (no email to name a person by).
        var byEmail: Bool
    }

    /// Personal data to seal, with the digest of its person: computed before the write transaction.
    struct Unsealed: Sendable {
        var plaintext: [UInt8]
        var person: PersonDigest
    }

    /// A write transaction's view of the vault: keys created in it become shared only once it commits.
    final class Session {
        fileprivate let vault: PersonalDataVault
        fileprivate let db: Database
        /// Keys erased when the transaction began: a presealed key counted before any other erasure is still valid.
        fileprivate let erasures: Int64
        fileprivate var created: [Data: PersonKey] = [:]
        /// The transaction's time: when the keys it creates were created.
        fileprivate let time: Timestamp

        fileprivate init(vault: PersonalDataVault, db: Database, erasures: Int64, time: Timestamp) {
            self.vault = vault
            self.db = db
            self.erasures = erasures
            self.time = time
        }

        /// Seals personal data under the key of its person, creating the key on first use.
        func seal(_ unsealed: Unsealed) throws -> Sealed {
            let person = try key(for: unsealed.person)
            return Sealed(keyID: person.id, data: try PersonalDataVault.seal(unsealed.plaintext, with: person.key))
        }

        /// Keeps presealed data when its key is its person's key in this transaction (creating
        /// the new key it was sealed with when the person has none), and seals it again otherwise.
        func seal(_ presealed: Presealed) throws -> Sealed {
            switch presealed.key {
            case .known(let id, let erasures) where erasures == self.erasures:
                return Sealed(keyID: id, data: presealed.data)
            case .new(let newKey):
                let person = try key(for: presealed.unsealed.person, creating: newKey)
                if person.key == newKey.key { return Sealed(keyID: person.id, data: presealed.data) }
            case .known, .none:
                break
            }
            return try seal(presealed.unsealed)
        }

        /// Makes the keys created in this transaction available to later ones; call after commit.
        func publish() {
            guard !created.isEmpty else { return }
            vault.cache.withLock { $0.keys.merge(created) { old, _ in old } }
            vault.pending.withLock { pending in
                for digest in created.keys { pending[digest] = nil }
            }
        }

        /// The person's key: made in this transaction, cached, stored, or else created (as `newKey` when given).
        private func key(for person: PersonDigest, creating newKey: NewPersonKey? = nil) throws -> PersonKey {
            let digest = person.bytes
            if let known = created[digest] ?? vault.cache.withLock({ $0.keys[digest] }) { return known }
            // Straight to SQLite: a new person costs this lookup and the insert, once per person.
            var lookup = try DirectStatement(
                sql: "SELECT id, wrapped_key FROM person_keys WHERE email_digest = ? AND wrapped_key IS NOT NULL ORDER BY id DESC LIMIT 1",
                db: db)
            lookup.bind(digest)
            let stored = try lookup.fetchOne { row -> (id: Int64, wrapped: Data)? in
                guard let id = row.int64(0), let wrapped = row.data(1) else { return nil }
                return (id, wrapped)
            }.map { PersonKey(id: $0.id, key: SymmetricKey(data: try vault.wrapper.unwrap($0.wrapped, for: .person(digest: digest)))) }
            if let stored {
                created[digest] = stored
                return stored
            }
            let new = try newKey ?? vault.newKey(for: digest)
            var insert = try DirectStatement(
                sql: "INSERT INTO person_keys (email_digest, by_email, wrapped_key, created_at) VALUES (?, ?, ?, ?)", db: db)
            insert.bind(digest)
            insert.bind(person.byEmail)
            insert.bind(new.wrapped)
            insert.bind(time.microseconds)
            try insert.execute()
            let made = PersonKey(id: db.lastInsertedRowID, key: new.key)
            created[digest] = made
            return made
        }
    }

    /// Starts a write transaction's session, first dropping the cache if a key was erased since
    /// it was filled; refused when the ledger's keys were rotated since this vault opened.
    func session(_ db: Database, at time: Timestamp) throws -> Session {
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM person_keys WHERE erased_at IS NOT NULL), (SELECT key_id FROM key_encryption WHERE id = 1)
            """)
        let erasures: Int64 = row?[0] ?? 0
        let storedKeyID: String? = row?[1]
        guard storedKeyID == keyID else { throw LedgerError.keysRotated }
        cache.withLock { state in
            if state.erasures != erasures { state = (erasures, [:]) }
        }
        return Session(vault: self, db: db, erasures: erasures, time: time)
    }

    /// A new key for the person of `digest`, wrapped under the key file's key.
    func newKey(for digest: Data) throws -> NewPersonKey {
        let key = SymmetricKey(size: .bits256)
        return NewPersonKey(key: key, wrapped: try wrapper.wrap(key, for: .person(digest: digest)))
    }

    /// Opens data sealed under `key`.
    static func open(_ data: Data, with key: SymmetricKey) throws -> JSONValue {
        let plaintext = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key)
        return try JSONParser.parse(plaintext)
    }

    static func seal(_ plaintext: [UInt8], with key: SymmetricKey) throws -> Data {
        let nonceBytes = HMAC<SHA256>.authenticationCode(for: plaintext, using: key).prefix(12)
        let sealed = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(data: Data(nonceBytes)))
        guard let combined = sealed.combined else { preconditionFailure("a 12-byte nonce always has a combined form") }
        return combined
    }
}

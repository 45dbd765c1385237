import Foundation
import GRDB
import Logging

/// A ledger's keys once its key file is open: the wrapper of person keys, the ledger secret
/// (content keys and email digests) and the vault that seals personal data. A ledger read
/// without its key file has none, and shows personal data as sealed.
struct LedgerKeys: Sendable {
    let keyFile: KeyFile
    let wrapper: KeyWrapper
    let secrets: LedgerSecrets
    let vault: PersonalDataVault
    let personKeys: PersonKeyCache

    /// The keys of the ledger open in `db`, under `keyFile` (already matched to the ledger):
    /// its stored secret unwrapped, or, for a ledger that has none yet, a new one stored wrapped.
    init(keyFile: KeyFile, db: Database) throws {
        let wrapper = KeyWrapper(keyFile)
        let secret: Data
        if let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped_secret FROM key_encryption WHERE id = 1") {
            secret = try wrapper.unwrap(wrapped, for: .ledgerSecret)
        } else {
            secret = LedgerSecrets.newSecret()
            try db.execute(
                sql: "INSERT INTO key_encryption (id, key_id, wrapped_secret) VALUES (1, ?, ?)",
                arguments: [keyFile.keyID, try wrapper.wrap(secret, for: .ledgerSecret)])
        }
        self.keyFile = keyFile
        self.wrapper = wrapper
        secrets = LedgerSecrets(secret: secret)
        vault = PersonalDataVault(wrapper: wrapper, keyID: keyFile.keyID)
        personKeys = PersonKeyCache(wrapper: wrapper)
    }

    /// The id of the key that wraps the ledger's keys, or nil for a ledger that has not stored one
    /// (a new ledger, or one an older build wrote with its keys in clear).
    static func storedKeyID(_ db: Database) throws -> String? {
        guard try db.tableExists("key_encryption") else { return nil }
        return try String.fetchOne(db, sql: "SELECT key_id FROM key_encryption WHERE id = 1")
    }

    /// The key file that opens a ledger whose keys are wrapped under `keyID`: the one at `path`,
    /// or the `.new` one a `keys rotate` killed between its commit and its rename left beside
    /// it (said in a warning); nil when there is no file at `path` (or, when `deniedMeansNone`,
    /// none this user may read).
    static func keyFile(at path: String, for keyID: String, deniedMeansNone: Bool, logger: Logger) throws -> KeyFile? {
        guard let file = try KeyFile.read(at: path, deniedMeansNone: deniedMeansNone) else { return nil }
        if file.keyID == keyID { return file }
        if let next = try KeyFile.read(at: KeyRotation.nextPath(of: path)), next.keyID == keyID {
            logger.warning("""
                the ledger's keys are wrapped under \(next.path), left by a `keys rotate` that did not finish: \
                using it; run `keys rotate` again to put it in place
                """)
            return next
        }
        throw LedgerError.keyFileMismatch(path: path, fileKeyID: file.keyID, ledgerKeyID: keyID)
    }
}

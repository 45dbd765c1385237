import Foundation
import GRDB

/// What ``LedgerDatabase/rotateKeys(keepingOld:)`` did.
public struct KeyRotationReport: Sendable, Equatable {
    /// The key file now in place.
    public var keyFile: String
    /// The key the ledger's keys were wrapped under before, and the one they are wrapped under now.
    public var previousKeyID: String
    public var keyID: String
    /// Person keys rewrapped (erased ones have nothing to rewrap); the ledger secret is rewrapped too.
    public var personKeys: Int
    /// Where the previous key file was kept, when asked to keep it.
    public var keptOld: String?
    /// True when this call finished a rotation killed after its commit instead of starting one.
    public var finishedInterrupted: Bool

    /// Exactly the fields of `keys rotate --json` (docs/cli.md).
    public var json: JSONValue {
        .object([
            ("keyFile", .string(keyFile)), ("previousKeyId", .string(previousKeyID)), ("keyId", .string(keyID)),
            ("personKeys", .integer(Int64(personKeys))), ("keptOld", keptOld.map(JSONValue.string) ?? .null),
            ("finishedInterrupted", .bool(finishedInterrupted)),
        ])
    }
}

/// Where a rotation keeps its files beside the key file.
enum KeyRotation {
    /// The next key file, written before the ledger is rewrapped under it and renamed into place after.
    static func nextPath(of keyFile: String) -> String { keyFile + ".new" }
    /// The previous key file, kept only when asked.
    static func oldPath(of keyFile: String) -> String { keyFile + ".old" }
}

extension LedgerDatabase {
    /// Rewraps the ledger secret and every person key under a new key-encryption key, in one
    /// transaction, and replaces the key file: the new one is written and synced beside it
    /// (`.new`) first, renamed over it after the commit, and the previous one is kept as `.old`
    /// only when `keepingOld`. Killed at any instant, the ledger opens with one of the two files
    /// (the `.new` one, with a warning, when the kill fell between the commit and the rename;
    /// calling this again finishes that rotation). Open the ledger again to write after it:
    /// this instance's keys are the old ones.
    public func rotateKeys(keepingOld: Bool = false) async throws -> KeyRotationReport {
        let lock = try LedgerLock.keys(ledgerPath: path)
        defer { withExtendedLifetime(lock) {} }
        let current = try unlockedKeys().keyFile
        if current.path != keyFilePath {
            let kept = try replaceKeyFile(with: current.path, keepingOld: keepingOld)
            return KeyRotationReport(
                keyFile: keyFilePath, previousKeyID: current.keyID, keyID: current.keyID, personKeys: 0, keptOld: kept,
                finishedInterrupted: true)
        }
        // An instance opened before another rotation committed must not touch `.new`: it may be
        // the only copy of the key that rotation wrapped everything under.
        guard try await read({ db in try LedgerKeys.storedKeyID(db) }) == current.keyID else { throw LedgerError.keysRotated }
        let next = KeyFile.generated(path: KeyRotation.nextPath(of: keyFilePath), signingKey: current.signingKey)
        try next.writeNew()
        KillPoint.keysNextWritten.reached()
        let (old, new) = (KeyWrapper(current), KeyWrapper(next))
        // Durable before the rename: a commit lost to a power cut after it would leave the ledger
        // wrapped under the old key, and only the new key file.
        let personKeys = try await durableWrite { db in
            guard try LedgerKeys.storedKeyID(db) == current.keyID else { throw LedgerError.keysRotated }
            let secret = try Data.fetchOne(db, sql: "SELECT wrapped_secret FROM key_encryption WHERE id = 1") ?? Data()
            try db.execute(
                sql: "UPDATE key_encryption SET key_id = ?, wrapped_secret = ? WHERE id = 1",
                arguments: [next.keyID, try new.wrap(try old.unwrap(secret, for: .ledgerSecret), for: .ledgerSecret)])
            let rows = try Row.fetchCursor(db, sql: "SELECT id, email_digest, wrapped_key FROM person_keys WHERE wrapped_key IS NOT NULL")
            let update = try db.makeStatement(sql: "UPDATE person_keys SET wrapped_key = ? WHERE id = ?")
            var count = 0
            while let row = try rows.next() {
                let (id, digest, wrapped): (Int64, Data, Data) = (row[0], row[1], row[2])
                let purpose = KeyWrapper.Purpose.person(digest: digest)
                try update.execute(arguments: [try new.wrap(try old.unwrap(wrapped, for: purpose), for: purpose), id])
                count += 1
            }
            KillPoint.keysBeforeCommit.reached()
            return count
        }
        KillPoint.keysAfterCommit.reached()
        let kept = try replaceKeyFile(with: next.path, keepingOld: keepingOld)
        try checkpoint()
        return KeyRotationReport(
            keyFile: keyFilePath, previousKeyID: current.keyID, keyID: next.keyID, personKeys: personKeys, keptOld: kept,
            finishedInterrupted: false)
    }

    /// Puts the key file at `next` in place of the ledger's key file, keeping the previous one as
    /// `.old` when asked (returns that path); each step is one atomic rename or link.
    private func replaceKeyFile(with next: String, keepingOld: Bool) throws -> String? {
        var kept: String?
        if keepingOld {
            let old = KeyRotation.oldPath(of: keyFilePath)
            let staging = old + ".tmp"
            unlink(staging)
            guard link(keyFilePath, staging) == 0, rename(staging, old) == 0 else {
                throw LedgerError.keyFileUnreadable(path: old, reason: String(cString: strerror(errno)))
            }
            kept = old
        }
        guard rename(next, keyFilePath) == 0 else {
            throw LedgerError.keyFileUnreadable(path: keyFilePath, reason: String(cString: strerror(errno)))
        }
        try KeyFile.syncDirectory(of: keyFilePath)
        return kept
    }
}

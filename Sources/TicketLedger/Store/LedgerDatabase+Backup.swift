import Foundation
import GRDB

/// What ``LedgerDatabase/backup(to:withKeyFile:)`` wrote.
public struct BackupReport: Sendable, Equatable {
    /// The copy.
    public var path: String
    /// Events in the copy, every one verified along the chain.
    public var events: Int
    /// Size of the copy in bytes.
    public var bytes: Int64
    /// Where the key file was copied, when asked to.
    public var keyFile: String?

    /// Exactly the fields of `backup --json` (docs/cli.md).
    public var json: JSONValue {
        .object([
            ("path", .string(path)), ("events", .integer(Int64(events))), ("bytes", .integer(bytes)),
            ("keyFile", keyFile.map(JSONValue.string) ?? .null),
        ])
    }
}

/// Why a backup was not written.
public enum BackupRefusal: Error, CustomStringConvertible, Equatable {
    /// Something is at the destination already: a backup never replaces a file.
    case destinationExists(String)
    /// The copy did not verify (the reason); nothing was left at the destination.
    case copyDoesNotVerify(String)

    public var description: String {
        switch self {
        case let .destinationExists(path): "\(path) exists already: a backup never replaces a file; name a new one"
        case let .copyDoesNotVerify(reason): "the copy did not verify (\(reason)): nothing was written; run verify on the ledger"
        }
    }
}

extension LedgerDatabase {
    /// Copies the ledger to `destination` through SQLite's online backup, in one read snapshot:
    /// consistent while another process writes, and without making it wait. The copy is written
    /// under a temporary name (0600), verified along the chain, then renamed into place; the key
    /// file is copied beside it (`<destination>.key`) only when `withKeyFile`, since a backup is
    /// safest kept apart from its key (docs/operations.md, "Backups").
    public func backup(to destination: String, withKeyFile: Bool = false) async throws -> BackupReport {
        let keyFile = withKeyFile ? try unlockedKeys().keyFile : nil
        let keyCopy = KeyFile.defaultPath(forLedgerAt: destination)
        for path in [destination] + (withKeyFile ? [keyCopy] : []) where FileManager.default.fileExists(atPath: path) {
            throw BackupRefusal.destinationExists(path)
        }
        let temporary = "\(destination).\(getpid()).backup"
        let events: Int
        do {
            try Self.createOwnerOnly(temporary)
            events = try await copyVerified(to: temporary)
            try Self.syncFile(temporary)
            // A link, not a rename: a file that appeared at the destination meanwhile is kept.
            guard link(temporary, destination) == 0 else {
                if errno == EEXIST { throw BackupRefusal.destinationExists(destination) }
                throw LedgerError.cannotOpen(path: destination, reason: String(cString: strerror(errno)))
            }
            unlink(temporary)
            try KeyFile.syncDirectory(of: destination)
        } catch {
            for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }
            throw error
        }
        if let keyFile { try KeyFile(path: keyCopy, key: keyFile.key, signingKey: keyFile.signingKey).writeNew() }
        let bytes = (try FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int64) ?? 0
        return BackupReport(path: destination, events: events, bytes: bytes, keyFile: withKeyFile ? keyCopy : nil)
    }

    /// Backs the ledger up into `path` and verifies the copy; the number of events copied.
    private func copyVerified(to path: String) async throws -> Int {
        do {
            let copy = try DatabaseQueue(path: path)
            try pool.backup(to: copy)
            // A rollback journal, not a WAL, until a writer opens the copy: a file at rest that
            // readers open without making -wal and -shm files beside it.
            try copy.inDatabase { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch {
            throw Self.translate(error, path: path)
        }
        let report = try await LedgerDatabase(readingAt: path, logger: logger).verify()
        guard report.intact else { throw BackupRefusal.copyDoesNotVerify(report.problem ?? "not intact") }
        return report.events
    }

    private static func syncFile(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LedgerError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw LedgerError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    }
}

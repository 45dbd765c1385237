import Foundation
import Crypto

/// One ingest run per organizer at a time (docs/domain.md §2), one replay and one key rotation at a time, across processes.
///
/// A lock is an advisory `flock` on a small file beside the ledger (one per
/// organizer, one for replay) holding who took it. The kernel releases it when its
/// process dies, however it dies, so a killed run never leaves a lock to clean up by hand.
final class LedgerLock: Sendable {
    private let descriptor: Int32
    /// Takes the ingest lock of `organizer` for the ledger at `ledgerPath`, or throws ``RunInProgress`` at once.
    static func ingest(ledgerPath: String, organizer: String) throws -> LedgerLock {
        try LedgerLock(path: ingestPath(ledgerPath: ledgerPath, organizer: organizer), activity: "ingest of organizer \(organizer)")
    }

    /// The lock file of `organizer`'s ingest runs: named by a digest, so any organizer name makes a safe file name.
    private static func ingestPath(ledgerPath: String, organizer: String) -> String {
        "\(ledgerPath).ingest-\(Data(SHA256.hash(data: Data(organizer.utf8)).prefix(8)).hexText).lock"
    }

    /// Takes the replay lock of the ledger at `ledgerPath`, or throws ``RunInProgress`` at once.
    static func replay(ledgerPath: String) throws -> LedgerLock {
        try LedgerLock(path: "\(ledgerPath).replay.lock", activity: "replay of this ledger")
    }

    /// Takes the key-rotation lock of the ledger at `ledgerPath`, or throws ``RunInProgress`` at once.
    static func keys(ledgerPath: String) throws -> LedgerLock {
        try LedgerLock(path: "\(ledgerPath).keys.lock", activity: "key rotation of this ledger")
    }

    /// Whether some process holds the ingest lock of `organizer` now. Creates nothing: a reader may
    /// call it on a ledger it must not change (no lock file: nobody ever held it).
    static func isIngestHeld(ledgerPath: String, organizer: String) -> Bool {
        let descriptor = open(ingestPath(ledgerPath: ledgerPath, organizer: organizer), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return true }
        flock(descriptor, LOCK_UN)
        return false
    }

    private init(path: String, activity: String) throws {
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LedgerError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        // A reader's probe (isIngestHeld) holds a shared lock for an instant: a few short retries let a
        // run that meets it through, while a run held by another process is refused within 50 ms.
        var locked = flock(descriptor, LOCK_EX | LOCK_NB) == 0
        for _ in 0..<10 where !locked && errno == EWOULDBLOCK {
            usleep(5_000)
            locked = flock(descriptor, LOCK_EX | LOCK_NB) == 0
        }
        guard locked else {
            let holder = try? JSONDecoder().decode(RunInProgress.Holder.self, from: FileHandle(fileDescriptor: descriptor).readDataToEndOfFile())
            close(descriptor)
            throw RunInProgress(activity: activity, holder: holder)
        }
        self.descriptor = descriptor
        let holder = RunInProgress.Holder(pid: getpid(), host: ProcessInfo.processInfo.hostName, since: Timestamp.now().description)
        let data = (try? JSONEncoder().encode(holder)) ?? Data()
        ftruncate(descriptor, 0)
        _ = data.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

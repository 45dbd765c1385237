import Foundation
import Crypto

/// Another run holds the lock an operation needs: an ingest of the same organizer, or a replay.
public struct RunInProgress: Error, CustomStringConvertible {
    /// Who holds a lock, as written in its file.
    public struct Holder: Codable, Sendable, Equatable, CustomStringConvertible {
        /// The holding process's id.
        public var pid: Int32
        /// The host name of the machine the holding process runs on.
        public var host: String
        /// When the holder took the lock: RFC 3339 in UTC, as ``Timestamp`` prints it.
        public var since: String
        public var description: String { "pid \(pid) on \(host) since \(since)" }
    }

    /// What the holder is doing, e.g. "ingest of organizer FIFA".
    public var activity: String
    /// Who holds the lock; nil when its file could not be read (for example, not yet written by the holder).
    public var holder: Holder?

    /// The error for a lock taken for `activity` by `holder` (nil when unknown).
    public init(activity: String, holder: Holder?) {
        self.activity = activity
        self.holder = holder
    }
    public var description: String {
        "another \(activity) is running (\(holder?.description ?? "holder unknown")); wait for it to finish"
    }
}

/// One ingest run per organizer at a time (docs/domain.md §2), one replay at a time, across processes.
///
/// A lock is an advisory `flock` on a small file beside the ledger (one per
/// organizer, one for replay) holding who took it. The kernel releases it when its
/// process dies, however it dies, so a killed run never leaves a lock to clean up by hand.
final class LedgerLock: Sendable {
    private let descriptor: Int32
    let path: String

    /// Takes the ingest lock of `organizer` for the ledger at `ledgerPath`, or throws ``RunInProgress`` at once.
    static func ingest(ledgerPath: String, organizer: String) throws -> LedgerLock {
        let digest = SHA256.hash(data: Data(organizer.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        return try LedgerLock(path: "\(ledgerPath).ingest-\(digest).lock", activity: "ingest of organizer \(organizer)")
    }

    /// Takes the replay lock of the ledger at `ledgerPath`, or throws ``RunInProgress`` at once.
    static func replay(ledgerPath: String) throws -> LedgerLock {
        try LedgerLock(path: "\(ledgerPath).replay.lock", activity: "replay of this ledger")
    }

    private init(path: String, activity: String) throws {
        self.path = path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LedgerError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
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

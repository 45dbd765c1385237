import Foundation
import TicketLedger

/// The files a first ingest creates, so that one which fails (TIXnGO refuses the key, the
/// network is down) leaves nothing behind and the corrected command starts afresh
/// (docs/cli.md, "Nothing created by mistake").
struct NewLedgerFiles {
    private let ledger: String
    /// The key file, when this run is to create it.
    private let keyFile: String?

    /// The files of a ledger not yet created at the options' path; nil when one is there.
    init?(_ options: LedgerOptions) {
        guard !FileManager.default.fileExists(atPath: options.path) else { return nil }
        ledger = options.path
        let keyFile = options.keyFilePath ?? options.path + ".key"
        self.keyFile = FileManager.default.fileExists(atPath: keyFile) ? nil : keyFile
    }

    /// Removes the ledger, its WAL, its lock files and the key file made for it, when it holds
    /// no event and no pagination key of `organizer`, and no other run holds one of its locks:
    /// another process that created the same ledger meanwhile keeps its files.
    func removeIfEmpty(organizer: String) async {
        guard FileManager.default.fileExists(atPath: ledger), await isEmpty(organizer: organizer) else { return }
        let files = Self.files(of: ledger)
        // Every lock taken while the files go, so a run that starts meanwhile finds them gone or waits.
        var held: [Int32] = []
        defer { held.forEach { close($0) } }
        for lock in files where lock.hasSuffix(".lock") {
            let descriptor = open(lock, O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            held.append(descriptor)
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return }
        }
        for path in files + (keyFile.map { [$0] } ?? []) { unlink(path) }
    }

    /// The ledger file and what SQLite and the locks make beside it: its WAL, shared memory and
    /// lock files (not its key file, which may be kept apart and outlive it).
    static func files(of ledger: String) -> [String] {
        let directory = (ledger as NSString).deletingLastPathComponent
        let name = (ledger as NSString).lastPathComponent
        let locks = ((try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? [])
            .filter { $0.hasPrefix(name + ".") && $0.hasSuffix(".lock") }
            .map { (directory as NSString).appendingPathComponent($0) }
        return [ledger, ledger + "-wal", ledger + "-shm"] + locks
    }

    private func isEmpty(organizer: String) async -> Bool {
        guard let written = try? LedgerDatabase(readingAt: ledger) else { return false }
        let events = try? await written.summary().events
        let cursor = try? await written.paginationKey(organizer: organizer)
        return events == 0 && cursor == nil
    }
}

import Foundation
import Synchronization

/// Named places where a crash-safety test stops the process with SIGKILL, so that each test
/// kills exactly where it means to, every run. Armed only in debug builds, by the
/// environment variable `TICKET_LEDGER_KILL_AT=NAME` or `NAME:N` (the Nth time the point is
/// reached; default the first). Compiled in for debug builds and for the suite's optimized
/// build (`-DKILL_POINTS`, Scripts/test.sh); in a release build `reached()` is empty
/// (docs/testing.md).
package enum KillPoint: String, CaseIterable {
    /// Inside an ingest transaction: events, projection rows and cursor written, not committed.
    case pageBeforeCommit = "page-before-commit"
    /// An ingest transaction just committed; nothing after it has been written.
    case pageAfterCommit = "page-after-commit"
    /// Inside the replay's swap transaction: the old projection retired, the new one not yet live.
    case replaySwap = "replay-swap"
    /// A key rotation wrote its next key file; the ledger is not yet rewrapped.
    case keysNextWritten = "keys-next-written"
    /// Inside the rotation's transaction: every key rewrapped, not committed.
    case keysBeforeCommit = "keys-before-commit"
    /// The rotation committed; the next key file is not yet renamed into place.
    case keysAfterCommit = "keys-after-commit"

    /// Inside a publish transaction: a batch copied into PostgreSQL, its cursor moved, not committed.
    case publishBeforeCommit = "publish-before-commit"
    /// A publish transaction just committed; the next batch is not yet read.
    case publishAfterCommit = "publish-after-commit"
    /// Publishing a new projection generation: a page of it copied and committed, the swap not yet made.
    case publishGenerationPage = "publish-generation-page"

    /// Dies here when this point is armed and this is the armed arrival.
    package func reached() {
        #if DEBUG || KILL_POINTS
        guard let armed = Self.armed, armed.point == self else { return }
        let arrival = Self.arrivals.withLock { count in
            count += 1
            return count
        }
        if arrival == armed.arrival { kill(getpid(), SIGKILL) }
        #endif
    }

    #if DEBUG || KILL_POINTS
    private static let armed: (point: KillPoint, arrival: Int)? = {
        guard let setting = ProcessInfo.processInfo.environment["TICKET_LEDGER_KILL_AT"] else { return nil }
        let parts = setting.split(separator: ":", maxSplits: 1)
        guard let name = parts.first, let point = KillPoint(rawValue: String(name)) else { return nil }
        return (point, parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }()
    private static let arrivals = Mutex(0)
    #endif
}

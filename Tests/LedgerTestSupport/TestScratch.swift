public import Foundation

/// The one folder every file a test process writes lives in: `ticket-ledger-tests-<pid>` under
/// the system's temporary folder, removed when the process exits. A directory per test cannot
/// clean up after itself (Swift may end a value's life at its last use, while a test still
/// works with a path taken from it), and a suite run writes hundreds of them.
public enum TestScratch {
    public static let folder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ticket-ledger-tests-\(getpid())")
        // A folder by this name is a dead process's: pids are reused.
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestScratch.folder) }
        return folder
    }()

    /// A new, unused path in the folder whose name begins with `prefix` and ends with `suffix`.
    public static func file(_ prefix: String, suffix: String = "") -> URL {
        folder.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
    }
}

public import Foundation

/// The one folder every file a test process writes lives in: `ticket-ledger-tests-<pid>` under
/// the system's temporary folder, removed when the process exits. A directory per test cannot
/// clean up after itself (Swift may end a value's life at its last use, while a test still
/// works with a path taken from it), and a suite run writes hundreds of them.
public enum TestScratch {
    private static let prefix = "ticket-ledger-tests-"

    public static let folder: URL = {
        let temporary = FileManager.default.temporaryDirectory
        // Folders of runs that died before their exit handler (a crash, a kill, a CI timeout).
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] {
            guard name.hasPrefix(prefix), let pid = pid_t(name.dropFirst(prefix.count)) else { continue }
            if pid == getpid() || (kill(pid, 0) == -1 && errno == ESRCH) {
                try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
            }
        }
        let folder = temporary.appendingPathComponent("\(prefix)\(getpid())")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            preconditionFailure("cannot make the tests' scratch folder \(folder.path): \(error)")
        }
        atexit { try? FileManager.default.removeItem(at: TestScratch.folder) }
        return folder
    }()

    /// A new, unused path in the folder whose name begins with `prefix` and ends with `suffix`.
    public static func file(_ prefix: String, suffix: String = "") -> URL {
        folder.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
    }
}

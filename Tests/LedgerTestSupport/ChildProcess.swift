import Foundation
import Synchronization

/// A built executable of this package run as a child process, as an operator would run it.
///
/// Started with `posix_spawn` directly: Foundation's `Process.run` crashed in CI (a bad read in
/// its memmove, 2026-11-30) while the suite started children from many tasks.
public final class ChildProcess: Sendable {
    /// What a finished child left behind.
    public struct Result: Sendable {
        /// The exit status, or the number of the signal that ended the child.
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    private let pid: pid_t
    private let stdoutFile: URL
    private let stderrFile: URL
    /// The child's wait status once reaped.
    private let ended = Mutex<Int32?>(nil)

    /// Starts `executable` (a product name, e.g. "ticket-ledger") with `arguments` and extra `environment`.
    public convenience init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        try self.init(program: LedgerFixtures.executable(executable), arguments, environment: environment)
    }

    /// Starts the program at the path `program` with `arguments` and extra `environment`.
    public init(program: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        stdoutFile = TestScratch.file("child", suffix: ".out")
        stderrFile = TestScratch.file("child", suffix: ".err")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Only stdin, stdout and stderr reach the child: a descriptor another test holds open
        // (a binary being copied) must not stay open in it, where exec of that file would fail
        // with "text file busy".
        guard addCloseFrom(&actions, 3) == 0 else { throw CocoaError(.fileReadUnknown) }
        let variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.map { "\($0.key)=\($0.value)" }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard result == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot start \(program): \(String(cString: strerror(result)))"])
        }
        self.pid = pid
    }

    /// Runs to completion.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        let child = try ChildProcess(executable, arguments, environment: environment)
        return await child.wait()
    }

    /// Runs the program at the path `program` to completion.
    public static func run(program: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        let child = try ChildProcess(program: program, arguments, environment: environment)
        return await child.wait()
    }

    /// Sends SIGKILL: the child gets no chance to clean up.
    public func kill() { Foundation.kill(pid, SIGKILL) }

    /// Sends SIGTERM: a graceful stop.
    public func terminate() { Foundation.kill(pid, SIGTERM) }

    /// Whether the child still runs (it is reaped, without blocking, once it has ended).
    public var isRunning: Bool { waitStatus() == nil }

    /// The child's wait status once it has ended, reaping it the first time; nil while it runs.
    private func waitStatus() -> Int32? {
        ended.withLock { ended in
            if let ended { return ended }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            ended = status
            return status
        }
    }

    /// The child's resident memory in KiB (VmRSS), or nil once it has ended.
    public var residentKilobytes: Int? {
        guard isRunning, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    /// Waits for the child to end (polling, so no thread blocks).
    public func wait() async -> Result {
        var status = waitStatus()
        while status == nil {
            try? await Task.sleep(for: .milliseconds(20))
            status = waitStatus()
        }
        // The exit status, or the signal that ended it (as Foundation's Process reports it).
        let code = status ?? 0
        let signal = code & 0x7f
        return Result(
            status: signal == 0 ? (code >> 8) & 0xff : signal,
            stdout: (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module does not export.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32

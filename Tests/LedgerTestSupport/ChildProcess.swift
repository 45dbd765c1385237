import Foundation
import Synchronization

/// A built executable of this package run as a child process, as an operator would run it.
public final class ChildProcess: Sendable {
    /// What a finished child left behind.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    private let process: Process
    private let stdoutFile: URL
    private let stderrFile: URL

    /// Starts `executable` (a product name, e.g. "ticket-ledger") with `arguments` and extra `environment`.
    public convenience init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        try self.init(program: LedgerFixtures.executable(executable), arguments, environment: environment)
    }

    /// Starts the program at the path `program` with `arguments` and extra `environment`.
    public init(program: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let folder = FileManager.default.temporaryDirectory
        stdoutFile = folder.appendingPathComponent("child-\(UUID().uuidString).out")
        stderrFile = folder.appendingPathComponent("child-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        // One spawn at a time: Foundation's Process.run crashed (a bad read in its memmove) when
        // tests in parallel started children at the same instant (CI, 2026-11-30).
        try Self.spawning.withLock { _ in try process.run() }
    }

    private static let spawning = Mutex(())

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
    public func kill() { Foundation.kill(process.processIdentifier, SIGKILL) }

    /// Sends SIGTERM: a graceful stop.
    public func terminate() { Foundation.kill(process.processIdentifier, SIGTERM) }

    /// Whether the child still runs.
    public var isRunning: Bool { process.isRunning }

    /// The child's resident memory in KiB (VmRSS), or nil once it has ended.
    public var residentKilobytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    /// Waits for the child to end (polling, so no thread blocks).
    public func wait() async -> Result {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")
    }
}

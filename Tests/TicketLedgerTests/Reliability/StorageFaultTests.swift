import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

@Suite("Storage faults: a full disk, a read-only file system, a corrupted file", .serialized)
struct StorageFaultTests {
    static func lines(_ count: Int, prefix: String) -> [String] {
        (0..<count).map { i in
            Items.lifecycle("\(prefix)\(i)", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: Items.spectator("P\(i)", "Q\(i)"))
        }
    }

    /// A ledger holding a first file, reopened with a page ceiling just above its size.
    func nearlyFullLedger() async throws -> (TemporaryLedger, LedgerDatabase) {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines(200, prefix: "A"))
        let pages = try await DatabaseQueue(path: ledger.path).read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") } ?? 0
        return (ledger, try LedgerDatabase(path: ledger.path, logger: .test, pageLimit: pages + 2))
    }

    @Test func aFullDiskDuringIngestIsAClearErrorAndChangesNothing() async throws {
        let (ledger, full) = try await nearlyFullLedger()
        let before = try await full.tickets()
        let path = try ledger.directory.write("more.jsonl", Self.lines(2000, prefix: "B").joined(separator: "\n"))
        await #expect(throws: LedgerError.diskFull(path: ledger.path)) {
            try await ItemFileIngest(ledger: full, organizer: "ORG", logger: .test).run(try ItemFile(path: path))
        }
        #expect(try await full.tickets() == before)
        #expect(try await full.summary().events == 200)
        #expect(try await full.verify().intact)
        let roomy = try LedgerDatabase(path: ledger.path, logger: .test)
        let summary = try await ItemFileIngest(ledger: roomy, organizer: "ORG", logger: .test).run(try ItemFile(path: path))
        #expect(summary.appended == 2000)
        #expect(try await roomy.verify().intact)
    }

    @Test func aFullDiskDuringReplayKeepsTheLiveProjection() async throws {
        let (ledger, full) = try await nearlyFullLedger()
        let before = try await full.tickets()
        await #expect(throws: LedgerError.diskFull(path: ledger.path)) {
            try await full.replay(RuleChoice(mapping: "2022-10-07"), dryRun: false)
        }
        #expect(try await full.tickets() == before)
        #expect(try await full.liveProjection().rules.version == "2023-02-07")
        let roomy = try LedgerDatabase(path: ledger.path, logger: .test)
        let report = try await roomy.replay(RuleChoice(mapping: "2022-10-07"), dryRun: false)
        #expect(report.tickets == 200)
    }

    @Test func aFileThatIsNotALedgerIsRefusedClearly() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("garbage.sqlite", String(repeating: "not a database at all ", count: 500))
        #expect {
            try LedgerDatabase(path: path, logger: .test)
        } throws: { error in
            guard case .notALedger(let named, _)? = error as? LedgerError else { return false }
            return named == path && String(describing: error).contains("is not a usable ledger database")
        }
    }

    @Test func aDamagedPageIsFoundByVerify() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines(300, prefix: "C"))
        let path = ledger.path
        try await DatabaseQueue(path: path).writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.close()
        let reopened: LedgerDatabase
        do {
            reopened = try LedgerDatabase(path: path, logger: .test)
        } catch let error as LedgerError {
            guard case .notALedger = error else { throw error }
            return
        }
        do {
            let report = try await reopened.verify()
            #expect(!report.intact)
            #expect(report.problem != nil)
        } catch let error as LedgerError {
            guard case .notALedger = error else { throw error }
        }
    }

    @Test func aReadOnlyFileSystemIsAClearErrorNotACrash() async throws {
        let mountPoint = try TemporaryDirectory()
        try Shell.run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint.url.path)
        defer { _ = try? Shell.run("umount", mountPoint.url.path) }
        let path = mountPoint.path("ledger.sqlite")
        _ = try LedgerDatabase(path: path, logger: .test)
        try Shell.run("mount", "-o", "remount,ro", mountPoint.url.path)
        await #expect {
            let database = try LedgerDatabase(path: path, logger: .test)
            _ = try await database.summary()
        } throws: { error in
            let text = String(describing: error)
            return error is LedgerError && text.contains(path)
        }
    }
}

/// Runs a system command, failing with its output when it fails.
enum Shell {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ command: String, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failed(description: "\(command) \(arguments.joined(separator: " ")) failed: \(message)")
        }
    }
}

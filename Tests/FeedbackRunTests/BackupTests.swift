import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// docs/operations.md, "Backups": `backup` copies a ledger another process is writing, in one
/// snapshot, verified, readable by its owner only, and never replaces a file.
@Suite("Backup")
struct BackupTests {
    static func cli(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run("ticket-ledger", arguments, environment: ["LOG_LEVEL": "error"])
    }

    static func events(_ db: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: db, configuration: configuration).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0 }
    }

    static func chainHash(_ db: String, at position: Int) throws -> Data? {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: db, configuration: configuration).read { db in
            try Data.fetchOne(db, sql: "SELECT chain_hash FROM events WHERE position = ?", arguments: [position])
        }
    }

    @Test func aBackupTakenDuringAnIngestIsASnapshotThatVerifiesAndReplaysToTheSameProjection() async throws {
        let directory = try TemporaryDirectory()
        let (db, feed, copy) = (directory.path("live.sqlite"), directory.path("feed.jsonl"), directory.path("copy.sqlite"))
        let generated = try await ChildProcess.run("tixngo-simulator", ["generate", "--items", "120000", "--seed", "11", "-o", feed])
        try #require(generated.status == 0, "\(generated.stderr)")
        let ingest = try ChildProcess("ticket-ledger", ["ingest", "--organizer", "ORG", "--file", feed, "--db", db])
        // Wait for the first transaction to commit, then copy while the later ones are written.
        while ingest.isRunning, (FileManager.default.fileExists(atPath: db) ? (try? Self.events(db)) ?? 0 : 0) == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        let before = try Self.events(db)
        let backup = try await Self.cli(["backup", "--to", copy, "--with-key-file", "--json", "--db", db])
        let stillWriting = ingest.isRunning
        let finished = await ingest.wait()
        let after = try Self.events(db)
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(stillWriting, "the ingest ended before the backup did: the test proves nothing")
        let report = try JSONParser.parse(Array(backup.stdout.utf8))
        let copied = try Self.events(copy)
        #expect(report["events"] == .integer(Int64(copied)))
        #expect((before..<after).contains(copied), "the copy holds \(copied) events, outside \(before)..<\(after)")
        // The copy is the source as it was at that position: the same chain up to it.
        #expect(try Self.chainHash(copy, at: copied) == (try Self.chainHash(db, at: copied)))
        #expect(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int == 0o600)
        #expect(try await Self.cli(["verify", "--db", copy]).status == 0)
        let projected = try await Self.cli(["tickets", "--json", "--db", copy])
        let replay = try await Self.cli(["replay", "--json", "--db", copy])
        #expect(replay.status == 0, "\(replay.stderr)")
        let replayed = try await Self.cli(["tickets", "--json", "--db", copy])
        #expect(projected.stdout == replayed.stdout && !projected.stdout.isEmpty, "the copied projection is not the replay of the copied events")
    }

    @Test func aBackupNeverReplacesAFileAndCopiesTheKeyFileOnlyWhenAsked() async throws {
        let directory = try TemporaryDirectory()
        let db = try await ReadsNeverWriteTests.ledger(in: directory)
        let copy = directory.path("copy.sqlite")
        let first = try await Self.cli(["backup", "--to", copy, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: copy + ".key"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        let again = try await Self.cli(["backup", "--to", copy, "--db", db])
        #expect(again.status == 1)
        #expect(again.stderr.contains("exists already"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == bytes)
        let status = try await Self.cli(["status", "SMP-0001", "--db", copy])
        #expect(status.stdout.contains("[sealed: no key file]"), "a backup without its key file opened personal data")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains(".backup") }.isEmpty)
    }
}

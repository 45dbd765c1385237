import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// docs/cli.md: a command that only reads opens the ledger read-only, never changes a byte of
/// it, never waits behind a writer, and on a path with no ledger exits 66 creating nothing.
@Suite("Reads never write")
struct ReadsNeverWriteTests {
    static let readCommands: [[String]] = [
        ["summary"], ["summary", "--by-organization"], ["status", "SMP-0001"], ["status", "SMP-0001", "--as-of", "2026-06-20T10:00:00Z"],
        ["history", "SMP-0001"], ["tickets"], ["tickets", "--as-of", "2026-06-20T10:00:00Z"], ["verify"], ["contacts"],
        ["subject-access", "--email", "kofi.mensah@example.com"],
    ]

    static func cli(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run("ticket-ledger", arguments, environment: ["LOG_LEVEL": "error"])
    }

    /// A ledger holding the sample page, its WAL folded into the file.
    static func ledger(in directory: TemporaryDirectory) async throws -> String {
        let db = directory.path("ledger.sqlite")
        let page = "\(LedgerFixtures.examples)/lifecycle-page.json"
        let ingest = try await cli(["ingest", "--organizer", "ORG-DEMO-1", "--file", page, "--mode", "lifecycle", "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        try await DatabaseQueue(path: db).writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        return db
    }

    @Test func aReadLeavesEveryByteOfTheLedgerAsItWas() async throws {
        let directory = try TemporaryDirectory()
        let db = try await Self.ledger(in: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for command in Self.readCommands {
            let result = try await Self.cli(command + ["--db", db])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "\(command) changed the ledger file")
        }
    }

    @Test(arguments: readCommands + [["mappings"]])
    func aReadOnAPathWithNoLedgerExits66AndCreatesNothing(command: [String]) async throws {
        let directory = try TemporaryDirectory()
        let missing = directory.path("typo.sqlite")
        let result = try await Self.cli(command + ["--db", missing])
        if command == ["mappings"] {
            #expect(result.status == 0, "the bundled list needs no ledger")
        } else {
            #expect(result.status == 66, "\(result.stderr)")
            #expect(result.stderr.contains("no ledger at \(missing)"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty, "\(command) created a file")
    }

    @Test func aReadDoesNotWaitBehindAWriterHoldingTheLock() async throws {
        let directory = try TemporaryDirectory()
        let db = try await Self.ledger(in: directory)
        // Another connection takes the write lock and keeps it until the read is done.
        let writer = try DatabaseQueue(path: db)
        let (held, release) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        DispatchQueue.global().async {
            try? writer.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                held.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
        }
        await withCheckedContinuation { taken in DispatchQueue.global().async { held.wait(); taken.resume() } }
        let started = ContinuousClock.now
        let result = try await Self.cli(["status", "SMP-0001", "--db", db])
        let waited = ContinuousClock.now - started
        release.signal()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(waited < .seconds(5), "status waited \(waited) behind the writer")
    }

    @Test func aRefusedFirstIngestCreatesNoLedger() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("new.sqlite")
        let broken = try directory.write("broken.jsonl", "{\"ticketId\": \"T1\",\n")
        let result = try await Self.cli(["ingest", "--organizer", "ORG", "--file", broken, "--db", db])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func theOperatorViewsShowWhatTheCommandsShowAndNoPersonalData() async throws {
        let directory = try TemporaryDirectory()
        let db = try await Self.ledger(in: directory)
        let status = try JSONParser.parse(Array(try await Self.cli(["status", "SMP-0001", "--json", "--db", db]).stdout.utf8))
        let history = try JSONParser.parse(Array(try await Self.cli(["history", "SMP-0001", "--json", "--db", db]).stdout.utf8))
        var readOnly = Configuration()
        readOnly.readonly = true
        let queue = try DatabaseQueue(path: db, configuration: readOnly)
        let current = try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM ticket_current WHERE ticket_id = 'SMP-0001'")
        }
        #expect(current?["s360_status"] == status["s360Status"]?.stringValue)
        #expect(current?["status_time"] == status["statusDate"]?.stringValue)
        #expect(current?["mapping_version"] == status["mappingVersion"]?.stringValue)
        let times = try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT status_time FROM ticket_events WHERE ticket_id = 'SMP-0001' ORDER BY position")
        }
        guard case .array(let entries) = history else { throw TemplateStepFailed("history --json is not an array") }
        #expect(!times.isEmpty && times.sorted() == entries.compactMap { $0["statusDate"]?.stringValue }.sorted())
        let columns = try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('ticket_current') UNION ALL SELECT name FROM pragma_table_info('ticket_events')")
        }
        #expect(columns.count == 20)
        #expect(columns.allSatisfy { !$0.contains("key") && !$0.contains("data") && !$0.contains("body") && !$0.contains("secret") })
    }

    @Test func aFirstIngestTIXnGORefusesLeavesNoFileBehind() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 5)
        let directory = try TemporaryDirectory()
        let db = directory.path("new.sqlite")
        let refused = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG", "--url", organizer.url, "--mapping", "2022-10-07", "--db", db],
            environment: ["TIXNGO_API_KEY": "not-the-key"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("HTTP 401"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == [], "a failed first ingest left files")
        // The corrected command is not told the ledger has another mapping: there is no ledger.
        let corrected = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG", "--url", organizer.url, "--db", db],
            environment: ["TIXNGO_API_KEY": SimulatedOrganizer.apiKey])
        #expect(corrected.status == 0, "\(corrected.stderr)")
        await organizer.stop()
    }

    @Test func aLedgerAnOlderVersionWroteIsReadOnlyOnceMigrated() async throws {
        let directory = try TemporaryDirectory()
        let db = try await Self.ledger(in: directory)
        // As a build before migration 0005 left it: without that migration's record and indexes.
        try await DatabaseQueue(path: db).write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE '0005%'")
            for index in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%_key IS NOT NULL%'") {
                try db.execute(sql: "DROP INDEX \(index)")
            }
        }
        let refused = try await Self.cli(["summary", "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("written by an older version") && refused.stderr.contains("ticket-ledger migrate"))
        let migrated = try await Self.cli(["migrate", "--db", db])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(try await Self.cli(["summary", "--db", db]).status == 0)
        let nothing = try await Self.cli(["migrate", "--db", directory.path("none.sqlite")])
        #expect(nothing.status == 66)
    }
}

/// docs/cli.md: `--url` with plain http:// to anything but this machine is refused before a
/// ledger is created or a request sent; an API key file others can read is warned about.
@Suite("The API key travels encrypted")
struct TransportCommandTests {
    @Test(arguments: [[String](), ["--every", "5m"]])
    func plainHTTPToAnotherMachineIsBadUsageAndCreatesNothing(extra: [String]) async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("new.sqlite")
        let result = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG", "--url", "http://203.0.113.7/v3/organizer", "--db", db] + extra,
            environment: ["TIXNGO_API_KEY": "secret-key-7"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--allow-insecure-http") && !result.stderr.contains("secret-key-7"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    @Test func loopbackIsAcceptedAndAKeyFileOthersCanReadIsWarnedAbout() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 5)
        let keyFile = try organizer.ledger.directory.write("api.key", SimulatedOrganizer.apiKey + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
        let db = organizer.ledger.directory.path("cli.sqlite")
        let url = organizer.url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let result = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG", "--url", url, "--api-key-file", keyFile, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("chmod 600 \(keyFile)"), "\(result.stderr)")
        #expect(!result.stderr.contains(SimulatedOrganizer.apiKey))
        await organizer.stop()
    }
}

import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// The CLI contract operators script against (docs/cli.md): names, JSON fields, exit codes.
@Suite("The command-line contract")
struct CommandLineContractTests {
    let directory: TemporaryDirectory
    let db: String

    init() async throws {
        directory = try TemporaryDirectory()
        db = try await Self.template.copy(into: directory)
    }

    /// Tickets T1 and T2 under organizers A and B (2023-02-07, lifecycle), built once, copied per test.
    private static let template = LedgerTemplate("cli.sqlite") { db, directory in
        let lines = [
            Items.lifecycle("T1", "INJECTED", at: "2026-06-20T09:00:00Z"),
            Items.lifecycle("T1", "DOWNLOADED", at: "2026-06-20T09:10:00Z", details: Items.spectator("Ada", "Lovelace")),
            Items.lifecycle("T2", "CONTROLLED", at: "2026-06-20T09:20:00Z"),
        ]
        let file = try directory.write("feed.jsonl", lines.joined(separator: "\n"))
        let first = try await cli(["ingest", "--organizer", "A", "--file", file, "--mode", "lifecycle", "--mapping", "2023-02-07", "--db", db])
        guard first.status == 0 else { throw TemplateStepFailed(first.stderr) }
        let second = try await cli(["ingest", "--organizer", "B", "--file", file, "--db", db])
        guard second.status == 0 else { throw TemplateStepFailed(second.stderr) }
    }

    static func cli(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run("ticket-ledger", arguments, environment: ["LOG_LEVEL": "error"])
    }

    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func ingestJSONHasExactlyTheDocumentedFields() async throws {
        let file = try directory.write("again.jsonl", Items.lifecycle("T1", "INJECTED", at: "2026-06-20T09:00:00Z"))
        let result = try await Self.cli(["ingest", "--organizer", "A", "--file", file, "--db", db, "--json"])
        #expect(result.status == 0)
        let summary = try Self.json(result.stdout)
        #expect(summary.members.map(\.key) == ["organizer", "pages", "received", "appended", "duplicates", "skipped", "rejected", "paginationKey"])
        #expect(summary["duplicates"] == .number("1"))
    }

    @Test func statusJSONHasExactlyTheDocumentedFields() async throws {
        let result = try await Self.cli(["status", "T1", "--organizer", "A", "--db", db, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let status = try Self.json(result.stdout)
        #expect(status.members.map(\.key) == [
            "organizer", "ticketId", "s360Status", "tixngoStatus", "family", "holder", "statusDate", "lastPosition", "mappingVersion", "mode",
        ])
        #expect(status["holder"]?["individualLastname"] == .string("Lovelace"))
    }

    @Test func anUnknownTicketExitsOneAndASharedIdExitsSixtyFour() async throws {
        let missing = try await Self.cli(["status", "NOPE", "--db", db])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("ticket NOPE not found"))
        let shared = try await Self.cli(["status", "T1", "--db", db])
        #expect(shared.status == 64)
        #expect(shared.stderr.contains("A") && shared.stderr.contains("B") && shared.stderr.contains("pass --organizer"))
    }

    /// The library names what is wrong; the command line adds the flag or command that fixes it.
    @Test func aLibraryErrorReachesTheOperatorWithTheFlagThatFixesIt() async throws {
        let file = try directory.write("more.jsonl", Items.lifecycle("T3", "INJECTED", at: "2026-06-20T09:00:00Z"))
        let mapping = try await Self.cli(["ingest", "--organizer", "A", "--file", file, "--mapping", "2022-10-07", "--db", db])
        #expect(mapping.status == 1)
        #expect(mapping.stderr.contains(
            "this ledger is projected with mapping 2023-02-07 (2023-02-07), not 2022-10-07: run `ticket-ledger replay --mapping 2022-10-07` to change it"))
        let mode = try await Self.cli(["ingest", "--organizer", "A", "--file", file, "--mode", "history", "--db", db])
        #expect(mode.status == 1)
        #expect(mode.stderr.contains("not history: run `ticket-ledger replay --mode history` to change it"))
        let garbage = try directory.write("garbage.sqlite", String(repeating: "not a database ", count: 400))
        let notALedger = try await Self.cli(["summary", "--db", garbage])
        #expect(notALedger.status == 1)
        #expect(notALedger.stderr.contains("is not a usable ledger database") && notALedger.stderr.contains("check --db"))
    }

    @Test func historyTicketsAndSummaryJSON() async throws {
        let history = try Self.json(try await Self.cli(["history", "T1", "--organizer", "A", "--db", db, "--json"]).stdout)
        guard case let .array(entries) = history else { Issue.record("history is not an array"); return }
        #expect(entries.count == 2)
        #expect(entries.first?.members.map(\.key) == [
            "position", "organizer", "ticketId", "statusDate", "ingestedAt", "tixngoStatus", "s360Status", "raw", "source",
        ])
        #expect(entries.first?["source"]?["kind"] == .string("file"))
        let tickets = try Self.json(try await Self.cli(["tickets", "--s360-status", "CONTROLLED", "--db", db, "--json"]).stdout)
        guard case let .array(controlled) = tickets else { Issue.record("tickets is not an array"); return }
        #expect(controlled.count == 2)
        let summary = try Self.json(try await Self.cli(["summary", "--db", db, "--json"]).stdout)
        #expect(summary.members.map(\.key) == ["events", "tickets", "s360Status", "family", "anomalies", "rejected", "lastRuns"])
        #expect(summary["tickets"] == .number("4"))
        let csv = try await Self.cli(["tickets", "--organizer", "A", "--db", db, "--csv"])
        #expect(csv.stdout.split(separator: "\n").count == 3)
    }

    @Test func badUsageExitsSixtyFourWithAClearSentence() async throws {
        let noSource = try await Self.cli(["ingest", "--organizer", "A", "--db", db])
        #expect(noSource.status == 64)
        #expect(noSource.stderr.contains("--url") && noSource.stderr.contains("--file"))
        let badBatch = try await Self.cli(["ingest", "--organizer", "A", "--file", "x", "--batch-size", "0", "--db", db])
        #expect(badBatch.status == 64)
        #expect(badBatch.stderr.contains("--batch-size"))
        let badDate = try await Self.cli(["status", "T1", "--as-of", "yesterday", "--db", db])
        #expect(badDate.status == 64)
    }

    @Test func anIngestNamingAnotherMappingIsToldToReplay() async throws {
        let file = try directory.write("one.jsonl", Items.lifecycle("T9", "INJECTED", at: "2026-06-20T09:00:00Z"))
        let result = try await Self.cli(["ingest", "--organizer", "A", "--file", file, "--mapping", "2022-10-07", "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("replay"))
    }

    @Test func replayJSONAndDryRun() async throws {
        let dry = try Self.json(try await Self.cli(["replay", "--mapping", "2022-10-07", "--dry-run", "--json", "--db", db]).stdout)
        #expect(Array(dry.members.map(\.key).prefix(7)) == ["events", "tickets", "changedStatus", "changedHolder", "mappingVersion", "mode", "dryRun"])
        #expect(dry["dryRun"] == .bool(true))
        let mappings = try Self.json(try await Self.cli(["mappings", "--json", "--db", db]).stdout)
        guard case let .array(versions) = mappings else { Issue.record("mappings is not an array"); return }
        #expect(versions.filter { $0["inUse"] == .bool(true) }.map { $0["version"] } == [.string("2023-02-07")])
    }

    @Test func forgetNeedsConfirmationOffATerminalAndVerifyPasses() async throws {
        let refused = try await Self.cli(["forget", "--email", "ada.lovelace@example.com", "--db", db])
        #expect(refused.status == 64)
        let done = try await Self.cli(["forget", "--email", "ada.lovelace@example.com", "--yes", "--json", "--db", db])
        #expect(done.status == 0)
        #expect(try Self.json(done.stdout)["observations"] == .number("2"))
        #expect(!done.stderr.contains("ada.lovelace"))
        let verify = try await Self.cli(["verify", "--db", db])
        #expect(verify.status == 0)
    }
}

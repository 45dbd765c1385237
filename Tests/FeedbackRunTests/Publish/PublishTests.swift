import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// `publish` and `verify --postgres` against a real PostgreSQL 15 (Scripts/postgres.sh), run
/// as operators run them.
@Suite("Publishing to PostgreSQL")
struct PublishTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    /// A new ledger file with `items` generated items (seed `seed`), made by the CLI.
    func ledger(_ name: String, items: Int, seed: Int, mapping: String = "2023-02-07") async throws -> String {
        let feed = directory.path("\(name).jsonl")
        let generated = try await ChildProcess.run(
            "tixngo-simulator", ["generate", "--items", String(items), "--seed", String(seed), "--shape", "lifecycle", "--duplicate-rate", "0.05", "-o", feed])
        try #require(generated.status == 0, "\(generated.stderr)")
        let path = directory.path("\(name).sqlite")
        let ingested = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "ORG-\(name)", "--file", feed, "--mode", "lifecycle", "--mapping", mapping, "--db", path])
        try #require(ingested.status == 0, "\(ingested.stderr)")
        return path
    }

    func publish(_ ledger: String, to url: String, batchSize: Int = 10_000, killAt: String? = nil) async throws -> ChildProcess.Result {
        try await ChildProcess.run(
            "ticket-ledger", ["publish", "--to", url, "--db", ledger, "--json", "--batch-size", String(batchSize)],
            environment: killAt.map { ["TICKET_LEDGER_KILL_AT": $0] } ?? [:])
    }

    func ledgerID(_ ledger: String) async throws -> String {
        try await LedgerDatabase(readingAt: ledger, sealed: true).ledgerID()
    }

    /// Everything the copy holds of one ledger, as text: the rows of every table in key order.
    func dump(_ url: String, _ ledgerID: String) async throws -> String {
        var text = ""
        for (table, order) in [
            ("events", "position"), ("rejected_items", "id"), ("ingest_runs", "id"),
            ("ticket_states", "generation, organizer, ticket_id"), ("projection_generations", "generation"),
        ] {
            text += try await PostgresServer.psql(url, "SELECT * FROM \(table) WHERE ledger_id = '\(ledgerID)' ORDER BY \(order)")
        }
        text += try await PostgresServer.psql(url, "SELECT events_through, rejected_through, runs_through, live_generation FROM ledgers WHERE ledger_id = '\(ledgerID)'")
        return text
    }

    @Test func twoLedgersPublishIntoOneDatabaseEachCompleteAndAgainOnlyWhatIsNew() async throws {
        let url = try await PostgresServer.newDatabase()
        let first = try await ledger("A", items: 1_500, seed: 3)
        let second = try await ledger("B", items: 900, seed: 4)
        for path in [first, second] {
            let result = try await publish(path, to: url, batchSize: 400)
            #expect(result.status == 0, "\(result.stderr)")
        }
        for path in [first, second] {
            let id = try await ledgerID(path)
            let database = try LedgerDatabase(readingAt: path, sealed: true)
            let events = try database.lastPosition()
            #expect(try await PostgresServer.psql(url, "SELECT count(*), max(position) FROM events WHERE ledger_id = '\(id)'") == "\(events)\t\(events)\n")
            // The copy's projection is the ledger's, ticket by ticket.
            let expected = try await database.tickets().map { "\($0.organizer)\t\($0.ticketId)\t\($0.view.s360Status.rawValue)" }.sorted()
            let copied = try await PostgresServer.psql(url, "SELECT organizer, ticket_id, s360_status FROM ticket_current WHERE ledger_id = '\(id)'")
                .split(separator: "\n").map(String.init).sorted()
            #expect(copied == expected)
            let verified = try await ChildProcess.run("ticket-ledger", ["verify", "--postgres", url, "--ledger", id])
            #expect(verified.status == 0 && verified.stdout.contains("copy intact") && verified.stdout.contains("\(events) events"), "\(verified.stderr)")
        }
        #expect(try await PostgresServer.psql(url, "SELECT count(*) FROM ledgers") == "2\n")

        // Again: nothing new, nothing copied twice. Then a second file: only its events go.
        let again = try await publish(first, to: url)
        #expect(again.stdout.contains("\"events\":0"), "\(again.stdout)")
        let more = directory.path("more.jsonl")
        _ = try await ChildProcess.run("tixngo-simulator", ["generate", "--items", "300", "--seed", "9", "--shape", "lifecycle", "-o", more])
        let ingested = try await ChildProcess.run("ticket-ledger", ["ingest", "--organizer", "ORG-A2", "--file", more, "--db", first])
        try #require(ingested.status == 0)
        let next = try await publish(first, to: url)
        let before = try await PostgresServer.psql(url, "SELECT count(*) FROM events WHERE ledger_id = '\(try await ledgerID(first))'")
        #expect(next.stdout.contains("\"events\":300"), "\(next.stdout)")
        #expect(before == "\(try LedgerDatabase(readingAt: first, sealed: true).lastPosition())\n")
        #expect(try await PostgresServer.psql(url, "SELECT count(*) FROM ingest_runs WHERE ledger_id = '\(try await ledgerID(first))'") == "2\n")
    }

    @Test(arguments: ["publish-before-commit:2", "publish-after-commit:1", "publish-after-commit:3"])
    func killedAtAnyPointAndResumedTheCopyEqualsACleanOne(killAt: String) async throws {
        let (killed, clean) = (try await PostgresServer.newDatabase(), try await PostgresServer.newDatabase())
        let path = try await ledger("K", items: 2_000, seed: 5)
        let id = try await ledgerID(path)
        let dying = try await publish(path, to: killed, batchSize: 300, killAt: killAt)
        #expect(dying.status == SIGKILL, "the kill point \(killAt) was reached: \(dying.stderr)")
        let resumed = try await publish(path, to: killed, batchSize: 300)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try await publish(path, to: clean, batchSize: 300).status == 0)
        let (afterKill, afterClean) = (try await dump(killed, id), try await dump(clean, id))
        #expect(afterKill == afterClean, "the resumed copy differs from a clean one")
        let events = try LedgerDatabase(readingAt: path, sealed: true).lastPosition()
        #expect(try await PostgresServer.psql(killed, "SELECT count(*), max(position), min(events_through) FROM events, ledgers") == "\(events)\t\(events)\t\(events)\n")
        let verified = try await ChildProcess.run("ticket-ledger", ["verify", "--postgres", killed, "--ledger", id])
        #expect(verified.status == 0, "\(verified.stderr)")
    }

    @Test func aReplayIsSwappedInWhileAReaderOnlyEverSeesOneWholeGeneration() async throws {
        let url = try await PostgresServer.newDatabase()
        let path = try await ledger("R", items: 3_000, seed: 6)
        let id = try await ledgerID(path)
        #expect(try await publish(path, to: url, batchSize: 100).status == 0)
        let tickets = try await LedgerDatabase(readingAt: path, sealed: true).summary().tickets
        let replayed = try await ChildProcess.run("ticket-ledger", ["replay", "--mapping", "2023-04-03", "--db", path])
        try #require(replayed.status == 0, "\(replayed.stderr)")

        let query = "SELECT count(*), count(DISTINCT mapping_version), min(mapping_version) FROM ticket_current WHERE ledger_id = '\(id)'"
        // Killed with part of the new generation copied: readers still see the old one, whole.
        let killed = try await publish(path, to: url, batchSize: 50, killAt: "publish-generation-page:3")
        #expect(killed.status == SIGKILL)
        #expect(try await PostgresServer.psql(url, "SELECT count(DISTINCT generation) FROM ticket_states WHERE ledger_id = '\(id)'") == "2\n")
        #expect(try await PostgresServer.psql(url, query) == "\(tickets)\t1\t2023-02-07\n")

        // A reader in a loop while the new generation is copied page by page and swapped in.
        let publishing = Task { try await publish(path, to: url, batchSize: 50) }
        var seen: [String] = []
        repeat {
            seen.append(try await PostgresServer.psql(url, query))
        } while !(seen.last?.contains("2023-04-03") ?? false) && seen.count < 400
        let result = try await publishing.value
        #expect(result.status == 0 && result.stdout.contains("\"swappedGeneration\":true"), "\(result.stdout) \(result.stderr)")
        seen.append(try await PostgresServer.psql(url, query))
        for view in seen {
            #expect(view == "\(tickets)\t1\t2023-02-07\n" || view == "\(tickets)\t1\t2023-04-03\n", "a reader saw \(view)")
        }
        #expect(seen.last == "\(tickets)\t1\t2023-04-03\n")
        #expect(try await PostgresServer.psql(url, "SELECT count(DISTINCT generation) FROM ticket_states WHERE ledger_id = '\(id)'") == "1\n")
    }

    @Test func publishEveryFollowsTheLedgerUntilSIGTERM() async throws {
        let url = try await PostgresServer.newDatabase()
        let path = try await ledger("E", items: 500, seed: 10)
        let id = try await ledgerID(path)
        let events = { try LedgerDatabase(readingAt: path, sealed: true).lastPosition() }
        let firstFile = try events()
        let follower = try ChildProcess("ticket-ledger", ["publish", "--to", url, "--every", "1s", "--json", "--db", path])
        func copied() async throws -> String { try await PostgresServer.psql(url, "SELECT coalesce(max(events_through), 0) FROM ledgers WHERE ledger_id = '\(id)'") }
        var first = ""
        for _ in 0..<100 where first != "\(firstFile)\n" {
            first = (try? await copied()) ?? ""
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(first == "\(firstFile)\n")
        // An ingest beside it: the next cycle copies the new events.
        let more = directory.path("more-E.jsonl")
        _ = try await ChildProcess.run("tixngo-simulator", ["generate", "--items", "200", "--seed", "11", "--shape", "lifecycle", "-o", more])
        #expect(try await ChildProcess.run("ticket-ledger", ["ingest", "--organizer", "ORG-E2", "--file", more, "--db", path]).status == 0)
        let both = try events()
        var second = ""
        for _ in 0..<100 where second != "\(both)\n" {
            second = try await copied()
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(both > firstFile && second == "\(both)\n")
        follower.terminate()
        let stopped = await follower.wait()
        #expect(stopped.status == 0, "\(stopped.stderr)")
        let lines = stopped.stdout.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
        #expect(lines.count >= 2 && lines.compactMap { $0["events"]?.int64Value }.reduce(0, +) == both, "\(stopped.stdout)")
    }

    @Test func aLedgerRestoredBehindItsCopyIsRefusedRatherThanForkingTheCopysChain() async throws {
        let url = try await PostgresServer.newDatabase()
        let path = try await ledger("B", items: 300, seed: 12)
        let backup = directory.path("B-backup.sqlite")
        #expect(try await ChildProcess.run("ticket-ledger", ["backup", "--to", backup, "--with-key-file", "--db", path]).status == 0)
        let more = directory.path("more-B.jsonl")
        _ = try await ChildProcess.run("tixngo-simulator", ["generate", "--items", "100", "--seed", "13", "--shape", "lifecycle", "-o", more])
        #expect(try await ChildProcess.run("ticket-ledger", ["ingest", "--organizer", "ORG-B2", "--file", more, "--db", path]).status == 0)
        #expect(try await publish(path, to: url).status == 0)
        let copied = try await PostgresServer.psql(url, "SELECT events_through FROM ledgers")

        // The host is lost; the ledger comes back from the older backup, then ingests something else.
        let other = directory.path("other-B.jsonl")
        _ = try await ChildProcess.run("tixngo-simulator", ["generate", "--items", "150", "--seed", "14", "--shape", "lifecycle", "-o", other])
        for (step, arguments) in [("behind", [String]()), ("forked", ["ingest", "--organizer", "ORG-B3", "--file", other, "--db", backup])] {
            if !arguments.isEmpty { #expect(try await ChildProcess.run("ticket-ledger", arguments).status == 0) }
            let refused = try await publish(backup, to: url)
            #expect(refused.status == 1 && refused.stderr.contains("restored from an older backup"), "\(step): \(refused.stderr)")
            #expect(try await PostgresServer.psql(url, "SELECT events_through FROM ledgers") == copied, "\(step): the copy is untouched")
        }
        let verified = try await ChildProcess.run("ticket-ledger", ["verify", "--postgres", url, "--ledger", try await ledgerID(path)])
        #expect(verified.status == 0, "\(verified.stderr)")
    }

    @Test func verifyFromTheCopyAloneNamesTheFirstEditedOrMissingRow() async throws {
        let url = try await PostgresServer.newDatabase()
        let path = try await ledger("V", items: 400, seed: 7)
        let id = try await ledgerID(path)
        #expect(try await publish(path, to: url).status == 0)
        let clean = try await ChildProcess.run("ticket-ledger", ["verify", "--postgres", url, "--ledger", id, "--json"])
        #expect(clean.status == 0 && clean.stdout.contains("\"intact\":true"), "\(clean.stdout)")

        try await PostgresServer.psql(url, """
            ALTER TABLE events DISABLE TRIGGER events_are_immutable;
            UPDATE events SET status = 'CONTROLLED' WHERE ledger_id = '\(id)' AND position = 137;
            """)
        let edited = try await ChildProcess.run("ticket-ledger", ["verify", "--postgres", url, "--ledger", id])
        #expect(edited.status == 1 && edited.stderr.contains("position 137 does not match its chain hash"), "\(edited.stderr)")

        try await PostgresServer.psql(url, "DELETE FROM events WHERE ledger_id = '\(id)' AND position IN (137, 250)")
        let missing = try await ChildProcess.run("ticket-ledger", ["verify", "--postgres", url, "--ledger", id, "--json"])
        #expect(missing.status == 1 && missing.stdout.contains("\"firstBadPosition\":137"), "\(missing.stdout)")

        let unknown = try await ChildProcess.run("ticket-ledger", ["verify", "--postgres", url, "--ledger", "no-such-ledger"])
        #expect(unknown.status == 1 && unknown.stderr.contains("holds no ledger no-such-ledger"))
        let bad = try await ChildProcess.run("ticket-ledger", ["publish", "--to", "mysql://x", "--db", path])
        #expect(bad.status == 64 && bad.stderr.contains("postgresql://"))
    }

    @Test func theCopyHoldsNoPlaintextPersonalDataAndNoPasswordIsPrinted() async throws {
        let url = try await PostgresServer.newDatabase()
        let path = try await ledger("P", items: 300, seed: 8)
        #expect(try await publish(path, to: url).status == 0)
        // Every surname in the feed, looked for in every text and byte column of the copy.
        let feed = try String(contentsOfFile: directory.path("P.jsonl"), encoding: .utf8)
        let names = Set(feed.split(separator: "\n").compactMap { line -> String? in
            guard let item = try? JSONParser.parse(String(line)), let name = item["spectatorDetails"]?["lastName"]?.stringValue else { return nil }
            return name
        })
        try #require(!names.isEmpty)
        let copy = try await PostgresServer.psql(url, "SELECT body, encode(holder_data, 'escape') FROM events") + (try await PostgresServer.psql(url, "SELECT body FROM rejected_items"))
        for name in names { #expect(!copy.contains(name), "a name reached the copy") }
        // A password in the URL (or PGPASSWORD) is never printed, even when the server cannot be reached.
        let nobody = "postgresql://ledger:s3cret-word@127.0.0.1:\(try MetricsTests.freePort())/postgres?sslmode=disable"
        let refused = try await ChildProcess.run("ticket-ledger", ["publish", "--to", nobody, "--db", path])
        #expect(refused.status == 1 && !refused.stderr.contains("s3cret-word") && refused.stderr.contains("postgresql://ledger@"), "\(refused.stderr)")
    }
}

import Foundation
import LedgerTestSupport
import Logging
import SharedSupport
import Testing
import TIXnGOSimulator
@testable import TicketLedger

/// `ticket-ledger fleet` as an operator runs it: one process, several organizers, each against
/// its own TIXnGO simulator on 127.0.0.1 and into its own ledger.
@Suite("A fleet of organizers", .serialized)
struct FleetTests {
    /// One organizer of a test fleet: a simulator (nil for a TIXnGO that is down) and its files.
    struct Member {
        let name: String
        let server: SimulatorServer?
        let url: String
        let keyFile: URL
        let ledger: URL

        /// `[[organizer]]` of the fleet file.
        func table(interval: String, batchSize: Int) -> String {
            """
            [[organizer]]
            name = "\(name)"
            url = "\(url)"
            api_key_file = "\(keyFile.path)"
            ledger = "\(ledger.path)"
            interval = "\(interval)"
            batch_size = \(batchSize)
            mode = "lifecycle"
            mapping = "2023-02-07"

            """
        }

        /// Whether the ledger holds every distinct item the simulator serves (false while the
        /// fleet has not made it, or is still migrating it).
        func caughtUp() -> Bool {
            guard let server, let database = try? LedgerDatabase(readingAt: ledger.path, sealed: true),
                let events = try? database.lastPosition()
            else { return false }
            return events == Int64(server.groundTruth().distinctItems.count)
        }

        func runs() async throws -> [RunRecord] {
            try await LedgerDatabase(readingAt: ledger.path, sealed: true).runs(organizer: name)
        }
    }

    let folder: URL

    init() throws {
        folder = TestScratch.file("fleet")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A member against a new simulator of `tickets` tickets whose key is `key` (the member's key
    /// file holds `sentKey`, the same unless a test wants TIXnGO to refuse it).
    func member(_ name: String, tickets: Int, seed: UInt64, key: String, sentKey: String? = nil) async throws -> Member {
        let feed = try TicketFeed(configuration: FeedConfiguration(organizer: name, tickets: tickets, seed: seed, shape: .lifecycle))
        var logger = Logger(label: "simulator")
        logger.logLevel = .critical
        let server = try SimulatorServer(
            feed: feed, clock: .manual(start: feed.lastPublishTime ?? Date()), configuration: .init(apiKey: key), logger: logger)
        let port = try await server.start()
        return try member(name, server: server, url: SimulatorServer.baseURL(port: port), key: sentKey ?? key)
    }

    /// A member whose TIXnGO is down: nothing listens at its port.
    func downMember(_ name: String) throws -> Member {
        try member(name, server: nil, url: SimulatorServer.baseURL(port: try MetricsTests.freePort()), key: "key-of-\(name)")
    }

    private func member(_ name: String, server: SimulatorServer?, url: String, key: String) throws -> Member {
        let keyFile = folder.appendingPathComponent("\(name).apikey")
        try Data((key + "\n").utf8).write(to: keyFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
        return Member(name: name, server: server, url: url, keyFile: keyFile, ledger: folder.appendingPathComponent("\(name).sqlite"))
    }

    func writeFleet(_ members: [Member], named name: String = "fleet.toml", top: String, interval: String = "1s", batchSize: Int = 100) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data((top + "\n" + members.map { $0.table(interval: interval, batchSize: batchSize) }.joined(separator: "\n")).utf8)
            .write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Polls `condition` every 100 ms for at most `seconds`.
    func eventually(_ seconds: Int, _ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<(seconds * 10) {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    @Test func oneOrganizerRefusedAndOneDownNeverStopTheOthersAndSIGTERMExitsZero() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = [
            try await member("ALPHA", tickets: 120, seed: 3, key: "alpha-key-1"),
            try await member("BRAVO", tickets: 90, seed: 4, key: "bravo-key-2"),
        ]
        let refused = try await member("CHARLIE", tickets: 50, seed: 5, key: "charlie-key-3", sentKey: "a-wrong-key-4")
        let down = try downMember("DELTA")
        let config = try writeFleet(good + [refused, down], top: "max_concurrent_runs = 3")
        let started = ContinuousClock.now
        let fleet = try ChildProcess("ticket-ledger", ["fleet", "--config", config, "--json"])
        let caughtUp = try await eventually(60) { good.allSatisfy { $0.caughtUp() } }
        // Long enough for a 1 s schedule to run several times, and for backing off to show.
        try await Task.sleep(for: .seconds(9))
        fleet.terminate()
        let seconds = (ContinuousClock.now - started).seconds
        let stopped = await fleet.wait()
        for member in good + [refused] { await member.server?.stop() }
        try #require(caughtUp, "the good organizers caught up: \(stopped.stderr.suffix(2_000))")
        #expect(stopped.status == 0, "SIGTERM ends the fleet with 0 even while DELTA retries: \(stopped.stderr.suffix(2_000))")

        for member in good {
            let runs = try await member.runs()
            #expect(runs.count >= 5 && runs.allSatisfy { $0.outcome == .ok }, "\(member.name): \(runs.map(\.outcome))")
        }
        // CHARLIE's key is refused at each try; it backs off (1, 2, 4 … s), so it tries far less often than ALPHA runs.
        let refusedRuns = try await refused.runs()
        let alphaRuns = try await good[0].runs()
        #expect(!refusedRuns.isEmpty && refusedRuns.allSatisfy { $0.outcome == .failed })
        #expect(refusedRuns.first?.error?.contains("401") == true || refusedRuns.first?.error?.lowercased().contains("key") == true, "\(refusedRuns.first?.error ?? "")")
        // Tries at 0, 1, 3, 7, 15 … s: at most log2(seconds + 1) + 1 of them, where a 1 s schedule without backoff makes about `seconds`.
        let backedOff = Int(log2(seconds + 1)) + 1
        #expect(refusedRuns.count <= backedOff && refusedRuns.count < alphaRuns.count, "\(refusedRuns.count) refused runs in \(seconds) s, \(alphaRuns.count) of ALPHA")
        #expect(try LedgerDatabase(readingAt: refused.ledger.path, sealed: true).lastPosition() == 0)
        // DELTA never got a page; its run was still retrying when SIGTERM came.
        #expect(try LedgerDatabase(readingAt: down.ledger.path, sealed: true).lastPosition() == 0)
        #expect(stopped.stderr.contains("DELTA") && stopped.stderr.contains("CHARLIE"), "failures are logged by organizer")

        // Every summary line names its organizer; no key appears anywhere in the output.
        let summaries = stopped.stdout.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
        #expect(Set(summaries.compactMap { $0["organizer"]?.stringValue }) == ["ALPHA", "BRAVO"])
        for key in ["alpha-key-1", "bravo-key-2", "a-wrong-key-4", "key-of-DELTA"] {
            #expect(!stopped.stdout.contains(key) && !stopped.stderr.contains(key))
        }
    }

    @Test func twoFleetsOnOneConfigurationNeverRunAnOrganizerTwiceAtOnce() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Large feeds in small pages: each first run takes seconds, so the second fleet finds the locks held.
        let members = [
            try await member("ECHO", tickets: 1_500, seed: 6, key: "echo-key-5"),
            try await member("FOXTROT", tickets: 1_500, seed: 8, key: "foxtrot-key-6"),
        ]
        let ports = (try MetricsTests.freePort(), try MetricsTests.freePort())
        let first = try writeFleet(members, named: "first.toml", top: "metrics_listen = \"127.0.0.1:\(ports.0)\"", batchSize: 20)
        let second = try writeFleet(members, named: "second.toml", top: "metrics_listen = \"127.0.0.1:\(ports.1)\"", batchSize: 20)
        let fleets = [try ChildProcess("ticket-ledger", ["fleet", "--config", first])]
        try await Task.sleep(for: .milliseconds(300))
        let both = fleets + [try ChildProcess("ticket-ledger", ["fleet", "--config", second])]
        let caughtUp = try await eventually(120) { members.allSatisfy { $0.caughtUp() } }
        try await Task.sleep(for: .seconds(3))
        let scrapes = [await MetricsTests.scrape(ports.0) ?? "", await MetricsTests.scrape(ports.1) ?? ""]
        both.forEach { $0.terminate() }
        var results: [ChildProcess.Result] = []
        for fleet in both { results.append(await fleet.wait()) }
        for member in members { await member.server?.stop() }
        try #require(caughtUp, "\(results.map { $0.stderr.suffix(1_000) })")
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map { $0.stderr.suffix(1_000) })")

        var refusals = 0.0
        for member in members {
            // The journal of each ledger: runs from both processes, none overlapping another.
            let runs = try await member.runs().sorted { $0.startedAt < $1.startedAt }
            for (earlier, later) in zip(runs, runs.dropFirst()) {
                let finished = try #require(earlier.finishedAt, "\(member.name): a run never finished")
                #expect(finished <= later.startedAt, "\(member.name): two runs at once")
            }
            refusals += scrapes.map { MetricsTests.samples($0)["ticket_ledger_runs_refused_total{organizer=\"\(member.name)\"}", default: 0] }.reduce(0, +)
            let database = try LedgerDatabase(readingAt: member.ledger.path, sealed: true)
            #expect(try database.lastPosition() == Int64(try #require(member.server).groundTruth().distinctItems.count), "no item twice")
        }
        #expect(refusals >= 1, "a refused cycle is counted: \(scrapes)")
        #expect(results.contains { $0.stderr.contains("ingest run skipped") }, "and logged")
    }
}

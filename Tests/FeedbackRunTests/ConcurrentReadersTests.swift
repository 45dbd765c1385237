import Foundation
import LedgerTestSupport
import Synchronization
import Testing
@testable import TicketLedger

/// What concurrent readers saw, shared between their tasks.
final class ReaderLog: Sendable {
    private let state = Mutex<(stopped: Bool, reads: Int, problems: [String])>((false, 0, []))

    var stopped: Bool { state.withLock { $0.stopped } }
    var seen: (reads: Int, problems: [String]) { state.withLock { ($0.reads, $0.problems) } }
    func stop() { state.withLock { $0.stopped = true } }
    func read() { state.withLock { $0.reads += 1 } }
    func problem(_ text: String) { state.withLock { $0.problems.append(text) } }
}

@Suite("Readers during an ingest and a replay")
struct ConcurrentReadersTests {
    @Test func readersNeverErrorNorSeeHalfAPageOrHalfAProjection() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 250)
        let database = organizer.ledger.database
        let pageSize = 50
        let total = organizer.server.groundTruth().distinctItems.count
        let log = ReaderLog()

        let readers = (0..<2).map { reader in
            Task {
                while !log.stopped {
                    do {
                        let summary = try await database.summary()
                        if summary.events % pageSize != 0 && summary.events != total {
                            log.problem("summary saw \(summary.events) events: half a page")
                        }
                        let tickets = try await database.tickets()
                        if Set(tickets.map(\.mappingVersion)).count > 1 {
                            log.problem("tickets mixed two projections")
                        }
                        if let some = tickets.randomElement() {
                            _ = try database.history(of: some.ticketId, organizer: some.organizer)
                            _ = try await database.status(of: some.ticketId, organizer: some.organizer)
                        }
                        log.read()
                    } catch {
                        log.problem("reader \(reader): \(error)")
                    }
                }
            }
        }
        try await organizer.ingest(batchSize: pageSize)
        _ = try await database.replay(RuleChoice(mapping: "2022-10-07"), dryRun: false, eventsPerChunk: 500)
        _ = try await database.replay(RuleChoice(mapping: "2023-02-07"), dryRun: false, eventsPerChunk: 500)
        log.stop()
        for reader in readers { await reader.value }
        let seen = log.seen
        #expect(seen.problems == [])
        #expect(seen.reads > 10)
        #expect(try await organizer.mismatches() == [])
        await organizer.stop()
    }

    @Test func anIngestDuringAReplayLosesNothing() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 600)
        let database = organizer.ledger.database
        let clock = organizer.server.clock
        let end = clock.now
        clock.set(to: end.addingTimeInterval(-6 * 3600))
        try await organizer.ingest()
        clock.set(to: end)
        async let replay = database.replay(RuleChoice(mapping: "2022-10-07"), dryRun: false, eventsPerChunk: 200)
        try await organizer.ingest(batchSize: 25)
        let report = try await replay
        #expect(report.tickets > 0)
        let problems = try await organizer.mismatches()
        #expect(problems == [], "\(problems.prefix(5))")
        #expect(try await database.tickets().allSatisfy { $0.mappingVersion == "2022-10-07" })
        await organizer.stop()
    }

    /// Another process ingests while a replay builds: the replay folds those events in and
    /// its report counts what they changed, as if they had been there from the start.
    @Test func aReplayCountsWhatAnIngestDuringItChanged() async throws {
        let ledger = try await TemporaryLedger(mapping: "2022-10-07")
        try await ledger.ingest(lines: [
            Items.lifecycle("T1", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: Items.spectator("Ada", "Lovelace", nationality: "GB", residence: "GB")),
            Items.lifecycle("T2", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: Items.spectator("Alan", "Turing", nationality: "GB", residence: "GB")),
            Items.lifecycle("T3", "INJECTED", at: "2026-06-20T09:00:00Z"),
        ])
        // T1 changes hands to someone whose nationality differs from their residence; T4 is new, likewise.
        let late = try ledger.directory.write("late.jsonl", [
            Items.lifecycle("T1", "TRANSFERRED", at: "2026-06-20T10:00:00Z", details: Items.spectator("Kofi", "Mensah", nationality: "GH", residence: "DE")),
            Items.lifecycle("T4", "DOWNLOADED", at: "2026-06-20T10:00:00Z", details: Items.spectator("Ines", "Duarte", nationality: "PT", residence: "FR")),
        ].joined(separator: "\n") + "\n")
        let lateIngest = Mutex<Int32?>(nil)
        let report = try await ledger.database.replay(RuleChoice(mapping: "2023-02-07"), dryRun: false, progress: { _, _ in
            guard lateIngest.withLock({ $0 == nil }) else { return }
            // After the first ticket is built, before the swap: a plain child process, waited for here.
            let child = Process()
            child.executableURL = URL(fileURLWithPath: LedgerFixtures.executable("ticket-ledger"))
            child.arguments = ["ingest", "--organizer", "ORG", "--file", late, "--db", ledger.path]
            child.environment = ProcessInfo.processInfo.environment.merging(["LOG_LEVEL": "error"]) { _, new in new }
            child.standardOutput = FileHandle.nullDevice
            do { try child.run() } catch { return lateIngest.withLock { $0 = -1 } }
            child.waitUntilExit()
            lateIngest.withLock { $0 = child.terminationStatus }
        }, eventsPerChunk: 1)
        #expect(lateIngest.withLock { $0 } == 0)
        #expect(report.events == 5)
        #expect(report.tickets == 4)
        #expect(report.changedHolder == 2)
        let tickets = try await ledger.database.tickets()
        #expect(tickets.map(\.ticketId) == ["T1", "T2", "T3", "T4"])
        #expect(tickets.first { $0.ticketId == "T1" }?.holder.json["individualCountryCode"] == .string("GH"))
        // Going back is the same change, counted from scratch.
        let back = try await ledger.database.replay(RuleChoice(mapping: "2022-10-07"), dryRun: true)
        #expect(back.changedHolder == report.changedHolder && back.changedStatus == report.changedStatus)
    }
}

import Foundation
import LedgerTestSupport
import Synchronization
import Testing
import TicketLedger

/// The library as a back office embeds it: `import TicketLedger` and its public API only.
@Suite struct EmbeddingTests {
    static let lifecyclePage = LedgerFixtures.examples + "/lifecycle-page.json"

    @Test func openIngestQueryAndReplay() async throws {
        let directory = try TemporaryDirectory()
        let ledger = try LedgerDatabase(
            path: directory.path("ledger.sqlite"), projection: RuleChoice(mapping: "2023-02-07", mode: .lifecycle), logger: .test)
        let run = try await ledger.ingest(try ItemFile(path: Self.lifecyclePage), organizer: "ORG")
        #expect(run.received == 8 && run.appended == 8)
        let again = try await ledger.ingest(try ItemFile(path: Self.lifecyclePage), organizer: "ORG")
        #expect(again.appended == 0 && again.duplicates == 8)

        let history = try ledger.history(of: "SMP-0001")
        #expect(history.count == 6)
        #expect(history.map(\.position) == history.map(\.position).sorted())
        #expect(try await ledger.status(of: "SMP-0001").view.s360Status == history.last?.view.s360Status)
        #expect(try await ledger.tickets().map(\.ticketId) == ["SMP-0001", "SMP-0002"])

        let replay = try await ledger.replay(RuleChoice(mapping: "2023-04-03"))
        #expect(replay.events == 8 && replay.mappingVersion == "2023-04-03")
        #expect(try await ledger.liveProjection().rules.version == "2023-04-03")
        #expect(try await ledger.verify().intact)
    }

    @Test func aLedgerWithEventsReopenedRequiringAnotherMappingIsRefusedUntilReplayed() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        let first = try LedgerDatabase(path: path, projection: RuleChoice(mapping: "2023-02-07"), logger: .test)
        _ = try await first.ingest(try ItemFile(path: Self.lifecyclePage), organizer: "ORG")
        #expect(throws: LedgerError.mappingConflict(live: "2023-02-07", liveSource: "2023-02-07", asked: "2022-10-07", askedSource: "2022-10-07")) {
            try LedgerDatabase(path: path, projection: RuleChoice(mapping: "2022-10-07"), logger: .test)
        }
        #expect(throws: LedgerError.modeConflict(live: .history, asked: .lifecycle)) {
            try LedgerDatabase(path: path, projection: RuleChoice(mode: .lifecycle), logger: .test)
        }
        // What a new ledger would take does not bind one that exists.
        let reopened = try LedgerDatabase(path: path, projection: RuleChoice(newLedgerMapping: "2022-10-07", newLedgerMode: .lifecycle), logger: .test)
        #expect(try await reopened.liveProjection().rules.version == "2023-02-07")
        _ = try await reopened.replay(RuleChoice(mapping: "2022-10-07", mode: .lifecycle))
        let replayed = try LedgerDatabase(path: path, projection: RuleChoice(mapping: "2022-10-07", mode: .lifecycle), logger: .test)
        #expect(try await replayed.liveProjection().mode == .lifecycle)
    }

    @Test func aLedgerWithNoEventYetTakesTheProjectionItIsFirstAskedFor() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        _ = try await LedgerDatabase(path: path, logger: .test).summary()
        let asked = try LedgerDatabase(path: path, projection: RuleChoice(mapping: "2022-10-07", mode: .lifecycle), logger: .test)
        let live = try await asked.liveProjection()
        #expect(live.rules.version == "2022-10-07" && live.mode == .lifecycle)
    }

    @Test func aLedgerOpenedForReadingNeverCreatesNorWrites() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        #expect(throws: LedgerError.noLedger(path: path)) { try LedgerDatabase(readingAt: path, logger: .test) }
        #expect(!FileManager.default.fileExists(atPath: path))
        let writer = try LedgerDatabase(path: path, logger: .test)
        _ = try await writer.ingest(try ItemFile(path: Self.lifecyclePage), organizer: "ORG")
        let reader = try LedgerDatabase(readingAt: path, logger: .test)
        #expect(try reader.history(of: "SMP-0001").count == 6)
        #expect(try await reader.summary().events == 8)
        await #expect(throws: LedgerError.readOnly(path: path)) {
            try await reader.ingest(try ItemFile(path: Self.lifecyclePage), organizer: "ORG-2")
        }
    }

    @Test func theLedgerStampsWhatItWritesWithTheClockItIsGiven() async throws {
        let directory = try TemporaryDirectory()
        let fixed = try #require(Timestamp(rfc3339: "2030-01-02T03:04:05Z"))
        let ledger = try LedgerDatabase(path: directory.path("ledger.sqlite"), logger: .test, now: { fixed })
        _ = try await ledger.ingest(try ItemFile(path: Self.lifecyclePage), organizer: "ORG")
        #expect(try ledger.history(of: "SMP-0001").allSatisfy { $0.ingestedAt == fixed })
    }

    @Test func twoIngestsOfOneOrganizerNeverWriteAtOnce() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        let ledger = try LedgerDatabase(path: path, logger: .test)
        let source = HeldPage()
        let first = Task { try await ledger.ingest(from: source, organizer: "ORG") }
        await source.waitUntilAsked()
        // The same ledger, and the same file opened again (as another process would), are both refused at once.
        await #expect(throws: RunInProgress.self) { try await ledger.ingest(from: HeldPage.served, organizer: "ORG") }
        let other = try LedgerDatabase(path: path, logger: .test)
        await #expect(throws: RunInProgress.self) {
            try await other.ingest(try ItemFile(path: Self.lifecyclePage), organizer: "ORG")
        }
        // Another organizer has a lock of its own.
        let elsewhere = try await other.ingest(try ItemFile(path: Self.lifecyclePage), organizer: "ORG-2")
        #expect(elsewhere.appended == 8)
        source.release()
        #expect(try await first.value.appended == 8)
        // The lock went with the run: the next one proceeds.
        #expect(try await other.ingest(try ItemFile(path: Self.lifecyclePage), organizer: "ORG").duplicates == 8)
    }

    @Test func twoReplaysOfOneLedgerNeverRunAtOnce() async throws {
        let directory = try TemporaryDirectory()
        let ledger = try LedgerDatabase(path: directory.path("ledger.sqlite"), logger: .test)
        _ = try await ledger.ingest(try ItemFile(path: Self.lifecyclePage), organizer: "ORG")
        // The first replay stops at its first progress report until the second has been refused.
        let (reported, proceed) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let firstReport = Mutex(true)
        let first = Task {
            try await ledger.replay(RuleChoice(mapping: "2022-10-07"), progress: { _, _ in
                guard firstReport.withLock({ first in defer { first = false }; return first }) else { return }
                reported.signal()
                proceed.wait()
            })
        }
        await withCheckedContinuation { done in DispatchQueue.global().async { reported.wait(); done.resume() } }
        await #expect(throws: RunInProgress.self) { try await ledger.replay(RuleChoice(mapping: "2023-04-03")) }
        proceed.signal()
        #expect(try await first.value.mappingVersion == "2022-10-07")
        #expect(try await ledger.replay(RuleChoice(mapping: "2023-04-03")).mappingVersion == "2023-04-03")
    }

    /// The embedding example (`Examples/EmbeddedLedger`) runs as its comments say.
    @Test func theEmbeddingExampleRuns() async throws {
        let directory = try TemporaryDirectory()
        let result = try await ChildProcess.run(
            "embedded-ledger", [directory.path("ledger.sqlite"), Self.lifecyclePage])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ingested 8 items: 8 new, 0 already in the ledger"))
        #expect(result.stdout.contains("SMP-0001: "))
        #expect(result.stdout.contains("replayed 8 events under mapping 2023-04-03"))
        #expect(!result.stdout.contains("Mensah"), "the example prints no personal data")
        let again = try await ChildProcess.run(
            "embedded-ledger", [directory.path("ledger.sqlite"), Self.lifecyclePage])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("ingested 8 items: 0 new, 8 already in the ledger"))
    }

    /// Every code block of the getting-started article is part of the example, so the
    /// article's code is compiled with the package and run by ``theEmbeddingExampleRuns()``.
    @Test func theGettingStartedArticleQuotesTheCompiledExample() throws {
        let root = LedgerFixtures.packageRoot
        let article = try String(contentsOfFile: root + "/Sources/TicketLedger/TicketLedger.docc/GettingStarted.md", encoding: .utf8)
        let example = try String(contentsOfFile: root + "/Examples/EmbeddedLedger/main.swift", encoding: .utf8)
        let blocks = article.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count >= 4)
        for block in blocks {
            #expect(example.contains(block), "not in Examples/EmbeddedLedger/main.swift:\n\(block)")
        }
    }
}

/// A page source whose first page waits until the test releases it: a run held mid-way.
final class HeldPage: FeedbackPageSource {
    static let served = HeldPage(held: false)
    private let asked = Mutex(false)
    private let gate: AsyncStream<Void>
    private let opener: AsyncStream<Void>.Continuation

    init(held: Bool = true) {
        (gate, opener) = AsyncStream<Void>.makeStream()
        if !held { opener.finish() }
    }

    func page(after paginationKey: String?, limit: Int) async throws -> FeedbackPage {
        asked.withLock { $0 = true }
        for await _ in gate { break }
        return try FeedbackPage.decode(Array(Data(contentsOf: URL(fileURLWithPath: EmbeddingTests.lifecyclePage))))
    }

    func waitUntilAsked() async {
        while !asked.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(1)) }
    }

    func release() { opener.finish() }
}

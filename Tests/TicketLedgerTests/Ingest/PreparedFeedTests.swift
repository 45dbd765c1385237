import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// A file is prepared a slice at a time on several threads and written as it is prepared:
/// the writer must still see every item once, in file order, in transactions of the usual size.
@Suite("A file prepared on every core")
struct PreparedFeedTests {
    /// More than three slices, with blank lines and a few items of the same ticket.
    static func lines(_ count: Int) -> [String] {
        (0..<count).flatMap { index in
            let item = Items.lifecycle("T\(index % 7_000)", "INJECTED", at: "2026-06-20T09:\(10 + index / 7_000):00Z")
            return index % 1_000 == 999 ? [item, "  "] : [item]
        }
    }

    @Test func itemsReachTheWriterInFileOrderWhicheverThreadPreparedThem() async throws {
        let ledger = try await TemporaryLedger()
        let lines = Self.lines(5 * PreparedBatch.itemsPerSlice + 123)
        let file = try ItemFile(path: try ledger.directory.write("feed.jsonl", lines.joined(separator: "\n")))
        let keys = try ledger.database.unlockedKeys()
        // Every other slice is slow to prepare, so the ones after it are ready first.
        let feed = PreparedFeed(file, threads: 3, slicesAhead: 3) { items in
            if (items[0].source.item / Int64(PreparedBatch.itemsPerSlice)) % 2 == 0 { Thread.sleep(forTimeInterval: 0.05) }
            return keys.prepare(items, organizer: "ORG", skipping: ["T3"])
        }
        var sources: [Int64] = []
        var skipped = 0
        while let batch = feed.next() {
            sources += batch.items.map(\.source.item)
            skipped += batch.items.filter { if case .skipped = $0.verdict { true } else { false } }.count
        }
        let expected = lines.indices.filter { !lines[$0].allSatisfy(\.isWhitespace) }.map { Int64($0 + 1) }
        #expect(sources == expected)
        #expect(skipped == 4)
        #expect(feed.next()?.items.count == nil)
    }

    @Test func aStoppedFeedHandsOutNothingMore() async throws {
        let ledger = try await TemporaryLedger()
        let file = try ItemFile(path: try ledger.directory.write("feed.jsonl", Self.lines(2 * PreparedBatch.itemsPerSlice).joined(separator: "\n")))
        let feed = PreparedFeed(file, keys: try ledger.database.unlockedKeys(), organizer: "ORG", skipping: [], threads: 2)
        #expect(feed.next()?.items.count == PreparedBatch.itemsPerSlice)
        feed.stop()
        #expect(feed.next()?.items.count == nil)
    }

    @Test func thePreparingThreadsEndWhenTheFeedIsStoppedOrRead() async throws {
        let ledger = try await TemporaryLedger()
        let file = try ItemFile(path: try ledger.directory.write("feed.jsonl", Self.lines(3 * PreparedBatch.itemsPerSlice).joined(separator: "\n")))
        let keys = try ledger.database.unlockedKeys()
        // The threads hold their feed until they end: a feed let go is gone once they have.
        weak var stopped: PreparedFeed?
        weak var read: PreparedFeed?
        do {
            let feed = PreparedFeed(file, keys: keys, organizer: "ORG", skipping: [], threads: 2)
            stopped = feed
            _ = feed.next()
            feed.stop()
        }
        do {
            let feed = PreparedFeed(file, keys: keys, organizer: "ORG", skipping: [], threads: 2)
            read = feed
            while feed.next() != nil {}
        }
        let deadline = Date().addingTimeInterval(10)
        while stopped != nil || read != nil, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(stopped == nil)
        #expect(read == nil)
    }

    @Test func personsSealedAcrossTransactionsKeepOneKeyEach() async throws {
        let ledger = try await TemporaryLedger()
        let names = (0..<20).map { "Person\($0)" }
        let count = PreparedBatch.itemsPerTransaction + 3_000
        let lines = (0..<count).map { index in
            Items.lifecycle(
                "T\(index % 9_000)", "DOWNLOADED", at: "2026-06-20T09:\(10 + index / 9_000):00Z",
                details: Items.spectator(names[index % names.count], "Feed"))
        }
        let summary = try await ledger.ingest(lines: lines)
        #expect(summary.appended == count)
        #expect(try PresealingTests.keyCount(ledger.path) == names.count)
        // T5000's last event is in the second transaction; every one is readable.
        let history = try PresealingTests.lastNames("T5000", in: ledger.database)
        #expect(history.count == 6)
        #expect(history.allSatisfy { $0 == "Feed" })
    }

    @Test func aTransactionTakesFurtherBatchesUpToItsSizeAndNoMore() async throws {
        let ledger = try await TemporaryLedger()
        let slice = PreparedBatch(
            organizer: "ORG",
            items: Array(repeating: .init(source: ItemSource(kind: .file, reference: "test", item: 1), verdict: .skipped, contentKey: Data()), count: 20_000))
        let calls = Calls()
        let counts = try await ledger.database.append(slice, then: {
            calls.count += 1
            return slice
        })
        #expect(counts.received == 60_000)
        #expect(counts.skipped == 60_000)
        #expect(calls.count == 2)
    }

    @Test func aFileIngestWritesEveryItemOnceAcrossTransactions() async throws {
        let ledger = try await TemporaryLedger()
        let lines = Self.lines(3 * PreparedBatch.itemsPerSlice + 123)
        let summary = try await ledger.ingest(lines: lines)
        #expect(summary.received == 3 * PreparedBatch.itemsPerSlice + 123)
        #expect(summary.appended == summary.received)
        let again = try await ledger.ingest(lines: lines)
        #expect(again.duplicates == summary.received)
        let expected = lines.indices.filter { lines[$0].contains(#""T42""#) }.map { Int64($0 + 1) }
        #expect(expected.count == 3)
        #expect(try ledger.database.history(of: "T42").map(\.source.item) == expected)
    }
}

/// Counts calls made on the writer's thread, read after the transaction.
private final class Calls: @unchecked Sendable {
    var count = 0
}

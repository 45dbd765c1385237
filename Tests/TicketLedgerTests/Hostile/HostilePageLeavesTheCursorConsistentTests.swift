import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// A TIXnGO that answers each pagination key with a fixed page ("" is the first request).
struct ScriptedPages: FeedbackPageSource {
    var pages: [String: FeedbackPage]

    func page(after paginationKey: String?, limit: Int) async throws -> FeedbackPage {
        guard let page = pages[paginationKey ?? ""] else { throw Unscripted(key: paginationKey) }
        return page
    }

    struct Unscripted: Error { var key: String? }
}

@Suite struct HostilePageLeavesTheLedgerAndCursorConsistent {
    static func items(_ ids: String...) throws -> [JSONValue] {
        try ids.map { id in try JSONParser.parse(Array(Items.lifecycle(id, "INJECTED", at: "2026-06-20T09:00:00Z").utf8)) }
    }

    // MARK: - Pages from a file: the nextPageKey is informational

    @Test func anEmptyPageFileWithANewKeyAppendsNothingAndStoresNoKey() async throws {
        let ledger = try await Hostile.ledgerWithBaseline()
        let feed = try ItemFile(path: try Hostile.fixture("pages/empty-page-new-key.json"))
        #expect(feed.layout == .feedbackPage(nextPageKey: "k-0042"))
        let summary = try await ledger.ingest(file: try Hostile.fixture("pages/empty-page-new-key.json"))
        #expect(summary.pages == 1 && summary.received == 0 && summary.appended == 0)
        #expect(summary.paginationKey == nil)
        #expect(try await Hostile.cursor(ledger) == nil)
        try await Hostile.expectConsistent(ledger, events: 2, rejected: 0, tickets: 2)
    }

    @Test func aPageFileWhoseKeyGoesBackwardsIsJudgedByItsItemsAlone() async throws {
        let ledger = try await TemporaryLedger()
        let forward = try await ledger.ingest(file: try Hostile.fixture("pages/forward.json"))
        #expect(forward.appended == 2)
        let backwards = try await ledger.ingest(file: try Hostile.fixture("pages/backwards.json"))
        #expect(backwards.appended == 1)
        #expect(backwards.duplicates == 1)
        #expect(try await Hostile.cursor(ledger) == nil)
        try await Hostile.expectConsistent(ledger, events: 3, rejected: 0, tickets: 3)
    }

    @Test func aPageOfMixedItemsAppendsTheGoodAndRejectsTheRestByItemNumber() async throws {
        let ledger = try await TemporaryLedger()
        let path = try Hostile.fixture("pages/mixed-items.json")
        let summary = try await ledger.ingest(file: path)
        #expect(summary.received == 7 && summary.appended == 2 && summary.rejected == 5)
        #expect(try await Hostile.appendedTickets(ledger, from: path) == [1: "H-1", 7: "H-3"])
        let reasons = try await Hostile.rejectedItems(ledger, from: path).mapValues(\.reason)
        #expect(reasons == [
            2: "the item is null, not an object", 3: "the item is a number, not an object",
            4: "the item is a string, not an object", 5: "the item is an array, not an object", 6: "the item has no ticketId",
        ])
        try await Hostile.expectConsistent(ledger, events: 2, rejected: 5, tickets: 2)
    }

    @Test func aPageWithAByteOrderMarkAndCRLFLineEndingsIsRead() async throws {
        let ledger = try await TemporaryLedger()
        let summary = try await ledger.ingest(file: try Hostile.fixture("pages/bom-crlf-pretty.json"))
        #expect(summary.appended == 2)
        try await Hostile.expectConsistent(ledger, events: 2, rejected: 0, tickets: 2)
    }

    // MARK: - Pages from TIXnGO: the key is stored with its page, whatever it looks like

    @Test func anEmptyAPIPageWithANewKeyMovesTheCursorOnly() async throws {
        let ledger = try await Hostile.ledgerWithBaseline()
        let source = ScriptedPages(pages: ["": FeedbackPage(items: [], nextPageKey: "k-0042")])
        let summary = try await FeedbackRun(ledger: ledger.database, organizer: "ORG", logger: .test).run(source)
        #expect(summary.pages == 1 && summary.received == 0)
        #expect(try await Hostile.cursor(ledger) == "k-0042")
        try await Hostile.expectConsistent(ledger, events: 2, rejected: 0, tickets: 2)
    }

    /// The key is opaque: the ledger cannot tell that it went backwards, stores it with its page, and the
    /// items served again from there are duplicates.
    @Test func anAPIKeyThatGoesBackwardsIsStoredAndTheReplayedItemsAreDuplicates() async throws {
        let ledger = try await TemporaryLedger()
        let source = ScriptedPages(pages: [
            "": FeedbackPage(items: try Self.items("P-1", "P-2"), nextPageKey: "k-0010"),
            "k-0010": FeedbackPage(items: try Self.items("P-2", "P-3"), nextPageKey: "k-0003"),
            "k-0003": FeedbackPage(items: try Self.items("P-1", "P-2", "P-3"), nextPageKey: "k-0010"),
        ])
        let run = try FeedbackRun(ledger: ledger.database, organizer: "ORG", batchSize: 10, logger: .test)
        #expect(try await run.run(source).appended == 2)
        #expect(try await Hostile.cursor(ledger) == "k-0010")
        let backwards = try await run.run(source)
        #expect(backwards.appended == 1 && backwards.duplicates == 1)
        #expect(try await Hostile.cursor(ledger) == "k-0003")
        let replayed = try await run.run(source)
        #expect(replayed.appended == 0 && replayed.duplicates == 3)
        #expect(try await Hostile.cursor(ledger) == "k-0010")
        try await Hostile.expectConsistent(ledger, events: 3, rejected: 0, tickets: 3)
    }

    /// Pages are written several to a transaction: when TIXnGO fails for good in the middle
    /// of a run, the pages fetched before are written with the key after the last of them,
    /// and the next run starts there.
    @Test func aFailingPageLeavesEveryEarlierPageWrittenAndTheCursorAfterThem() async throws {
        let ledger = try await TemporaryLedger()
        var pages = [
            "": FeedbackPage(items: try Self.items("F-1", "F-2"), nextPageKey: "k-1"),
            "k-1": FeedbackPage(items: try Self.items("F-3", "F-4"), nextPageKey: "k-2"),
        ]
        let run = try FeedbackRun(ledger: ledger.database, organizer: "ORG", batchSize: 2, logger: .test)
        await #expect(throws: ScriptedPages.Unscripted.self) { try await run.run(ScriptedPages(pages: pages)) }
        #expect(try await Hostile.cursor(ledger) == "k-2")
        try await Hostile.expectConsistent(ledger, events: 4, rejected: 0, tickets: 4)
        pages["k-2"] = FeedbackPage(items: try Self.items("F-5"), nextPageKey: "k-3")
        let resumed = try await run.run(ScriptedPages(pages: pages))
        #expect(resumed.pages == 1 && resumed.appended == 1 && resumed.duplicates == 0)
        #expect(try await Hostile.cursor(ledger) == "k-3")
    }

    // MARK: - Response bodies that are not FeedbackPages

    @Test(arguments: [
        (#"{"tickets":[],"nextPageKey":"a","tickets":[{"ticketId":"T1"}]}"#, "the page has the member tickets twice"),
        (#"{"nextPageKey":"a","tickets":[],"nextPageKey":"b"}"#, "the page has the member nextPageKey twice"),
        (#"{"tickets":{"0":{}},"nextPageKey":"a"}"#, "tickets is an object, not an array"),
        (#"{"tickets":[],"nextPageKey":7}"#, "nextPageKey is a number, not a string"),
        (#"[{"ticketId":"T1"}]"#, "the body is an array, not an object"),
        ("\u{FEFF}{\"tickets\":[],\"nextPageKey\":\"a\"}", "a byte-order mark (U+FEFF) where a value should start at byte 1"),
        (#"{"tickets":[],"nextPageKey":"a""#, "the text ends inside an object"),
    ])
    func aMalformedBodyIsRefusedNamingWhy(_ body: String, _ reason: String) {
        #expect {
            try FeedbackPage.decode(Array(body.utf8))
        } throws: { error in
            (error as? FeedbackPage.Malformed)?.reason.contains(reason) == true
        }
    }

    @Test func aBodyThatIsNotUTF8IsRefused() {
        let body = Array(#"{"tickets":[],"nextPageKey":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        #expect {
            try FeedbackPage.decode(body)
        } throws: { error in
            (error as? FeedbackPage.Malformed)?.reason == "not JSON (invalid UTF-8 in a string at byte 30)"
        }
    }
}

import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

@Suite("Ingest from a file")
struct FileIngestTests {
    let lines = [
        Items.lifecycle("T1", "INJECTED", at: "2026-06-20T09:00:00Z"),
        Items.lifecycle("T1", "DOWNLOADED", at: "2026-06-20T09:10:00Z", details: Items.spectator("Ada", "Lovelace")),
        Items.lifecycle("T2", "INJECTED", at: "2026-06-20T09:01:00Z"),
    ]

    @Test func sameFileTwiceAppendsNothing() async throws {
        let ledger = try await TemporaryLedger()
        let first = try await ledger.ingest(lines: lines)
        #expect(first.appended == 3)
        let second = try await ledger.ingest(lines: lines)
        #expect(second.appended == 0)
        #expect(second.duplicates == 3)
        #expect(try await ledger.database.summary().events == 3)
    }

    @Test func reorderedKeysAndWhitespaceAreTheSameObservation() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [#"{"ticketId":"T9","status":"INJECTED","statusDate":"2026-06-20T09:00:00Z","x":{"b":1,"a":2}}"#])
        let again = try await ledger.ingest(lines: [#"{ "x" : { "a" : 2 , "b" : 1 }, "statusDate":"2026-06-20T09:00:00Z" ,"status": "INJECTED","ticketId":"T9"}"#])
        #expect(again.duplicates == 1)
        #expect(again.appended == 0)
    }

    @Test func aFeedbackPageDocumentIsIngested() async throws {
        let ledger = try await TemporaryLedger()
        let path = try ledger.directory.write("page.json", #"{"tickets":[\#(lines.joined(separator: ",\n"))],"nextPageKey":"abc"}"#)
        let summary = try await ledger.ingest(file: path)
        #expect(summary.appended == 3)
        let history = try ledger.database.history(of: "T1")
        #expect(history.map(\.source.item) == [1, 2])
        #expect(history.first?.source.reference == path)
    }

    @Test func truncatedFileIsRefusedAndAppendsNothing() async throws {
        let ledger = try await TemporaryLedger()
        let whole = lines.joined(separator: "\n")
        let path = try ledger.directory.write("cut.jsonl", String(whole.prefix(whole.count - 20)))
        #expect {
            try ItemFile(path: path)
        } throws: { error in
            let refusal = error as? ItemFile.Refusal
            return refusal?.line == 3 && refusal?.description.contains("cut.jsonl line 3") == true
        }
        let page = try ledger.directory.write("cut.json", #"{"tickets":[\#(lines[0]),\#(lines[1].prefix(40))"#)
        #expect(throws: ItemFile.Refusal.self) { try ItemFile(path: page) }
        #expect(try await ledger.database.summary().events == 0)
    }

    @Test func theFirstBadLineOfALargeFileIsNamedWhereverTheCheckCutsIt() throws {
        // Checked in slices on every core: the line numbers must still count every line before.
        let directory = try TemporaryDirectory()
        var body = (1...400).map { Items.lifecycle("T\($0)", "INJECTED", at: "2026-06-20T09:00:00Z") }
        for blank in stride(from: 10, to: 400, by: 37) { body[blank - 1] = "   " }
        body[289] = #"{"ticketId":"T290","status":}"#
        body[349] = "not json at all"
        let path = try directory.write("large.jsonl", body.joined(separator: "\n") + "\n")
        #expect {
            try ItemFile(path: path)
        } throws: { error in
            let refusal = error as? ItemFile.Refusal
            return refusal?.line == 290 && refusal?.column == 29
        }
        body[289] = Items.lifecycle("T290", "INJECTED", at: "2026-06-20T09:00:00Z")
        _ = try directory.write("large.jsonl", body.joined(separator: "\n"))
        #expect(throws: ItemFile.Refusal.self) { try ItemFile(path: path) }
        body[349] = Items.lifecycle("T350", "INJECTED", at: "2026-06-20T09:00:00Z")
        _ = try directory.write("large.jsonl", body.joined(separator: "\n"))
        #expect(try ItemFile(path: path).itemCount == 400 - 11)
    }

    @Test func fileThatIsNotJSONIsRefusedNamingTheFile() async throws {
        let ledger = try await TemporaryLedger()
        let path = try ledger.directory.write("notes.txt", "ticket,status\nT1,INJECTED\n")
        do {
            _ = try ItemFile(path: path)
            Issue.record("a CSV file was accepted")
        } catch {
            #expect(String(describing: error).contains("notes.txt line 1 column 1"))
        }
    }

    @Test func rejectedItemIsRecordedOnceAndTheRestGoesOn() async throws {
        let ledger = try await TemporaryLedger()
        let bad = [
            #"{"status":"INJECTED","statusDate":"2026-06-20T09:00:00Z"}"#,
            #"{"ticketId":"T5","status":"INJECTED","statusDate":"yesterday"}"#,
            #"["not","an","object"]"#,
            #"{"ticketId":"T6","status":"injected","statusDate":"2026-06-20T09:00:00Z"}"#,
        ]
        let summary = try await ledger.ingest(lines: bad + lines)
        #expect(summary.rejected == 4)
        #expect(summary.appended == 3)
        let again = try await ledger.ingest(lines: bad + lines)
        #expect(again.rejected == 4)
        let queue = try DatabaseQueue(path: ledger.path)
        let reasons = try await queue.read { db in try String.fetchAll(db, sql: "SELECT reason FROM rejected_items ORDER BY id") }
        try #require(reasons.count == 4, "\(reasons)")
        #expect(reasons[0].contains("no ticketId"))
        #expect(reasons[1].contains("not RFC 3339"))
        #expect(reasons[2].contains("not an object"))
        #expect(reasons[3].contains("\"injected\" is not a TIXnGO status"))
    }

    @Test func aMemberTwiceIsFoundInSmallAndLargeObjects() async throws {
        let ledger = try await TemporaryLedger()
        let many = (1...20).map { #""m\#($0)":\#($0)"# }.joined(separator: ",")
        let summary = try await ledger.ingest(lines: [
            #"{"ticketId":"T1","status":"INJECTED","statusDate":"2026-06-20T09:00:00Z","x":{"a":1,"a":2}}"#,
            #"{"ticketId":"T2","status":"INJECTED","statusDate":"2026-06-20T09:00:00Z",\#(many),"m7":0}"#,
            #"{"ticketId":"T3","status":"INJECTED","statusDate":"2026-06-20T09:00:00Z",\#(many)}"#,
        ])
        #expect(summary.rejected == 2)
        #expect(summary.appended == 1)
        let queue = try DatabaseQueue(path: ledger.path)
        let reasons = try await queue.read { db in try String.fetchAll(db, sql: "SELECT reason FROM rejected_items ORDER BY id") }
        #expect(reasons == [#"the item has the member "a" twice"#, #"the item has the member "m7" twice"#])
    }

    @Test func skippedTicketsAreCountedAndLeftOut() async throws {
        let ledger = try await TemporaryLedger()
        let summary = try await ledger.ingest(lines: lines, skipping: ["T1"])
        #expect(summary.skipped == 2)
        #expect(summary.appended == 1)
        await #expect(throws: LedgerError.ticketNotFound("T1")) { try await ledger.database.status(of: "T1") }
    }

    @Test func unknownExtraFieldsAreKept() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: [#"{"ticketId":"T7","status":"INJECTED","statusDate":"2026-06-20T09:00:00Z","seatInfo":{"row":"12","seat":7}}"#])
        let raw = try ledger.database.history(of: "T7").first?.raw
        #expect(raw?["seatInfo"]?["seat"] == .number("7"))
    }

    @Test func historyShowsWhatWasReceivedInCanonicalFormWithItsPersonalMembersInPlace() async throws {
        let ledger = try await TemporaryLedger()
        // Members before, between and after the two personal ones, received out of order.
        let item = #"{"zone":"N","status":"PENDING_TRANSFER","pendingTransfer":{"recipientEmail":"grace.hopper@example.com"},"#
            + #""ticketId":"T8","spectatorDetails":\#(Items.spectator("Ada", "Lovelace")),"statusDate":"2026-06-20T09:00:00Z","a":1}"#
        try await ledger.ingest(lines: [item])
        let raw = try #require(try ledger.database.history(of: "T8").first?.raw)
        #expect(raw.canonicalText == (try JSONParser.parse(Array(item.utf8))).canonicalText)
        #expect(raw.outputText == raw.canonicalText)
    }

    @Test func aRejectedItemKeepsNoPersonalDataInClearAndForgetReachesIt() async throws {
        let ledger = try await TemporaryLedger()
        let summary = try await ledger.ingest(lines: [
            #"[{"spectatorDetails":{"email":"eve.secret@example.com","lastName":"Secretsson"}}]"#,
            #"{"ticketId":"T","statusDate":"bad","nested":{"spectatorDetails":{"email":"eve.secret@example.com","lastName":"Secretsson"}}}"#,
        ])
        #expect(summary.rejected == 2)
        let bytes = try ledger.fileBytes()
        #expect(bytes.range(of: Data("Secretsson".utf8)) == nil)
        #expect(bytes.range(of: Data("eve.secret@example.com".utf8)) == nil)
        #expect(try await ledger.database.forget(email: "eve.secret@example.com").keys == 1)
    }
}

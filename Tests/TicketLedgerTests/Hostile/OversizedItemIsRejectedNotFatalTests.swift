import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// Inputs too big to commit, built at test time.
@Suite(.serialized) struct OversizedItemIsRejectedNotFatal {
    /// A TicketChange padded to `bytes` bytes by one unknown member.
    static func paddedItem(_ ticket: String, bytes: Int) -> Data {
        var data = Data(#"{"ticketId":"\#(ticket)","statusDate":"2026-06-20T09:00:00Z","status":"INJECTED","padding":""#.utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: bytes - data.count - 2))
        data.append(contentsOf: Array(#""}"#.utf8))
        return data
    }

    /// Far over the limit: the item is judged by its size, not read into a row.
    static let oversized = 4 * ObservationDecoder.maximumItemBytes

    @Test func aLineFourTimesTheLimitIsRejectedByItsSizeAndTheRestAppended() async throws {
        let ledger = try await TemporaryLedger()
        var file = Data((Hostile.baseline[0] + "\n").utf8)
        file.append(Self.paddedItem("HUGE-1", bytes: Self.oversized))
        file.append(Data(("\n" + Hostile.baseline[1] + "\n").utf8))
        let path = ledger.directory.path("huge.jsonl")
        try file.write(to: URL(fileURLWithPath: path))
        let summary = try await ledger.ingest(file: path)
        #expect(summary.appended == 2)
        #expect(summary.rejected == 1)
        let rejected = try #require(try await Hostile.rejectedItems(ledger, from: path)[2])
        #expect(rejected.reason == "the item is \(Self.oversized) bytes, more than the 1048576 allowed")
        #expect(rejected.body.utf8.count <= 64 * 1024)
        try await Hostile.expectConsistent(ledger, events: 2, rejected: 1, tickets: 2)
    }

    @Test func anItemFourTimesTheLimitInAPageIsRejectedAndThePageAppended() async throws {
        let ledger = try await TemporaryLedger()
        var file = Data(#"{"nextPageKey":"k-1","tickets":["#.utf8)
        file.append(Data(Hostile.baseline[0].utf8))
        file.append(contentsOf: Array(",".utf8))
        file.append(Self.paddedItem("HUGE-2", bytes: Self.oversized))
        file.append(Data(("," + Hostile.baseline[1] + "]}").utf8))
        let path = ledger.directory.path("huge-page.json")
        try file.write(to: URL(fileURLWithPath: path))
        let summary = try await ledger.ingest(file: path)
        #expect(summary.appended == 2 && summary.rejected == 1)
        try await Hostile.expectConsistent(ledger, events: 2, rejected: 1, tickets: 2)
    }

    @Test func anItemJustUnderTheLimitIsAnObservation() async throws {
        let ledger = try await TemporaryLedger()
        let path = ledger.directory.path("limit.jsonl")
        var file = Self.paddedItem("EDGE-1", bytes: ObservationDecoder.maximumItemBytes)
        file.append(contentsOf: Array("\n".utf8))
        file.append(Self.paddedItem("EDGE-2", bytes: ObservationDecoder.maximumItemBytes + 1))
        try file.write(to: URL(fileURLWithPath: path))
        let summary = try await ledger.ingest(file: path)
        #expect(summary.appended == 1 && summary.rejected == 1)
        #expect(try await Hostile.appendedTickets(ledger, from: path) == [1: "EDGE-1"])
        try await Hostile.expectConsistent(ledger, events: 1, rejected: 1, tickets: 1)
    }
}

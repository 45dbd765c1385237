import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger
import SharedSupport

/// One corpus file that file ingest must refuse before appending anything.
struct RefusedFile: Sendable, CustomTestStringConvertible {
    var file: String
    /// The line the refusal must name (nil: the fault is the whole document, and no line is named).
    var line: Int?
    var column: Int?
    /// Text the reason must contain.
    var reason: String
    var testDescription: String { file }

    init(_ file: String, line: Int?, column: Int? = nil, _ reason: String) {
        (self.file, self.line, self.column, self.reason) = (file, line, column, reason)
    }
}

@Suite struct HostileFileIsRefusedWholeNamingFileAndLine {
    static let files: [RefusedFile] = [
        // Bytes that are not UTF-8, inside and outside strings.
        RefusedFile("lines/invalid-utf8-in-string.jsonl", line: 2, column: 14, "not JSON: invalid UTF-8 in a string"),
        RefusedFile("lines/invalid-utf8-overlong.jsonl", line: 1, column: 83, "invalid UTF-8 in a string"),
        RefusedFile("lines/invalid-utf8-surrogate.jsonl", line: 3, column: 14, "invalid UTF-8 in a string"),
        RefusedFile("lines/invalid-utf8-cut-sequence.jsonl", line: 1, column: 14, "invalid UTF-8 in a string"),
        RefusedFile("lines/invalid-utf8-outside-string.jsonl", line: 1, column: 19, "expected a member name in quotes"),
        // Structure.
        RefusedFile("lines/deep-nesting.jsonl", line: 2, column: 110, "JSON nested deeper than 32 levels"),
        RefusedFile("lines/truncated.jsonl", line: 3, column: 26, "the text ends inside a string"),
        RefusedFile("lines/top-level-array.json", line: 1, column: 1, "the file is a JSON array"),
        RefusedFile("lines/pretty-array.json", line: 1, column: 1, "the file is a JSON array"),
        RefusedFile("lines/pretty-item.json", line: 1, column: 1, "the file is an object over several lines without tickets or nextPageKey, not one FeedbackPage object"),
        RefusedFile("lines/blank.jsonl", line: nil, "the file is empty"),
        RefusedFile("lines/page-per-line.jsonl", line: 1, "a FeedbackPage on a line of JSON Lines"),
        // Control bytes, NUL and a byte-order mark where JSON has no room for them.
        RefusedFile("lines/raw-control-in-string.jsonl", line: 2, column: 16, "unescaped control character in a string"),
        RefusedFile("lines/nul-in-string.jsonl", line: 1, column: 16, "unescaped control character in a string"),
        RefusedFile("lines/nul-between-lines.jsonl", line: 2, column: 1, "unexpected byte 0x00"),
        RefusedFile("lines/bom-on-second-line.jsonl", line: 2, column: 1, "a byte-order mark (U+FEFF) where a value should start"),
        // Almost JSON.
        RefusedFile("lines/single-quotes.jsonl", line: 1, column: 2, "expected a member name in quotes"),
        RefusedFile("lines/trailing-comma.jsonl", line: 1, column: 75, "expected a member name in quotes"),
        RefusedFile("lines/nan.jsonl", line: 1, column: 82, "unexpected character 'N'"),
        RefusedFile("lines/comment.jsonl", line: 2, column: 1, "unexpected character '/'"),
        // FeedbackPage documents that are not pages.
        RefusedFile("pages/tickets-object.json", line: nil, "not a FeedbackPage: tickets is an object, not an array"),
        RefusedFile("pages/tickets-string.json", line: nil, "not a FeedbackPage: tickets is a string, not an array"),
        RefusedFile("pages/tickets-null.json", line: nil, "not a FeedbackPage: tickets is null, not an array"),
        RefusedFile("pages/next-page-key-number.json", line: nil, "not a FeedbackPage: nextPageKey is a number, not a string"),
        RefusedFile("pages/no-next-page-key.json", line: nil, "not a FeedbackPage: no nextPageKey string"),
        RefusedFile("pages/duplicate-tickets.json", line: nil, "not a FeedbackPage: the page has the member tickets twice"),
        RefusedFile("pages/duplicate-next-page-key.json", line: nil, "not a FeedbackPage: the page has the member nextPageKey twice"),
        RefusedFile("pages/syntax-error-line-4.json", line: 4, column: 19, "expected ':' after a member name"),
    ]

    @Test(arguments: files)
    func refusedWithFileLineAndReasonAndNothingAppended(_ expected: RefusedFile) async throws {
        let ledger = try await Hostile.ledgerWithBaseline()
        let path = try Hostile.fixture(expected.file)
        let refusal = try #require(Hostile.refusal(of: path))
        #expect(refusal.path == path)
        #expect(refusal.line == expected.line)
        if let column = expected.column { #expect(refusal.column == column) }
        #expect(refusal.reason.contains(expected.reason), "\(refusal.reason)")
        let place = expected.line.map { "\(path) line \($0)" } ?? path
        #expect(refusal.description.hasPrefix(place))
        #expect(refusal.description.hasSuffix("nothing was appended"))
        #expect(Hostile.isPrintable(refusal.description))
        try await Hostile.expectConsistent(ledger, events: 2, rejected: 0, tickets: 2)
    }

    @Test func binaryGarbageIsRefusedAtItsFirstBadByte() async throws {
        let path = try Hostile.fixture("lines/binary-garbage.bin")
        let refusal = try #require(Hostile.refusal(of: path))
        #expect(refusal.line == 1)
        #expect(refusal.column == 1)
        #expect(refusal.reason.hasPrefix("not JSON: unexpected"))
        #expect(Hostile.isPrintable(refusal.description))
    }

    /// Random bytes, many times: each file is refused with a line, never half-ingested, never a crash.
    @Test func generatedGarbageIsAlwaysRefusedWithALine() async throws {
        let ledger = try await Hostile.ledgerWithBaseline()
        var generator = SplitMix64(seed: 0x5EED)
        for round in 0..<64 {
            let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let path = ledger.directory.path("garbage-\(round).bin")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let refusal = try #require(Hostile.refusal(of: path))
            #expect(refusal.line != nil && refusal.column != nil, "\(refusal)")
            #expect(Hostile.isPrintable(refusal.description))
        }
        try await Hostile.expectConsistent(ledger, events: 2, rejected: 0, tickets: 2)
    }

    /// 100,000 nested arrays (or objects) are refused at the 33rd level, not by a stack overflow.
    @Test(arguments: ["[", #"{"a":"#])
    func hundredThousandLevelsAreRefusedNotOverflowed(_ opener: String) async throws {
        let ledger = try await Hostile.ledgerWithBaseline()
        let deep = #"{"ticketId":"DEEP","statusDate":"2026-06-20T09:00:00Z","status":"INJECTED","x":"#
            + String(repeating: opener, count: 100_000)
        let path = try ledger.directory.write("deep.jsonl", Hostile.baseline[0] + "\n" + deep + "\n")
        let refusal = try #require(Hostile.refusal(of: path))
        #expect(refusal.line == 2)
        #expect(refusal.reason == "not JSON: JSON nested deeper than 32 levels")
        try await Hostile.expectConsistent(ledger, events: 2, rejected: 0, tickets: 2)
    }
}

import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// A file's plain items are read in place, without a parsed tree; whatever is read that way
/// must be read exactly as the tree reads it, and anything else must be left to the tree.
@Suite("An item read in place")
struct ScannedItemTests {
    /// Plain items of both shapes, with personal data in several scripts, extra info, a beacon,
    /// numbers, booleans, nulls, arrays and whitespace: all must be read in place.
    static let plainItems: [String] = {
        let details = [
            Items.spectator("Zoë", "Brontë"), Items.spectator("Łukasz", "Żółć"), Items.spectator("Ana", "Lee"),
            #"{"email":"  Mixed.Case@Example.COM ","firstName":"東京","score":-1.5e+3,"tags":["a",{"b":null}],"ok":true}"#,
        ]
        var items: [String] = []
        for (index, holder) in details.enumerated() {
            items.append(Items.lifecycle("T-\(index)", "TRANSFERRED", at: "2026-06-20T09:00:0\(index)Z", details: holder))
            items.append(Items.history("H-\(index)", legacy: "RECEIVED", action: "INJECT", state: "CONFIRMED",
                                       at: "2026-06-20T09:00:00+02:00", details: holder))
        }
        items.append(Items.lifecycle("T-9", "PENDING_TRANSFER", at: "2026-06-20T09:00:00Z", extra: #""pendingTransfer":{"recipientEmail":"x@example.com","expiresAt":null}"#))
        items.append(Items.lifecycle("T-10", "INJECTED", at: "2026-06-20T09:00:00Z", extra: #""beaconName":"Gate 3","ticketDetails":{"extra":{"ExtraInfo1":"Press"},"seat":12}"#))
        items.append(" \t{ \"status\" : \"DELETED\" , \"ticketId\":\"T-11\",\"statusDate\":\"2026-06-20T09:00:00Z\",\"deletionReason\":\"CANCELLED\"}\r")
        return items
    }()

    /// Lines just inside the edges of what is read in place: each must be read in place, and as the tree reads it.
    static let readInPlaceEdges: [String] = [
        "{" + (1...ScannedItem.maximumMembers).map { #""m\#($0)":\#($0)"# }.joined(separator: ",") + "}",
        String(repeating: #"{"a":"#, count: ScannedItem.maximumDepth) + "1" + String(repeating: "}", count: ScannedItem.maximumDepth),
        #"{"a":{},"b":[],"c":[{}],"d":-0,"e":1E+2,"f":0.5e-7,"g":"\#u{7F}","h":"\#u{2028}","i":false,"j":null}"#,
        #"{}"#, "\t{ }\r",
    ]

    /// Lines on the edges of what is read in place: each must be left to the tree (which reads
    /// some of them, and refuses others with its own words).
    static let leftToTheTree: [String] = [
        #"{"ticketId":"T-\"1","statusDate":"2026-06-20T09:00:00Z","status":"INJECTED"}"#,        // an escape
        #"{"ticketId":"T-\u00e9","statusDate":"2026-06-20T09:00:00Z","status":"INJECTED"}"#,     // a \u escape
        #"{"ticketId":"T-1","statusDate":"2026-06-20T09:00:00Z","status":"INJECTED","é":1}"#,    // a name that is not ASCII
        #"{"ticketId":"T-1","ticketId":"T-2","statusDate":"2026-06-20T09:00:00Z","status":"INJECTED"}"#,  // a name twice
        #"{"ticketId":"T-1","x":{"a":1,"a":2}}"#,                                                 // a name twice, nested
        "{" + (0...ScannedItem.maximumMembers).map { #""m\#($0)":\#($0)"# }.joined(separator: ",") + "}",
        String(repeating: #"{"a":"#, count: ScannedItem.maximumDepth + 1) + "1" + String(repeating: "}", count: ScannedItem.maximumDepth + 1),
        #"{"a":1,}"#, #"{"a":[1,]}"#, #"{"a":01}"#, #"{"a":-}"#, #"{"a":1.}"#, #"{"a":1e}"#, #"{"a":tru}"#, #"{"a":nulll}"#,
        #"{"a":1} x"#, #"{"a" 1}"#, #"{"a":"x"#, "[1]", #""text""#, "\u{FEFF}{\"a\":1}", "{\"a\":\"tab\there\"}",
    ]

    /// Bytes that are not UTF-8, in a value and in a name: left to the tree, which refuses them.
    static let notUTF8: [[UInt8]] = [
        Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8),        // a cut sequence
        Array(#"{"a":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8),        // an overlong form
        Array(#"{"a":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),  // a surrogate
        Array(#"{""#.utf8) + [0xFF] + Array(#"":1}"#.utf8),                 // in a name
    ]

    /// Every line of the hostile corpus, the plain items, and the edge cases.
    static func lines() throws -> [[UInt8]] {
        let corpus = try FileManager.default.contentsOfDirectory(atPath: try Hostile.fixture("lines"))
            .sorted()
            .flatMap { name in
                let data = try Data(contentsOf: URL(fileURLWithPath: try Hostile.fixture("lines/\(name)")))
                return data.split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0) }
            }
        return corpus + (plainItems + readInPlaceEdges + leftToTheTree).map { Array($0.utf8) } + notUTF8
    }

    @Test func whatIsReadInPlaceIsWhatTheParsedTreeReads() throws {
        var readInPlace = 0
        for line in try Self.lines() {
            try line.withUnsafeBufferPointer { bytes in
                guard let scanned = ScannedItem(bytes) else { return }
                readInPlace += 1
                let tree = try #require(try? JSONParser.parse(bytes), "a line read in place must parse")
                let (inPlace, parsed) = (scanned.root.canonicalItem, CanonicalItem(tree))
                #expect(inPlace.whole == parsed.whole)
                #expect(inPlace.publicBody == parsed.publicBody)
                #expect(inPlace.members == parsed.members)
                let fast = ObservationDecoder.observation(scanning: bytes)
                switch ObservationDecoder.decode(tree) {
                case .observation(let observation):
                    #expect(fast == observation, "the observation read in place differs from the tree's")
                case .rejected:
                    #expect(fast == nil, "an item the tree rejects must be left to the tree")
                }
            }
        }
        #expect(readInPlace >= Self.plainItems.count + Self.readInPlaceEdges.count)
    }

    @Test func plainItemsAreReadInPlace() {
        for item in Self.plainItems {
            var line = item
            let observation = line.withUTF8 { ObservationDecoder.observation(scanning: $0) }
            #expect(observation != nil, "\(item.prefix(40))")
        }
    }

    @Test func theEdgesOfAPlainObjectAreReadInPlace() {
        for line in Self.readInPlaceEdges {
            var line = line
            #expect(line.withUTF8 { ScannedItem($0) } != nil, "\(line.prefix(40))")
        }
    }

    @Test(arguments: leftToTheTree.map { Array($0.utf8) } + notUTF8)
    func anythingButAPlainObjectIsLeftToTheTree(_ line: [UInt8]) {
        #expect(line.withUnsafeBufferPointer { ScannedItem($0) } == nil)
    }

    @Test func aFileOfPlainAndOtherItemsStoresWhatTheTreeWouldStore() async throws {
        let ledger = try await TemporaryLedger()
        let lines = Self.plainItems + Self.leftToTheTree.filter { (try? JSONParser.parse($0))?.kind == .object }
        let bodies = try lines.compactMap { line -> String? in
            guard case .observation(let observation) = ObservationDecoder.decode(try JSONParser.parse(line)) else { return nil }
            return observation.publicBody
        }
        let summary = try await ledger.ingest(lines: lines)
        #expect(summary.appended == bodies.count)
        #expect(summary.rejected == lines.count - bodies.count)
        #expect(summary.rejected >= 2)
        let stored = try await Hostile.read(ledger) { try String.fetchAll($0, sql: "SELECT body FROM events ORDER BY position") }
        #expect(stored == bodies)
    }
}

import Crypto
import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// docs/security.md: someone who can write the file — and rewrite its chain, its tree and its
/// signed heads with a key of their own — is caught by the tree heads kept outside it; a
/// ticket's proof is checked without the ledger, by two implementations.
@Suite("Tamper evidence")
struct TamperEvidenceTests {
    static func cli(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run("ticket-ledger", arguments, environment: ["LOG_LEVEL": "error"])
    }

    static func python(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run(program: "/usr/bin/python3", ["\(LedgerFixtures.packageRoot)/Scripts/verify_proof.py"] + arguments)
    }

    /// The sample page ingested one item per run, each run appending its signed head to a digest log.
    static func ledger(in directory: TemporaryDirectory) async throws -> (db: String, digestLog: String) {
        let (db, log) = (directory.path("ledger.sqlite"), directory.path("digest.jsonl"))
        let page = try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: "\(LedgerFixtures.examples)/lifecycle-page.json"))))
        guard case .array(let items)? = page["tickets"] else { throw TemplateStepFailed("no tickets in the sample page") }
        for (index, item) in items.enumerated() {
            let file = try directory.write("item-\(index).jsonl", item.outputText + "\n")
            let run = try await cli(["ingest", "--organizer", "ORG-DEMO-1", "--file", file, "--mode", "lifecycle", "--digest-log", log, "--db", db])
            try #require(run.status == 0, "\(run.stderr)")
        }
        return (db, log)
    }

    /// What the adversarial insider does with nothing but SQL and a hash library: turns
    /// SMP-0001's CONTROLLED into ONLINE_ACTIVATED, recomputes every later chain hash, rebuilds
    /// the tree, and replaces the signed heads with ones signed by a key of their own.
    static func forge(_ path: String) throws -> Int64 {
        let queue = try DatabaseQueue(path: path)
        return try queue.write { db in
            let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger'")
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
            let position = try #require(try Int64.fetchOne(
                db, sql: "SELECT position FROM events WHERE ticket_id = 'SMP-0001' AND status = 'CONTROLLED'"))
            try db.execute(
                sql: "UPDATE events SET status = 'ONLINE_ACTIVATED', body = replace(body, 'CONTROLLED', 'ONLINE_ACTIVATED') WHERE position = ?",
                arguments: [position])
            var records: [EventRecord] = []
            var rows = try DirectStatement(sql: "SELECT \(EventRecord.columns) FROM events ORDER BY position", db: db)
            try rows.forEachRow { records.append(EventRecord($0)) }
            var previous = RowEncoding.genesis
            var tree = MerkleFrontier()
            try db.execute(sql: "DELETE FROM merkle_nodes")
            var insertNode = try MerkleFrontier.insertStatement(db)
            for record in records {
                previous = record.encoding.chainHash(after: previous)
                try db.execute(sql: "UPDATE events SET chain_hash = ? WHERE position = ?", arguments: [previous, record.position])
                try tree.append(leaf: record.encoding.leafHash, storingWith: &insertNode)
            }
            try db.execute(sql: "DELETE FROM tree_heads")
            let head = try SignedTreeHead.signed(
                ledgerID: try LedgerIdentity.id(db), treeSize: tree.size, rootHash: tree.root, at: Timestamp.now(),
                by: Curve25519.Signing.PrivateKey())
            try db.execute(
                sql: "INSERT INTO tree_heads (tree_size, root_hash, signed_at, signature, public_key) VALUES (?, ?, ?, ?, ?)",
                arguments: [head.treeSize, head.rootHash, head.timestamp.microseconds, head.signature, head.publicKey])
            for sql in triggers { try db.execute(sql: sql) }
            return position
        }
    }

    @Test func aForgerWhoRewritesTheFileItsChainTreeAndHeadsIsCaughtByTheHeadsKeptOutside() async throws {
        let directory = try TemporaryDirectory()
        let (db, log) = try await Self.ledger(in: directory)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 8, "a head per run")
        #expect(try await Self.cli(["verify", "--digest", log, "--db", db]).status == 0)

        let position = try Self.forge(db)
        // The forgery is thorough: the file agrees with itself, so the ledger alone cannot tell.
        let alone = try await Self.cli(["verify", "--db", db])
        #expect(alone.status == 0, "the forgery left a trace the test did not mean to: \(alone.stderr)")
        // The heads kept outside can, and say where.
        let caught = try await Self.cli(["verify", "--digest", log, "--db", db])
        #expect(caught.status == 1)
        #expect(caught.stderr.contains("the event at position \(position) changed"), "\(caught.stderr)")
        let json = try await Self.cli(["verify", "--digest", log, "--json", "--db", db])
        let digest = try JSONParser.parse(Array(json.stdout.utf8))["digest"]
        #expect(digest?["firstPosition"] == .integer(position) && digest?["lastPosition"] == .integer(position))

        // A head whose signature was tampered with is refused, whatever the ledger holds.
        var broken = try #require(SignedTreeHead(json: try JSONParser.parse(Array(lines[0].utf8))))
        broken.signature[0] ^= 1
        let bad = try directory.write("bad.jsonl", broken.json.outputText + "\n")
        let refused = try await Self.cli(["verify", "--digest", bad, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("does not bear its signature"), "\(refused.stderr)")
    }

    @Test func aTicketsProofHoldsInBothCheckersAfterForgetAndFailsInBothWithOneByteChanged() async throws {
        let directory = try TemporaryDirectory()
        let db = try await ReadsNeverWriteTests.ledger(in: directory)
        let forget = try await Self.cli(["forget", "--email", "kofi.mensah@example.com", "--yes", "--db", db])
        #expect(forget.status == 0, "\(forget.stderr)")
        let proof = try await Self.cli(["history", "SMP-0001", "--proof", "--json", "--db", db])
        #expect(proof.status == 0, "\(proof.stderr)")
        let file = try directory.write("proof.json", proof.stdout)
        let key = try await Self.cli(["digest", "--public-key", "--db", db]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let checked = try await Self.cli(["check-proof", file, "--public-key", key])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("proof holds: 6 event(s)"), "\(checked.stdout)")
        let python = try await Self.python([file, "--public-key", key])
        #expect(python.status == 0, "\(python.stdout) \(python.stderr)")

        // One byte of one event's stored row (its sealed holder) changed: both checkers refuse it.
        var document = try JSONParser.parse(Array(proof.stdout.utf8))
        guard case .object(var members) = document, let at = members.firstIndex(where: { $0.key == "events" }),
            case .array(var events) = members[at].value, case .object(var event) = events[1],
            let leafAt = event.firstIndex(where: { $0.key == "leaf" }), var leaf = event[leafAt].value.stringValue.flatMap({ Data(base64Encoded: $0) })
        else { throw TemplateStepFailed("the proof document has no events") }
        leaf[leaf.count - 40] ^= 1
        event[leafAt].value = .string(leaf.base64EncodedString())
        events[1] = .object(event)
        members[at].value = .array(events)
        document = .object(members)
        let altered = try directory.write("altered.json", document.outputText)
        let refused = try await Self.cli(["check-proof", altered, "--public-key", key])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("inclusion proof fails"), "\(refused.stderr)")
        let pythonRefused = try await Self.python([altered, "--public-key", key])
        #expect(pythonRefused.status == 1, "\(pythonRefused.stdout)")
        // Under another key, the same good proof is not the ledger's.
        let otherKey = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString()
        #expect(try await Self.cli(["check-proof", file, "--public-key", otherKey]).status == 1)
        #expect(try await Self.python([file, "--public-key", otherKey]).status == 1)
    }
}

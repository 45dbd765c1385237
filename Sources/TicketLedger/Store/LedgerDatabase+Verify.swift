import Foundation
import GRDB

/// The outcome of `verify`.
public struct VerifyReport: Sendable, Equatable {
    /// Events read along the chain, the first bad one included; 0 when the integrity check failed (the chain is then not walked).
    public var events: Int
    /// SQLite's integrity check said "ok".
    public var integrityOK: Bool
    /// The first position whose row does not match the chain (or breaks the sequence), if any.
    public var firstBadPosition: Int64?
    /// Why the ledger is not intact: what the integrity check said, or what is wrong at `firstBadPosition`; nil when intact.
    public var problem: String?

    /// Whether the integrity check passed, every event matched the chain, and the tree and its heads match the events.
    public var intact: Bool { integrityOK && problem == nil }

    /// Exactly the fields of `verify --json` (docs/cli.md); `integrityCheck` is ``integrityOK``.
    public var json: JSONValue {
        .object([
            ("intact", .bool(intact)), ("events", .integer(Int64(events))), ("integrityCheck", .bool(integrityOK)),
            ("firstBadPosition", .integer(firstBadPosition)), ("problem", .string(problem)),
        ])
    }
}

extension LedgerDatabase {
    /// Runs SQLite's integrity check, then recomputes the hash chain and the Merkle tree from
    /// the first event, checking the tree against the stored one and every stored tree head
    /// (its root at its size, and its signature under the key it names).
    public func verify(progress: ProgressReporter? = nil) async throws -> VerifyReport {
        try await read { db in
            let heads = try Self.treeHeads(db)
            var nextHead = heads.startIndex
            var tree = MerkleFrontier()
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            var report = VerifyReport(events: 0, integrityOK: integrity == ["ok"], firstBadPosition: nil, problem: nil)
            if !report.integrityOK { report.problem = "SQLite integrity check: \(integrity.prefix(3).joined(separator: "; "))" }
            var rows = try DirectStatement(sql: "SELECT \(EventRecord.columns), chain_hash FROM events ORDER BY position", db: db)
            var previous = RowEncoding.genesis
            var expectedPosition: Int64 = 1
            /// The first stored head at the tree's size that the events (or its signature) no longer bear out.
            func checkHeads() throws {
                while nextHead < heads.endIndex, heads[nextHead].treeSize <= tree.size {
                    let head = heads[nextHead]
                    nextHead += 1
                    guard report.problem == nil else { return }
                    if head.treeSize == tree.size, head.rootHash != tree.root {
                        report.firstBadPosition = nil
                        report.problem = "the events no longer match the tree head signed at size \(head.treeSize) (\(head.timestamp)): an event at or before position \(head.treeSize) changed"
                    } else if !head.hasValidSignature() {
                        report.problem = "the tree head of size \(head.treeSize) does not bear its signature"
                    }
                }
            }
            try checkHeads()
            try rows.forEachRow { row in
                guard report.problem == nil else { return }
                let record = EventRecord(row)
                let stored = row.data(EventRecord.followingColumn)
                report.events += 1
                if record.position != expectedPosition {
                    report.firstBadPosition = expectedPosition
                    report.problem = "position \(expectedPosition) is missing (the next event is \(record.position))"
                } else if !record.isAsWritten {
                    report.firstBadPosition = record.position
                    report.problem = "the event at position \(record.position) holds a value the ledger never writes"
                } else {
                    let encoding = record.encoding
                    if encoding.chainHash(after: previous) != stored {
                        report.firstBadPosition = record.position
                        report.problem = "the event at position \(record.position) does not match its chain hash"
                        return
                    }
                    try tree.append(leaf: encoding.leafHash)
                    try checkHeads()
                    previous = stored ?? Data()
                    expectedPosition += 1
                    if report.events % 100_000 == 0 { progress?(report.events, total) }
                }
            }
            if report.problem == nil, tree.root != (try? Self.treeRoot(size: tree.size, db: db)) {
                report.problem = "the stored Merkle tree does not match the events: proofs from it would fail"
            }
            return report
        }
    }
}

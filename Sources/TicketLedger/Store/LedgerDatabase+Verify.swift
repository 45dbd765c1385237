import Foundation
import GRDB

/// The outcome of `verify`.
public struct VerifyReport: Sendable, Equatable {
    /// Events read along the chain, the first bad one included; 0 when the integrity check failed (the chain is then not walked).
    public var events: Int
    /// SQLite's integrity check said "ok" (or was not run: see ``integrityChecked``).
    public var integrityOK: Bool
    /// Whether SQLite's integrity check ran (not for a verify up to a position).
    public var integrityChecked = true
    /// The first position whose row does not match the chain (or breaks the sequence), if any.
    public var firstBadPosition: Int64?
    /// Why the ledger is not intact: what the integrity check said, or what is wrong at `firstBadPosition`; nil when intact.
    public var problem: String?

    /// Whether the integrity check passed, every event matched the chain, and the tree and its heads match the events.
    public var intact: Bool { integrityOK && problem == nil }

    /// Exactly the fields of `verify --json` (docs/cli.md); `integrityCheck` is ``integrityOK``.
    public var json: JSONValue {
        .object([
            ("intact", .bool(intact)), ("events", .integer(Int64(events))), ("integrityCheck", integrityChecked ? .bool(integrityOK) : .null),
            ("firstBadPosition", .integer(firstBadPosition)), ("problem", .string(problem)),
        ])
    }
}

extension LedgerDatabase {
    /// Events each verifying task reads and hashes at once: large enough that a task's set-up
    /// is noise, small enough that its leaf hashes (32 bytes each) stay a few MiB.
    static let eventsPerVerifyChunk: Int64 = 65_536

    /// Runs SQLite's integrity check, then recomputes the hash chain and the Merkle tree from
    /// the first event, checking the tree against the stored one and every stored tree head
    /// (its root at its size, and its signature under the key it names).
    ///
    /// Rows are read and hashed in chunks on every core (each row is checked against the
    /// stored hash of the row before it, so chunks are independent); the leaves are then
    /// folded into the tree in position order. The events verified are those present when it
    /// starts: events are immutable, so every later snapshot holds the same rows.
    ///
    /// With `through`, only the events up to that position, the tree heads signed at or below
    /// it and the stored tree nodes they cover: what a ticket whose last event is there rests
    /// on. SQLite's integrity check, which reads the whole file, is then left to a full verify.
    public func verify(through: Int64? = nil, progress: ProgressReporter? = nil) async throws -> VerifyReport {
        try await verify(through: through, progress: progress, eventsPerChunk: Self.eventsPerVerifyChunk)
    }

    /// ``verify(through:progress:)`` in chunks of `eventsPerChunk` events (tests use small ones).
    func verify(through: Int64? = nil, progress: ProgressReporter? = nil, eventsPerChunk: Int64) async throws -> VerifyReport {
        // SQLite's integrity check reads every page on one core: it runs beside the walk, not before it.
        async let integrity = through == nil ? read { db in try Self.mapped(db) { try String.fetchAll(db, sql: "PRAGMA integrity_check") } } : ["ok"]
        let (total, heads) = try await read { db in
            let total = min(try Self.lastPosition(db), through ?? .max)
            return (total, try Self.treeHeads(db).filter { through == nil || $0.treeSize <= total })
        }
        var report = VerifyReport(events: 0, integrityOK: true, firstBadPosition: nil, problem: nil)
        report.integrityChecked = through == nil
        var tree = MerkleFrontier()
        /// Every stored-level node the events make, to hold against `merkle_nodes` (proofs read them).
        var nodes: [(level: Int, index: Int64, hash: Data)] = []
        var nextHead = heads.startIndex
        /// The first stored head at the tree's size that the events (or its signature) no longer bear out.
        func checkHeads() {
            while nextHead < heads.endIndex, heads[nextHead].treeSize <= tree.size {
                let head = heads[nextHead]
                nextHead += 1
                guard report.problem == nil else { return }
                if head.treeSize == tree.size, head.rootHash != tree.root {
                    report.problem = """
                        the events no longer match the tree head signed at size \(head.treeSize) (\(head.timestamp)): \
                        an event at or before position \(head.treeSize) changed
                        """
                } else if !head.hasValidSignature() {
                    report.problem = "the tree head of size \(head.treeSize) does not bear its signature"
                }
            }
        }
        checkHeads()
        let starts = Array(stride(from: Int64(1), through: total, by: Int(eventsPerChunk)))
        let parallel = max(1, ProcessInfo.processInfo.activeProcessorCount)
        try await withThrowingTaskGroup(of: (Int, VerifiedChunk).self) { group in
            var done: [Int: VerifiedChunk] = [:]
            var (launched, consumed) = (0, 0)
            func launch() {
                guard launched < starts.count else { return }
                let (index, first) = (launched, starts[launched])
                let last = min(first + eventsPerChunk - 1, total)
                group.addTask { (index, try await self.read { db in try Self.mapped(db) { try VerifiedChunk(first...last, db: db) } }) }
                launched += 1
            }
            for _ in 0..<parallel { launch() }
            while consumed < starts.count, let (index, chunk) = try await group.next() {
                done[index] = chunk
                launch()
                while let next = done.removeValue(forKey: consumed) {
                    consumed += 1
                    guard report.problem == nil else { continue }
                    report.events += next.leaves.count + (next.problem == nil ? 0 : 1)
                    for leaf in next.leaves {
                        try tree.append(leaf: leaf) { nodes.append(($0, $1, $2)) }
                        checkHeads()
                        if report.problem != nil { break }
                    }
                    if report.problem == nil, let problem = next.problem {
                        report.firstBadPosition = problem.position
                        report.problem = problem.message
                    }
                    progress?(report.events, Int(total))
                }
            }
            group.cancelAll()
        }
        let found = try await integrity
        if found != ["ok"] {
            // A damaged file is named as such: what the walk made of it is not to be trusted.
            report = VerifyReport(
                events: 0, integrityOK: false, firstBadPosition: nil, problem: "SQLite integrity check: \(found.prefix(3).joined(separator: "; "))")
        }
        if report.problem == nil, nextHead < heads.endIndex {
            let head = heads[nextHead]
            report.problem = "a tree head signed at size \(head.treeSize) (\(head.timestamp)) counts more events than the ledger holds (\(tree.size)): events were removed"
        }
        if report.problem == nil {
            let made = nodes.sorted { ($0.level, $0.index) < ($1.level, $1.index) }
            let differs = try await read { db in try Self.storedNodesDiffer(from: made, coveringAtMost: through.map { _ in total }, db: db) }
            if let differs { report.problem = "the stored Merkle tree does not match the events (\(differs)): proofs from it would fail" }
        }
        return report
    }
}

extension LedgerDatabase {
    /// Where `merkle_nodes` differs from the nodes the events make (sorted by level and index),
    /// or nil: one pass over the table in its key order; with `leaves`, only the stored nodes
    /// within the first `leaves` leaves.
    static func storedNodesDiffer(from made: [(level: Int, index: Int64, hash: Data)], coveringAtMost leaves: Int64? = nil, db: Database) throws -> String? {
        var next = made.startIndex
        var differs: String?
        let within = leaves.map { " WHERE ((idx + 1) << level) <= \($0)" } ?? ""
        var rows = try DirectStatement(sql: "SELECT level, idx, hash FROM merkle_nodes\(within) ORDER BY level, idx", db: db)
        try rows.forEachRow { row in
            guard differs == nil else { return }
            let (level, index) = (Int(row.int64(0) ?? -1), row.int64(1) ?? -1)
            guard next < made.endIndex, made[next].level == level, made[next].index == index else {
                differs = "a node at level \(level), index \(index) the events do not make"
                return
            }
            if made[next].hash != row.data(2) { differs = "the node at level \(level), index \(index)" }
            next += 1
        }
        if differs == nil, next < made.endIndex { differs = "no node at level \(made[next].level), index \(made[next].index)" }
        return differs
    }

    /// What a verifying reader maps of the file: reading every page once through the memory
    /// map, not a read call per page, takes about a third off SQLite's integrity check.
    static let verifyMapBytes = 1 << 30

    /// Runs `body` with the file memory-mapped on `db`, then unmapped again.
    static func mapped<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.execute(sql: "PRAGMA mmap_size = \(verifyMapBytes)")
        defer { try? db.execute(sql: "PRAGMA mmap_size = 0") }
        return try body()
    }
}

/// One chunk of a verify: its rows checked against the chain, and their leaf hashes up to the
/// first row that fails (which is named).
struct VerifiedChunk: Sendable {
    var leaves: [Data] = []
    var problem: (position: Int64, message: String)?

    init(_ positions: ClosedRange<Int64>, db: Database) throws {
        leaves.reserveCapacity(positions.count)
        var previous = positions.lowerBound == 1
            ? RowEncoding.genesis
            : try Data.fetchOne(db, sql: "SELECT chain_hash FROM events WHERE position = ?", arguments: [positions.lowerBound - 1]) ?? Data()
        var expected = positions.lowerBound
        var rows = try DirectStatement(
            sql: "SELECT \(EventRecord.columns), chain_hash FROM events WHERE position BETWEEN ? AND ? ORDER BY position", db: db)
        rows.bind(positions.lowerBound)
        rows.bind(positions.upperBound)
        try rows.forEachRow { row in
            guard problem == nil else { return }
            let record = EventRecord(row)
            let stored = row.data(EventRecord.followingColumn)
            if record.position != expected {
                problem = (expected, "position \(expected) is missing (the next event is \(record.position))")
            } else if !record.isAsWritten {
                problem = (record.position, "the event at position \(record.position) holds a value the ledger never writes")
            } else {
                let encoding = record.encoding
                guard encoding.chainHash(after: previous) == stored else {
                    problem = (record.position, "the event at position \(record.position) does not match its chain hash")
                    return
                }
                leaves.append(encoding.leafHash)
                previous = stored ?? Data()
                expected += 1
            }
        }
        if problem == nil, expected <= positions.upperBound {
            problem = (expected, "position \(expected) is missing")
        }
    }
}

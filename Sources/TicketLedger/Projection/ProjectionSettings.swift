import Foundation
import GRDB

/// The rules a projection generation is built with: a rule set (kept whole in the
/// ledger) and a mode.
public struct ProjectionSettings: Sendable {
    /// The generation these settings belong to.
    var generation: Int64
    /// The stored rule set's row.
    var ruleSetID: Int64
    /// The mapping rule set the generation maps statuses and holders with.
    public var rules: MappingRuleSet
    /// How the generation reads observations: history or lifecycle (docs/domain.md §5).
    public var mode: ProjectionMode
    /// The bundled version name or file path the generation's rules were read from.
    public var ruleSource: String
    /// Hex SHA-256 of that file's bytes when it was read (nil for a generation older than migration 0010).
    public var ruleSourceHash: String?

    /// Whether the contacts projection runs under these settings (docs/domain.md §7).
    public var buildsContacts: Bool { rules.culturalContacts && mode == .lifecycle }
}

extension LedgerDatabase {
    /// The live projection's settings: the one way the library reads them. Every opened
    /// ledger has one (``init(path:projection:logger:now:pageLimit:)`` makes the first).
    func liveSettings(_ db: Database) throws -> ProjectionSettings {
        // Read on every query (an audit lookup included), so straight from the statement.
        var statement = try DirectStatement(sql: """
            SELECT p.generation, p.rule_set_id, p.mode, coalesce(p.source, r.source), p.source_hash
            FROM projections p JOIN rule_sets r ON r.id = p.rule_set_id
            WHERE p.state = 'live'
            """, db: db)
        let row = try statement.fetchOne { row in
            (generation: row.int64(0) ?? 0, ruleSetID: row.int64(1) ?? 0,
             mode: row.string(2).flatMap(ProjectionMode.init(rawValue:)) ?? .history, source: row.string(3) ?? "",
             sourceHash: row.string(4))
        }
        guard let live = row else { throw LedgerError.corrupt("the ledger \(path) has no live projection: its projections table was edited") }
        return ProjectionSettings(
            generation: live.generation, ruleSetID: live.ruleSetID, rules: try storedRules(live.ruleSetID, db: db),
            mode: live.mode, ruleSource: live.source, ruleSourceHash: live.sourceHash)
    }

    /// The live projection's settings.
    public func liveProjection() async throws -> ProjectionSettings {
        try await read { db in try self.liveSettings(db) }
    }

    /// A stored rule set, parsed once per process (stored rule sets never change).
    private func storedRules(_ id: Int64, db: Database) throws -> MappingRuleSet {
        if let cached = parsedRules.withLock({ $0[id] }) { return cached }
        guard let row = try Row.fetchOne(db, sql: "SELECT source, body FROM rule_sets WHERE id = ?", arguments: [id]) else {
            throw LedgerError.corrupt("the ledger's rule set \(id) is missing")
        }
        let rules = try MappingRuleSet.parse(row["body"], file: row["source"])
        parsedRules.withLock { $0[id] = rules }
        return rules
    }

    /// Stores a rule set as its canonical text (once per content hash: `source` names the first file
    /// it was read from; each generation names its own) and returns its row id.
    static func storeRuleSet(_ loaded: MappingDocument, at time: Timestamp, db: Database) throws -> Int64 {
        let rules = loaded.rules
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM rule_sets WHERE content_hash = ?", arguments: [rules.contentHash]) {
            return id
        }
        try db.execute(
            sql: "INSERT INTO rule_sets (version, content_hash, source, body, loaded_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [rules.version, rules.contentHash, loaded.source, rules.canonicalText, time.microseconds])
        return db.lastInsertedRowID
    }

    /// Adds a projection generation in the given state, built with rules read from `source` (whose bytes hash to `sourceHash`).
    static func createGeneration(
        ruleSetID: Int64, mode: ProjectionMode, state: String, source: String, sourceHash: String?, at time: Timestamp, db: Database
    ) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO projections (rule_set_id, mode, state, created_at, source, source_hash) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [ruleSetID, mode.rawValue, state, time.microseconds, source, sourceHash])
        return db.lastInsertedRowID
    }

    /// Makes `choice` the ledger's projection when the ledger has none, or has one over no
    /// event yet (nothing was projected under it, so nothing changes: a command that opened a
    /// new file before its first ingest chose no mapping). Otherwise refuses a choice that
    /// differs from what the ledger uses: changing it is ``replay(_:dryRun:progress:)``'s job.
    /// `asked` is `choice`'s rule set, loaded before the transaction.
    func adoptProjection(_ choice: RuleChoice, asked: RuleChoice.LoadedRules?, db: Database) throws {
        let hasLive = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM projections WHERE state = 'live')") ?? false
        if hasLive {
            let live = try liveSettings(db)
            let conflicts = (asked.map { $0.rules.contentHash != live.rules.contentHash } ?? false)
                || (choice.mode.map { $0 != live.mode } ?? false)
            guard conflicts else { return }
            guard try Self.lastPosition(db) == 0 else {
                if let asked, asked.rules.contentHash != live.rules.contentHash {
                    throw LedgerError.mappingConflict(
                        live: live.rules.version, liveSource: live.ruleSource, asked: asked.rules.version, askedSource: asked.source)
                }
                throw LedgerError.modeConflict(live: live.mode, asked: choice.mode ?? live.mode)
            }
            try db.execute(sql: "UPDATE projections SET state = 'retired' WHERE state = 'live'")
        }
        let loaded = try asked ?? MappingRuleSet.document(choice.newLedgerMapping ?? MappingRuleSet.newestBundledVersion)
        let ruleSetID = try Self.storeRuleSet(loaded, at: now(), db: db)
        _ = try Self.createGeneration(
            ruleSetID: ruleSetID, mode: choice.mode ?? choice.newLedgerMode, state: "live", source: loaded.source,
            sourceHash: loaded.sourceHash, at: now(), db: db)
    }
}

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
    /// The bundled version name or file path the rule set was loaded from.
    public var ruleSource: String

    /// Whether the contacts projection runs under these settings (docs/domain.md §7).
    public var buildsContacts: Bool { rules.culturalContacts && mode == .lifecycle }
}

extension LedgerDatabase {
    /// The live projection's settings: the one way the library reads them. Every opened
    /// ledger has one (``init(path:projection:logger:now:pageLimit:)`` makes the first).
    func liveSettings(_ db: Database) throws -> ProjectionSettings {
        // Read on every query (an audit lookup included), so straight from the statement.
        var statement = try DirectStatement(sql: """
            SELECT p.generation, p.rule_set_id, p.mode, r.source
            FROM projections p JOIN rule_sets r ON r.id = p.rule_set_id
            WHERE p.state = 'live'
            """, db: db)
        let row = try statement.fetchOne { row in
            (generation: row.int64(0) ?? 0, ruleSetID: row.int64(1) ?? 0,
             mode: row.string(2).flatMap(ProjectionMode.init(rawValue:)) ?? .history, source: row.string(3) ?? "")
        }
        guard let live = row else { throw LedgerError.corrupt("the ledger \(path) has no live projection: run `ticket-ledger replay`") }
        return ProjectionSettings(
            generation: live.generation, ruleSetID: live.ruleSetID, rules: try storedRules(live.ruleSetID, db: db),
            mode: live.mode, ruleSource: live.source)
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

    /// Stores a rule set (once per content hash) and returns its row id.
    static func storeRuleSet(_ rules: MappingRuleSet, body: String, source: String, at time: Timestamp, db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM rule_sets WHERE content_hash = ?", arguments: [rules.contentHash]) {
            return id
        }
        try db.execute(
            sql: "INSERT INTO rule_sets (version, content_hash, source, body, loaded_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [rules.version, rules.contentHash, source, body, time.microseconds])
        return db.lastInsertedRowID
    }

    /// Adds a projection generation in the given state.
    static func createGeneration(ruleSetID: Int64, mode: ProjectionMode, state: String, at time: Timestamp, db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO projections (rule_set_id, mode, state, created_at) VALUES (?, ?, ?, ?)",
            arguments: [ruleSetID, mode.rawValue, state, time.microseconds])
        return db.lastInsertedRowID
    }

    /// Creates the first projection from `choice` when the ledger has none; refuses a choice
    /// that differs from what the ledger already uses (changing it is ``replay(_:dryRun:progress:eventsPerChunk:)``'s job).
    func adoptProjection(_ choice: RuleChoice, db: Database) throws {
        let asked = try choice.loadedRules()
        guard let live = try? liveSettings(db) else {
            let loaded = try asked ?? RuleChoice.LoadedRules(MappingRuleSet.newestBundledVersion)
            let ruleSetID = try Self.storeRuleSet(loaded.rules, body: loaded.body, source: loaded.source, at: now(), db: db)
            _ = try Self.createGeneration(ruleSetID: ruleSetID, mode: choice.mode ?? choice.newLedgerMode, state: "live", at: now(), db: db)
            return
        }
        if let asked, asked.rules.contentHash != live.rules.contentHash {
            throw LedgerError.mappingConflict(live: live.rules.version, liveSource: live.ruleSource, asked: asked.source)
        }
        if let mode = choice.mode, mode != live.mode {
            throw LedgerError.modeConflict(live: live.mode, asked: mode)
        }
    }
}

/// The mapping and mode asked for; nil parts mean "the ledger's own" (for a new ledger: the
/// newest bundled mapping and `newLedgerMode`).
public struct RuleChoice: Sendable {
    /// A bundled version name or a file path.
    public var mapping: String?
    /// The projection mode; nil keeps the ledger's (for a new ledger, `newLedgerMode`).
    public var mode: ProjectionMode?
    /// The mode a new ledger takes when `mode` is nil (docs/domain.md: history unless told otherwise).
    public var newLedgerMode: ProjectionMode

    /// Asks for `mapping` and `mode`; nil keeps the ledger's own.
    public init(mapping: String? = nil, mode: ProjectionMode? = nil, newLedgerMode: ProjectionMode = .history) {
        self.mapping = mapping
        self.mode = mode
        self.newLedgerMode = newLedgerMode
    }

    /// A rule set with the text it was read from and where it came from.
    struct LoadedRules: Sendable {
        var rules: MappingRuleSet
        var body: String
        var source: String

        init(_ versionOrPath: String) throws {
            (rules, body) = try MappingRuleSet.resolveWithText(versionOrPath)
            source = versionOrPath
        }
    }

    /// The asked-for rule set, loaded; nil when none was asked for.
    func loadedRules() throws -> LoadedRules? { try mapping.map(LoadedRules.init) }
}

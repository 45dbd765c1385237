import Foundation
import GRDB

/// The rules a projection generation is built with: a rule set (kept whole in the
/// ledger) and a mode.
public struct ProjectionSettings: Sendable {
    /// The generation these settings belong to.
    public var generation: Int64
    /// The stored rule set's row.
    public var ruleSetID: Int64
    public var rules: MappingRuleSet
    public var mode: ProjectionMode
    /// The bundled version name or file path the rule set was loaded from.
    public var ruleSource: String

    /// Whether the contacts projection runs under these settings (docs/domain.md §7).
    public var buildsContacts: Bool { rules.culturalContacts && mode == .lifecycle }
}

extension LedgerDatabase {
    /// The live projection's settings, or nil for a ledger that has never been projected.
    func liveSettings(_ db: Database) throws -> ProjectionSettings? {
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
        guard let live = row else { return nil }
        return ProjectionSettings(
            generation: live.generation, ruleSetID: live.ruleSetID, rules: try storedRules(live.ruleSetID, db: db),
            mode: live.mode, ruleSource: live.source)
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
    static func storeRuleSet(_ rules: MappingRuleSet, body: String, source: String, db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM rule_sets WHERE content_hash = ?", arguments: [rules.contentHash]) {
            return id
        }
        try db.execute(
            sql: "INSERT INTO rule_sets (version, content_hash, source, body, loaded_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [rules.version, rules.contentHash, source, body, WallClock.nowMicroseconds()])
        return db.lastInsertedRowID
    }

    /// Adds a projection generation in the given state.
    static func createGeneration(ruleSetID: Int64, mode: ProjectionMode, state: String, db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO projections (rule_set_id, mode, state, created_at) VALUES (?, ?, ?, ?)",
            arguments: [ruleSetID, mode.rawValue, state, WallClock.nowMicroseconds()])
        return db.lastInsertedRowID
    }

    /// The live settings, creating the first projection from `requested` when the ledger has none;
    /// refuses a request that differs from what the ledger already uses (that is `replay`'s job).
    public func projectionSettings(requested: RuleChoice) async throws -> ProjectionSettings {
        let asked = try requested.loadedRules()
        return try await write { db in
            if let live = try self.liveSettings(db) {
                if let asked, asked.rules.contentHash != live.rules.contentHash {
                    throw LedgerError.settingsConflict(
                        "this ledger is projected with mapping \(live.rules.version) (\(live.ruleSource)), not \(asked.rules.version): run `ticket-ledger replay --mapping \(asked.source)` to change it")
                }
                if let mode = requested.mode, mode != live.mode {
                    throw LedgerError.settingsConflict(
                        "this ledger is projected in \(live.mode.rawValue) mode, not \(mode.rawValue): run `ticket-ledger replay --mode \(mode.rawValue)` to change it")
                }
                return live
            }
            let loaded = try asked ?? RuleChoice.LoadedRules(MappingRuleSet.newestBundledVersion)
            let ruleSetID = try Self.storeRuleSet(loaded.rules, body: loaded.body, source: loaded.source, db: db)
            let mode = requested.mode ?? requested.environmentMode
            let generation = try Self.createGeneration(ruleSetID: ruleSetID, mode: mode, state: "live", db: db)
            return ProjectionSettings(generation: generation, ruleSetID: ruleSetID, rules: loaded.rules, mode: mode, ruleSource: loaded.source)
        }
    }
}

/// The mapping and mode an operator asked for; nil parts mean "the ledger's own" (or the defaults for a new ledger).
public struct RuleChoice: Sendable {
    /// A bundled version name or a file path.
    public var mapping: String?
    public var mode: ProjectionMode?
    /// The mode a new ledger takes when none is asked for (`TIXNGO_LIFECYCLE_MODE`).
    public var environmentMode: ProjectionMode

    /// `environment` defaults to the process's.
    public init(mapping: String? = nil, mode: ProjectionMode? = nil, environment: [String: String]? = nil) {
        self.mapping = mapping
        self.mode = mode
        self.environmentMode = ProjectionMode.fromEnvironment(environment ?? ProcessInfo.processInfo.environment)
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
